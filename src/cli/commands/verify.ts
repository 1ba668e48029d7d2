/** `titres verify`: recompute every hash, check numbering and ledgers against the journal. */
import { verifyOut } from '../../verify/verify-out.js';
import { EXIT } from '../exit-codes.js';
import { formatProblems, problemJson, reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';

export interface VerifyOptions {
  out: string;
  json?: boolean;
}

export async function verifyCommand(opts: VerifyOptions, io: CliIo): Promise<number> {
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
