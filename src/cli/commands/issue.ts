/**
 * `titres issue`: read and validate the dataset, read the journal, plan the exercice (pure), then
 * either show the plan (--dry-run, optionally rendering previews) or issue it under the lock.
 */
import { readDataset } from '../../io/read-dataset.js';
import { readJournal } from '../../io/journal.js';
import { planForCli } from '../plan-for-cli.js';
import { EMPTY_HISTORY } from '../../engine/history.js';
import { formatEuros } from '../../engine/money.js';
import type { Plan, PlannedDocument } from '../../engine/plan-types.js';
import { issuePlan } from '../../apply/issue-plan.js';
import { previewPlan } from '../../apply/preview-plan.js';
import { writeJournalExcel } from '../../io/journal-excel.js';
import { createBatchRenderer } from '../../render/batch-renderer.js';
import { usageError } from '../../errors/titres-error.js';
import { documentDate, parseYear } from '../arguments.js';
import { rememberDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { planJson, type NumberedDocument } from '../format/plan-json.js';
import { planTable } from '../format/plan-table.js';
import { editionFor } from '../../pes/pes-edition.js';
import type { PesEdition } from '../../pes/pes-edition.js';
import type { Dataset } from '../../engine/dataset.js';
import { reportWarnings } from '../format/problems.js';
import { createProgress } from '../progress.js';
import type { CliIo } from '../io.js';

export interface IssueOptions {
  data: string;
  year: string;
  out?: string;
  dryRun?: boolean;
  previewDir?: string;
  date?: string;
  json?: boolean;
  excel?: boolean;
  quiet?: boolean;
  allowFutureDate?: boolean;
}

export async function issueCommand(opts: IssueOptions, io: CliIo): Promise<number> {
  const exercice = parseYear(opts.year);
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
  const history = opts.out ? await readJournal(opts.out) : EMPTY_HISTORY;
  const plan = planForCli(opts.data, dataset, history, { exercice, dateEmission });
  plan.avertissements = [...warnings, ...plan.avertissements];

  if (opts.dryRun) {
    if (opts.previewDir) {
      const renderer = createBatchRenderer(plan.documents.length, io.env);
      try {
        await previewPlan(plan, { dataset, history, outDir: opts.previewDir, renderer });
      } finally {
        await renderer.close();
      }
    }
    const numbered: NumberedDocument[] = plan.documents.map((document) => ({
      document,
      numero: null,
      bordereau: null,
      ...withEdition(dataset, document),
    }));
    if (opts.json) io.stdout(planJson(plan, numbered, true));
    else if (!opts.quiet) io.stdout(planTable(plan, numbered, true, io.stdoutColumns));
    reportWarnings(io, plan.avertissements, io.stdoutIsTTY && !opts.quiet);
    return EXIT.OK;
  }

  const out = opts.out!;
  const progress = createProgress(io, 'Émission', Boolean(opts.quiet) || Boolean(opts.json));
  const renderer = createBatchRenderer(plan.documents.length, io.env);
  let result;
  try {
    result = await issuePlan(plan, { dataset, history, outDir: out, renderer, excel: Boolean(opts.excel), onProgress: progress.update });
  } finally {
    progress.stop();
    await renderer.close();
  }
  await rememberDataset(out, opts.data, io.cwd);
  if (opts.excel) await writeJournalExcel(out, dataset.config.emetteur.nom);

  const numbered: NumberedDocument[] = result.issued.map((i) => ({
    document: i.document,
    numero: i.numero,
    bordereau: i.bordereau,
    fichier: i.fichier,
    ...withEdition(dataset, i.document),
  }));
  // without a terminal (cron) the table is not printed: the warnings go to stderr, one line each
  reportWarnings(io, plan.avertissements, io.stdoutIsTTY && !opts.quiet);
  if (opts.json) {
    io.stdout(planJson(plan, numbered, false));
    return EXIT.OK;
  }
  if (!opts.quiet && io.stdoutIsTTY) io.stdout(planTable(plan, numbered, false, io.stdoutColumns));
  if (!opts.quiet) io.stdout(summaryLine(exercice, out, numbered, result.bordereaux.length, plan) + '\n');
  return EXIT.OK;
}

function summaryLine(
  exercice: number,
  out: string,
  numbered: readonly NumberedDocument[],
  bordereaux: number,
  plan: Plan,
): string {
  if (numbered.length === 0) {
    return `titres ${exercice} : rien à émettre (${plan.sansTitre.length} adhésion(s) sans titre) ; dossier ${out}.`;
  }
  // numbers are assigned in plan order, one continuous series (R9)
  const range = `n° ${numbered[0].numero} à ${numbered[numbered.length - 1].numero}`;
  return (
    `titres ${exercice} : ${numbered.length} document(s) émis (${range}), ${bordereaux} bordereau(x), ` +
    `${formatEuros(plan.total)} € ; ${plan.sansTitre.length} adhésion(s) sans titre ; ` +
    `${plan.avertissements.length} avertissement(s) ; dossier ${out}.`
  );
}

/** Issue 14: a titre's PES Edition, shown in the plan (dry run, --json, table). */
function withEdition(dataset: Dataset, d: PlannedDocument): { edition?: PesEdition } {
  const edition = d.type === 'titre' ? editionFor(dataset, d.codeInsee) : undefined;
  return edition === undefined ? {} : { edition };
}
