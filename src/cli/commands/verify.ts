/** `titres verify`: recompute every hash, check numbering and ledgers against the journal. */
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { formatProblems, problemJson, reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';
import { examples, type Run } from './command.js';

export interface VerifyOptions {
  out: string;
  json?: boolean;
}

export function registerVerify(program: Command, run: Run): void {
  program
    .command('verify')
    .description('vérifie un dossier de sortie : empreintes, numérotation, registres')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie à vérifier')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText('after', examples(['titres verify --out sorties']))
    .action(run(verifyCommand));
}

export async function verifyCommand(opts: VerifyOptions, io: CliIo): Promise<number> {
  const { verifyOut } = await import('../../verify/verify-out.js');
  const report = await verifyOut(opts.out);
  if (opts.json) {
    io.stdout(
      JSON.stringify(
        { schema: 1, ok: report.ok, documents: report.checked.documents, fichiers: report.checked.files, problemes: report.problems.map(problemJson) },
        null,
        2,
      ) + '\n',
    );
  } else if (report.ok) {
    // a conforme folder may still carry warnings (a former version's journal, a stale lock): said on stderr
    reportWarnings(io, report.problems, false);
    io.stdout(`Dossier ${opts.out} : conforme (${report.checked.documents} documents, ${report.checked.files} fichiers vérifiés).\n`);
  } else {
    io.stderr(formatProblems(report.problems));
    io.stderr(`Dossier ${opts.out} : NON CONFORME.\n`);
  }
  return report.ok ? EXIT.OK : EXIT.VERIFY;
}
