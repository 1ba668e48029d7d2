/**
 * Issuing for real (R9): numbers, PDFs, journal, bordereaux, ledgers. Crash-safe protocol:
 *
 * 1. Before any write: read the journal (a torn last line is ignored), check that the plan was
 *    computed from it (else PLAN_STALE), validate the plan, assign numbers.
 * 2. Take the lock on OUT (fails fast with kind 'lock'); re-read the journal under the lock.
 * 3. Recovery: truncate a torn journal line; if run files (.titres/run-<exercice>.jsonl) are left,
 *    delete temp files and orphan PDFs (renamed but never journaled). An interrupted run of the
 *    same exercice and date is resumed: its journaled bordereau numbers are reused and its
 *    journaled documents kept in the new intent; any other interrupted run is finalized (its
 *    bordereaux and ledgers written) and closed.
 * 4. Write the run's intent atomically (run file), then, by batches of documents in plan order:
 *    render their PDFs to their final names (temp + fsync + rename + fsync of the folder, hashed
 *    on the way, a few at once), then append their journal lines in plan order with one write and
 *    one fsync (group commit). The journal line is the commit point: a kill before it leaves
 *    orphan PDFs that step 3 removes, and the resumed run renders them again under the same
 *    numbers.
 * 5. Finalize: bordereaux (PDF + CSV) from the journal, ledgers, remove the run file.
 * A kill at any instant thus ends, after the next run, in the state of an uninterrupted run.
 */
import type { Dataset } from '../engine/dataset.js';
import { issuedDocument, type History, type IssuedDocument } from '../engine/history.js';
import { toAmountString } from '../engine/money.js';
import type { Plan, PlannedDocument } from '../engine/plan-types.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { writeStreamAtomic } from '../io/atomic-write.js';
import { JournalAppender, readJournal, repairJournalTail } from '../io/journal.js';
import { acquireOutLock } from '../io/lock.js';
import { journalPath, resolveOut, type BordereauNature } from '../io/output-layout.js';
import type { DocumentRenderer } from '../render/views.js';
import { assignNumbers, bordereauKey, type Assigned } from './assign-numbers.js';
import { finalizeRun, journaledDocuments } from './finalize-run.js';
import { ledgerRow } from './ledger-row.js';
import { LedgerNames } from './ledger-update.js';
import { NetAmounts } from './net-amounts.js';
import { cleanOutDir } from './recover.js';
import { readRunFiles, writeRunFile, type RunDocument, type RunIntent } from './run-file.js';
import { buildTitreView } from './titre-view.js';
import { validatePlan } from './validate-plan.js';
import { mapPool } from './pool.js';

export interface IssueContext {
  dataset: Dataset;
  history: History;
  outDir: string;
  renderer: DocumentRenderer;
  excel?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Documents per journal commit (group commit: one append + fsync); default 32. */
  commitEvery?: number;
}

export interface IssueResult {
  issued: Array<{ numero: number; bordereau: number; fichier: string; sha256: string; document: PlannedDocument }>;
  bordereaux: Array<{ numero: number; nature: BordereauNature; service: string; fichier: string; total: string }>;
  /** What the recovery of an interrupted run did (OUT-relative paths), for the CLI's report. */
  recovered: { runs: number[]; orphans: string[]; tempFiles: string[]; tornJournalBytes: number };
}

function sameHistory(a: History, b: History): boolean {
  if (a.documents.length !== b.documents.length) return false;
  return a.documents.every((d, i) => {
    const e = b.documents[i];
    return d.exercice === e.exercice && d.numero === e.numero && d.sha256 === e.sha256;
  });
}

function staleError(outDir: string): TitresError {
  return new TitresError('state', [
    problem(
      'PLAN_STALE',
      'le journal a changé depuis le calcul du plan (une autre exécution a émis entre-temps) ; relancez la commande',
      { file: journalPath(outDir) },
    ),
  ]);
}

export async function issuePlan(plan: Plan, context: IssueContext): Promise<IssueResult> {
  const { dataset, outDir, renderer } = context;
  const excel = context.excel === true;
  const before = await readJournal(outDir);
  if (!sameHistory(before, context.history)) throw staleError(outDir);
  const problems = validatePlan(plan, dataset, before);
  if (problems.length > 0) throw new TitresError('state', problems);

  const lock = await acquireOutLock(outDir);
  try {
    const history = await readJournal(outDir);
    if (!sameHistory(history, context.history)) throw staleError(outDir);
    const tornJournalBytes = await repairJournalTail(outDir);
    const interrupted = await readRunFiles(outDir);
    const cleaned = await cleanOutDir(outDir, history.documents, interrupted.map((r) => r.exercice));
    const recovered = { runs: interrupted.map((r) => r.exercice), ...cleaned, tornJournalBytes };

    const resumed = interrupted.find(
      (r) => r.exercice === plan.exercice && r.dateEmission === plan.dateEmission && plan.documents.length > 0,
    );
    for (const run of interrupted) {
      if (run !== resumed) await finalizeRun(outDir, run, history.documents, { dataset, renderer, excel });
    }
    if (plan.documents.length === 0) return { issued: [], bordereaux: [], recovered };

    const kept = resumed ? journaledDocuments(resumed, history.documents) : [];
    const reuse = new Map<string, number>();
    const journaledBordereaux = new Set(kept.map((d) => d.bordereau));
    for (const b of resumed?.bordereaux ?? []) {
      if (journaledBordereaux.has(b.numero)) reuse.set(bordereauKey(b.service, b.nature), b.numero);
    }
    const assignment = assignNumbers(plan, history, dataset.config, reuse);
    const intent = await buildIntent(plan, assignment.documents, history, context, kept);
    const keptBordereaux = (resumed?.bordereaux ?? []).filter(
      (b) => journaledBordereaux.has(b.numero) && !assignment.bordereaux.some((a) => a.numero === b.numero),
    );
    intent.bordereaux = [...keptBordereaux, ...assignment.bordereaux].sort((a, b) => a.numero - b.numero);
    await writeRunFile(outDir, intent);

    const issued = await issueDocuments(plan, assignment.documents, history, context);
    const journal = [...history.documents, ...issued.map((i) => i.journal)];
    const bordereaux = await finalizeRun(outDir, intent, journal, { dataset, renderer, excel });
    return { issued: issued.map((i) => i.result), bordereaux, recovered };
  } finally {
    await lock.release();
  }
}

async function buildIntent(
  plan: Plan,
  assigned: readonly Assigned[],
  history: History,
  context: IssueContext,
  kept: readonly RunDocument[],
): Promise<RunIntent> {
  const nets = new NetAmounts(history);
  const names = new LedgerNames(context.outDir);
  const documents: RunDocument[] = [...kept];
  for (const { document: doc, numero, bordereau, fichier } of assigned) {
    const netApres = doc.titreOrigine ? nets.reduce(doc.titreOrigine, doc.montant)! : doc.montant;
    const ledgerName = await names.nameFor(doc.service, doc.codeInsee, doc.commune);
    const numbers = { numero, bordereau, dateEmission: plan.dateEmission, fichier, netApres };
    documents.push({
      numero,
      bordereau,
      type: doc.type,
      codeInsee: doc.codeInsee,
      commune: doc.commune,
      service: doc.service,
      montant: toAmountString(doc.montant),
      fichier,
      ledgerName,
      ledger: ledgerRow(doc, numbers, context.dataset.communes.get(doc.codeInsee)),
    });
  }
  return { exercice: plan.exercice, dateEmission: plan.dateEmission, bordereaux: [], documents };
}

/** Documents per journal commit (one append + fsync), and PDFs written at once within a batch. */
const DEFAULT_BATCH = 32;
const CONCURRENCY = 4;

type Issued = { journal: IssuedDocument; result: IssueResult['issued'][number] };

async function issueDocuments(
  plan: Plan,
  assigned: readonly Assigned[],
  history: History,
  context: IssueContext,
): Promise<Issued[]> {
  const nets = new NetAmounts(history);
  const appender = await JournalAppender.open(context.outDir);
  const out: Issued[] = [];
  try {
    const size = Math.max(1, context.commitEvery ?? DEFAULT_BATCH);
    for (let start = 0; start < assigned.length; start += size) {
      const batch = assigned.slice(start, start + size);
      const views = batch.map(({ document: doc, numero, bordereau }) => {
        const view = buildTitreView(doc, { dataset: context.dataset, nets, numero, bordereau, dateEmission: plan.dateEmission, preview: false });
        if (doc.titreOrigine) nets.reduce(doc.titreOrigine, doc.montant);
        return view;
      });
      // Group commit: the batch's PDFs are durable before its journal lines are appended, in plan order.
      const hashes = await mapPool(batch, CONCURRENCY, async ({ fichier }, i) =>
        (await writeStreamAtomic(resolveOut(context.outDir, fichier), context.renderer.renderTitre(views[i]))).sha256,
      );
      const issued = batch.map(({ document: doc, numero, bordereau, fichier }, i): Issued => {
        const journal = issuedDocument(doc, { numero, bordereau, dateEmission: plan.dateEmission, fichier, sha256: hashes[i] });
        return { journal, result: { numero, bordereau, fichier, sha256: hashes[i], document: doc } };
      });
      await appender.append(issued.map((i) => i.journal));
      out.push(...issued);
      context.onProgress?.(out.length, assigned.length);
    }
  } finally {
    await appender.close();
  }
  return out;
}
