/**
 * `titres issue`: read and validate the dataset; then either read OUT's journal (checked, no lock)
 * and show the plan (--dry-run, optionally rendering previews), or take OUT's lock, read and check
 * the journal, plan the exercice (pure) and issue it, all under the lock.
 */
import type { Command } from 'commander';
import { checkOutFolder } from '../../apply/check-out.js';
import type { Dataset } from '../../engine/dataset.js';
import type { IsoDate } from '../../engine/dates.js';
import { EMPTY_HISTORY, type History } from '../../engine/history.js';
import type { Plan, PlannedDocument } from '../../engine/plan-types.js';
import type { Sequence } from '../../engine/sequence.js';
import { usageError } from '../../errors/titres-error.js';
import { readDataset } from '../../io/read-dataset.js';
import { editionFor, type PesEdition } from '../../pes/pes-edition.js';
import { asDate, asYear, documentDate } from '../arguments.js';
import { rememberDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { planJsonChunks, type NumberedDocument } from '../format/plan-json.js';
import { reportWarnings } from '../format/problems.js';
import { planTableChunks } from '../format/plan-table.js';
import type { CliIo } from '../io.js';
import { planForCli } from '../plan-for-cli.js';
import { examples, type Run } from './command.js';
import { formatNumberFr } from '../../engine/french-format.js';

export interface IssueOptions {
  data: string;
  year: number;
  out?: string;
  dryRun?: boolean;
  previewDir?: string;
  date?: IsoDate;
  json?: boolean;
  excel?: boolean;
  quiet?: boolean;
  allowFutureDate?: boolean;
}

export function registerIssue(program: Command, run: Run): void {
  program
    .command('issue')
    .description('calcule les titres d’un exercice et les émet (ou les montre, avec --dry-run)')
    .requiredOption('-d, --data <dossier>', 'dossier du jeu de données')
    .requiredOption('-y, --year <exercice>', 'exercice à facturer, ex. 2026', asYear())
    .option('-o, --out <dossier>', 'dossier de sortie (journal, titres, bordereaux, registres)')
    .option('-n, --dry-run', 'calcule et affiche le plan sans rien écrire ni numéroter')
    .option('--preview-dir <dossier>', 'avec --dry-run : écrit les PDF d’aperçu, sans numéro')
    .option('--date <AAAA-MM-JJ>', "date d'émission (défaut : aujourd'hui), du 1er janvier de l'exercice au 31 janvier suivant", asDate())
    .option('--allow-future-date', 'accepte une date postérieure à aujourd’hui : répétition sur une copie du dossier de sortie')
    .option('--json', 'sortie JSON du contrat de données sur stdout')
    .option('--excel', 'écrit aussi les classeurs Excel (.xlsx) : journal, registres, bordereaux')
    .option('-q, --quiet', 'rien sur la sortie standard sauf les erreurs')
    .addHelpText(
      'after',
      examples([
        'titres issue --data samples/metropole-de-lyon --year 2026 --dry-run',
        'titres issue --data samples/metropole-de-lyon --year 2026 --dry-run --preview-dir apercu',
        'titres issue --data samples/metropole-de-lyon --year 2026 --out sorties --date 2026-06-15',
        'titres issue --data samples/metropole-de-lyon --year 2026 --dry-run --json > plan.json',
      ]),
    )
    .action(run(issueCommand));
}

export async function issueCommand(opts: IssueOptions, io: CliIo): Promise<number> {
  const exercice = opts.year;
  if (!opts.dryRun && !opts.out) {
    throw usageError('MISSING_OPTION', '--out est obligatoire pour émettre (ou ajouter --dry-run pour un aperçu)');
  }
  if (opts.previewDir && !opts.dryRun) {
    throw usageError('INVALID_OPTION_VALUE', '--preview-dir ne s’emploie qu’avec --dry-run');
  }
  // R9: a dry run dates nothing (any date may be previewed); a real run is dated today or before
  // (unless --allow-future-date), within the exercice's window.
  const dateEmission = opts.dryRun
    ? documentDate(opts.date, { allowFuture: true })
    : documentDate(opts.date, { allowFuture: opts.allowFutureDate, exercice });

  const { dataset, warnings } = await readDataset(opts.data);
  const plan = (history: History): Plan => {
    const planned = planForCli(opts.data, dataset, history, { exercice, dateEmission });
    planned.avertissements = [...warnings, ...planned.avertissements];
    return planned;
  };

  if (opts.dryRun) {
    // no lock, nothing written under OUT; a damaged OUT is refused all the same
    const history = opts.out ? (await checkOutFolder(opts.out)).history : EMPTY_HISTORY;
    const dry = plan(history);
    if (opts.previewDir) {
      const { previewPlan } = await import('../../apply/preview-plan.js');
      const { createBatchRenderer } = await import('../../render/batch-renderer.js');
      const renderer = await createBatchRenderer(dry.documents.length, io.env);
      try {
        await previewPlan(dry, { dataset, history, outDir: opts.previewDir, renderer });
      } finally {
        await renderer.close();
      }
    }
    // made only for what prints each document (--json, the table)
    const numbered = (): NumberedDocument[] =>
      dry.documents.map((document) => ({
        document,
        numero: null,
        bordereau: null,
        ...withEdition(dataset, document),
      }));
    const table = !opts.json && !opts.quiet;
    if (opts.json) for (const chunk of planJsonChunks(dry, numbered(), true)) io.stdout(chunk);
    else if (table) for (const chunk of planTableChunks(dry, numbered(), true, tableOptions(io))) io.stdout(chunk);
    reportWarnings(io, dry.avertissements, table && io.stdoutIsTTY);
    return EXIT.OK;
  }

  // lock first: take the lock, read and check the journal, plan, write (src/apply/out-session.ts)
  const out = opts.out!;
  const { withLockedOut } = await import('../../apply/out-session.js');
  const { issuePlan } = await import('../../apply/issue-plan.js');
  const { createBatchRenderer } = await import('../../render/batch-renderer.js');
  const { createProgress } = await import('../progress.js');
  const { planned, result } = await withLockedOut(out, { excel: Boolean(opts.excel), author: dataset.config.emetteur.nom }, async (locked) => {
    const planned = plan(locked.history);
    const progress = createProgress(io, 'Émission', Boolean(opts.quiet) || Boolean(opts.json));
    const renderer = await createBatchRenderer(planned.documents.length, io.env);
    try {
      const result = await issuePlan(planned, { dataset, out: locked, renderer, excel: Boolean(opts.excel), onProgress: progress.update });
      await rememberDataset(out, opts.data, io.cwd);
      return { planned, result };
    } finally {
      progress.stop();
      await renderer.close();
    }
  });

  // made only for what prints each document (--json, the table)
  const numbered = (): NumberedDocument[] =>
    Array.from(result.issued, (i) => ({
      document: i.document,
      numero: i.numero,
      bordereau: i.bordereau,
      fichier: i.fichier,
      ...withEdition(dataset, i.document),
    }));
  // without a terminal (cron) the table is not printed: the warnings go to stderr, one line each
  reportWarnings(io, planned.avertissements, io.stdoutIsTTY && !opts.quiet);
  if (opts.json) {
    for (const chunk of planJsonChunks(planned, numbered(), false)) io.stdout(chunk);
    return EXIT.OK;
  }
  if (!opts.quiet && io.stdoutIsTTY) for (const chunk of planTableChunks(planned, numbered(), false, tableOptions(io))) io.stdout(chunk);
  if (!opts.quiet) io.stdout(summaryLine(exercice, out, result.issued, result.bordereaux.length, planned) + '\n');
  return EXIT.OK;
}

function summaryLine(
  exercice: number,
  out: string,
  numbered: Sequence<{ numero: number }>,
  bordereaux: number,
  plan: Plan,
): string {
  if (numbered.length === 0) {
    return `titres ${exercice} : rien à émettre (${plan.sansTitre.length} adhésion(s) sans titre) ; dossier ${out}.`;
  }
  // numbers are assigned in plan order, one continuous series (R9)
  const range = `n° ${numbered.at(0)!.numero} à ${numbered.at(-1)!.numero}`;
  return (
    `titres ${exercice} : ${numbered.length} document(s) émis (${range}), ${bordereaux} bordereau(x), ` +
    `${formatNumberFr(plan.total)} € ; ${plan.sansTitre.length} adhésion(s) sans titre ; ` +
    `${plan.avertissements.length} avertissement(s) ; dossier ${out}.`
  );
}

/** Issue 14: a titre's PES Edition, shown in the plan (dry run, --json, table). */
function withEdition(dataset: Dataset, d: PlannedDocument): { edition?: PesEdition } {
  const edition = d.type === 'titre' ? editionFor(dataset, d.codeInsee) : undefined;
  return edition === undefined ? {} : { edition };
}

/** The plan's table fits a terminal and ends with the warnings there; piped, full width, the warnings on stderr. */
function tableOptions(io: CliIo): { width?: number; warnings: boolean } {
  return { width: io.stdoutColumns, warnings: io.stdoutIsTTY };
}
