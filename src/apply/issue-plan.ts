/**
 * Issuing for real (R9): numbers, PDFs, journal, bordereaux, ledgers, under the lock. Crash-safe
 * protocol, called by `withLockedOut` (out-session.ts) once the lock is taken and the folder read
 * and checked (check-out.ts), with a plan computed from that very journal:
 *
 * 1. Validate the plan against the journal; check the ledgers the plan will append to (an edited
 *    ledger row is damage). Nothing is written before this.
 * 2. Recovery: truncate a torn journal line (check-out.ts accepted it only with a run file); if
 *    run files (.titres/run-<exercice>.jsonl) are left, delete temp files and orphan PDFs (renamed
 *    but never journaled). An interrupted run of the same exercice and date is resumed: its
 *    journaled bordereau numbers are reused and its journaled documents kept in the new intent;
 *    any other interrupted run is finalized (its bordereaux and ledgers written) and closed.
 * 3. Number the plan (engine/numbered-plan.ts): every document's number, bordereau, net amounts;
 *    then its file and ledger row. Write the run's intent atomically (run file).
 * 4. By batches of documents in plan order: render their PDFs to their final names (temp + fsync +
 *    rename + fsync of the folder, hashed and measured on the way, a few at once), then append
 *    their journal lines, chained, in plan order with one write and one fsync (group commit). The
 *    journal line is the commit point: a kill before it leaves orphan PDFs that step 2 removes,
 *    and the resumed run renders them again under the same numbers.
 *    Once a batch is journaled, its ledger rows are appended to their ledgers while the next
 *    batches are rendered (LedgerWrites).
 * 5. Finalize: bordereaux (PDF + CSV) from the journal, the ledger rows not appended yet (those of
 *    an interrupted run this one resumes), remove the run file.
 * A kill at any instant thus ends, after the next run, in the state of an uninterrupted run.
 */
import type { Dataset } from '../engine/dataset.js';
import { issuedDocument, type IssuedDocument } from '../engine/history.js';
import { amountStringOfText, type Decimal } from '../engine/money.js';
import type { IsoDate } from '../engine/dates.js';
import type { CsvRow } from '../io/csv-write.js';
import { numberPlan, type NumberedDocument, type NumberedDocuments } from '../engine/numbered-plan.js';
import { positionIn, type Sequence } from '../engine/sequence.js';
import { groupKey, natureOf, type BordereauNature } from '../engine/bordereaux.js';
import { hasBordereau, inFull, montantText, type DocumentType, type Plan, type PlannedDocument } from '../engine/plan-types.js';
import { TitresError } from '../errors/titres-error.js';
import { FolderSyncs, writeStreamAtomic } from '../io/atomic-write.js';
import { JournalAppender, repairJournalTail } from '../io/journal.js';
import { documentFile, resolveOut } from '../io/output-layout.js';
import type { Readable } from 'node:stream';
import type { DocumentRenderer } from '../render/views.js';
import { damaged } from './check-out.js';
import {
  appendLedgerBatch,
  finalizeRun,
  finalizedRun,
  journaledDocuments,
  runCommunes,
  seriesKey,
  type JournaledDoc,
  type LedgerRowOf,
} from './finalize-run.js';
import { ledgerRow, ledgerRowSha256 } from '../io/ledger-row.js';
import { checkLedgers, LedgerNames } from './ledger-update.js';
import type { LockedOut } from './out-session.js';
import { cleanOutDir } from './recover.js';
import { readRunDocuments, writeRunFile, type RunDocument, type RunHead } from './run-file.js';
import { stage } from './stages.js';
import { buildTitreView } from './titre-view.js';
import { validatePlan } from './validate-plan.js';
import { mapPool } from '../io/pool.js';
import { Sha256Column } from './sha256-column.js';

export interface IssueContext {
  dataset: Dataset;
  /** The folder under its lock, read and checked: the plan was computed from `out.history`. */
  out: LockedOut;
  renderer: DocumentRenderer;
  excel?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Documents per journal commit (group commit: one append + fsync); default 32. */
  commitEvery?: number;
}

export interface IssuedResult {
  numero: number;
  /** 0 and no nature for a statement of compte 673, which goes in no bordereau (R10). */
  bordereau: number;
  nature?: BordereauNature;
  fichier: string;
  sha256: string;
  document: PlannedDocument;
}

export interface IssueResult {
  /** In plan order (numbers ascending); made when read (issue 12, flat memory). */
  issued: Sequence<IssuedResult>;
  bordereaux: Array<{ numero: number; nature: BordereauNature; service: string; fichier: string; total: string }>;
  /** What the recovery of an interrupted run did (OUT-relative paths), for the CLI's report. */
  recovered: { runs: number[]; orphans: string[]; tempFiles: string[]; tornJournalBytes: number };
}

export async function issuePlan(plan: Plan, context: IssueContext): Promise<IssueResult> {
  const { dataset, renderer, out } = context;
  const { outDir, history, interrupted } = out;
  const excel = context.excel === true;
  const problems = validatePlan(plan, dataset, history);
  if (problems.length > 0) throw new TitresError('state', problems);
  const names = new LedgerNames(outDir);
  const ledgerProblems = await checkLedgers(outDir, plan.documents, names, history, new Set(interrupted.map((r) => r.exercice)));
  if (ledgerProblems.length > 0) throw damaged(ledgerProblems, outDir);

  const tornJournalBytes = await repairJournalTail(outDir);
  const cleaned = await cleanOutDir(outDir, history.documents, interrupted.map((r) => r.exercice));
  const recovered = { runs: interrupted.map((r) => r.exercice), ...cleaned, tornJournalBytes };

  const resumed = interrupted.find(
    (r) => r.exercice === plan.exercice && r.dateEmission === plan.dateEmission && plan.documents.length > 0,
  );
  for (const run of interrupted) {
    if (run !== resumed) await finalizeRun(outDir, finalizedRun(run), out.journal.entries, { dataset, renderer, excel });
  }
  if (plan.documents.length === 0) return { issued: [], bordereaux: [], recovered };

  const kept = resumed ? journaledDocuments(resumed, history.documents) : [];
  const reuse = new Map<string, number>();
  const journaledBordereaux = new Set(kept.filter((d) => hasBordereau(d.type)).map((d) => `${natureOf(d.type)}/${d.bordereau}`));
  for (const b of resumed?.bordereaux ?? []) {
    if (journaledBordereaux.has(`${b.nature}/${b.numero}`)) reuse.set(groupKey(b.service, b.nature), b.numero);
  }
  const numbered = numberPlan(plan, history, dataset.config.numerotation, reuse);
  await stage('numbered', outDir);
  const fresh = new Set(numbered.bordereaux.map((b) => `${b.nature}/${b.numero}`));
  const keptBordereaux = (resumed?.bordereaux ?? []).filter(
    (b) => journaledBordereaux.has(`${b.nature}/${b.numero}`) && !fresh.has(`${b.nature}/${b.numero}`),
  );
  const head: RunHead = { exercice: plan.exercice, dateEmission: plan.dateEmission, bordereaux: [...keptBordereaux, ...numbered.bordereaux] };
  await writeRunFile(outDir, head, runDocuments(numbered.documents, plan, context, names, kept));

  const ledgers = new LedgerWrites((docs) => appendLedgerBatch(outDir, docs, { dataset, excel, names }));
  const issued = await issueDocuments(plan, numbered.documents, context, names, ledgers);
  await renderer.titresDone?.();
  await stage('finalizing', outDir);
  const journal = function* (): Generator<{ doc: JournaledDoc; chain: string }> {
    yield* out.journal.entries;
    for (const doc of issued) yield { doc, chain: doc.chain };
  };
  // the ledger rows are read back from the run file; the commune names are the dataset's, but for the kept documents
  const run = { ...head, documents: readRunDocuments(outDir, plan.exercice), communes: runCommunes(kept) };
  // this run's rows are in their ledgers (LedgerWrites): only those of the documents kept from an interrupted run are left
  const ledgersOf = new Set(kept.map(seriesKey));
  const bordereaux = await finalizeRun(outDir, run, journal(), { dataset, renderer, excel, ledgersOf });
  return { issued, bordereaux, recovered };
}

type Numbers = Pick<NumberedDocument, 'document' | 'numero' | 'bordereau' | 'netApres'>;

/**
 * A numbered document's file and ledger row (the same when the run file is written and when it is
 * journaled). `full`, when given, is `inFull(n.document)`: the same document with its liquidation
 * already produced, whose figures the row reads instead of liquidating the titre again.
 */
function fileAndLedger(n: Numbers, dateEmission: IsoDate, dataset: Dataset, full?: PlannedDocument): { fichier: string; ledger: CsvRow } {
  const doc = full ?? n.document;
  const fichier = documentFile(doc, n.numero);
  const numbers = { numero: n.numero, bordereau: n.bordereau, dateEmission, fichier, netApres: n.netApres };
  return { fichier, ledger: ledgerRow(doc, numbers, dataset.communes.get(doc.codeInsee)) };
}

/** A numbered document's line of the run file. */
export function runDocument(n: Numbers, dateEmission: IsoDate, dataset: Dataset, ledgerName: string): RunDocument {
  const doc = n.document;
  const { fichier, ledger } = fileAndLedger(n, dateEmission, dataset);
  return {
    numero: n.numero,
    bordereau: n.bordereau,
    type: doc.type,
    codeInsee: doc.codeInsee,
    commune: doc.commune,
    service: doc.service,
    montant: amountStringOfText(montantText(doc)),
    fichier,
    ledgerName,
    ledger,
  };
}

/** The run file's documents: those kept from the interrupted run, then this run's, made one at a time. */
async function* runDocuments(
  documents: Iterable<NumberedDocument>,
  plan: Plan,
  context: IssueContext,
  names: LedgerNames,
  kept: readonly RunDocument[],
): AsyncGenerator<RunDocument> {
  yield* kept;
  for (const n of documents) {
    const doc = n.document;
    const ledgerName = names.known(doc.service, doc.codeInsee, doc.commune) ?? (await names.nameFor(doc.service, doc.codeInsee, doc.commune));
    yield runDocument(n, plan.dateEmission, context.dataset, ledgerName);
  }
}

/**
 * A document once journaled, as the rest of the run reads it: the CLI's result, and what
 * finalizing reads of its journal line, both as getters over its numbered document and the run.
 * Made when read from the run's IssuedDocuments, never held by the run.
 */
class IssuedEntry implements IssuedResult, JournaledDoc {
  constructor(
    private readonly n: NumberedDocument,
    private readonly run: IssuedDocuments,
    /** Its place in the run's numbered documents. */
    private readonly index: number,
  ) {}

  /**
   * The journal's chain at this line if it is the last of its bordereau, the only one finalizing
   * reads (bordereaux.csv's chaine_journal); else ''.
   */
  get chain(): string {
    return this.run.chainOf(this.n, this.index);
  }
  get sha256(): string {
    return this.run.sha256.get(this.index);
  }
  get dateEmission(): IsoDate {
    return this.run.dateEmission;
  }

  get numero(): number {
    return this.n.numero;
  }
  get bordereau(): number {
    return this.n.bordereau;
  }
  get nature(): BordereauNature | undefined {
    return this.n.nature;
  }
  get document(): PlannedDocument {
    return this.n.document;
  }
  get fichier(): string {
    return documentFile(this.n.document, this.n.numero);
  }
  get exercice(): number {
    return this.n.document.exercice;
  }
  get type(): DocumentType {
    return this.n.document.type;
  }
  get service(): string {
    return this.n.document.service;
  }
  get codeInsee(): string {
    return this.n.document.codeInsee;
  }
  get montant(): Decimal {
    return this.n.document.montant;
  }
  get titreOrigine(): PlannedDocument['titreOrigine'] {
    return this.n.document.titreOrigine;
  }
}

/**
 * The documents a run has journaled, in plan order, held in columns (issue 12, flat memory: an
 * object a document, ~90 bytes, was held through the run): the numbered plan, the PDFs' digests,
 * and the journal's chain at the last line of each bordereau. An IssuedEntry is made when read.
 */
class IssuedDocuments implements Sequence<IssuedEntry> {
  /** Documents journaled so far: the first `length` of the numbered plan. */
  length = 0;
  readonly sha256: Sha256Column;
  /** The last journaled line of each bordereau, by nature/number: its place in the plan and the journal's chain there. */
  readonly #lastOfBordereau = new Map<string, { index: number; chain: string }>();

  constructor(
    private readonly numbered: NumberedDocuments,
    readonly dateEmission: IsoDate,
  ) {
    this.sha256 = new Sha256Column(numbered.length);
  }

  /** The next document of the plan is journaled: its PDF's digest and the journal's chain at its line. */
  push(n: NumberedDocument, sha256: string, chain: string): void {
    const index = this.length++;
    this.sha256.set(index, sha256);
    this.#lastOfBordereau.set(bordereauOf(n), { index, chain });
  }

  /** The journal's chain at document `index` (`n`) if its line is the last of its bordereau; else ''. */
  chainOf(n: NumberedDocument, index: number): string {
    const last = this.#lastOfBordereau.get(bordereauOf(n));
    return last?.index === index ? last.chain : '';
  }

  at(index: number): IssuedEntry | undefined {
    const i = positionIn(this.length, index);
    return i < 0 ? undefined : new IssuedEntry(this.numbered.at(i)!, this, i);
  }

  *[Symbol.iterator](): Iterator<IssuedEntry> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

const bordereauOf = (n: NumberedDocument): string => `${n.nature}/${n.bordereau}`;

/** Documents per journal commit (one append + fsync), and PDFs written at once within a batch. */
const DEFAULT_BATCH = 32;
const CONCURRENCY = 4;

/**
 * The renders of the documents not yet written, asked for ahead of the writes: while one batch is
 * written, fsynced and journaled, the rendering threads already lay out the next one (without it
 * they waited for every commit: a fifth of their time idle, 2 000 titres). Nothing is written
 * here; a render that fails (or throws) fails only when its document's turn to be written comes,
 * so a crash still happens at the same point of the journal.
 */
class RenderAhead {
  private readonly streams = new Map<number, () => Readable>();
  private next = 0;

  constructor(
    private readonly count: number,
    private readonly render: (index: number) => Readable,
  ) {}

  /** Asks for the renders of documents [next, end). */
  ahead(end: number): void {
    for (; this.next < Math.min(end, this.count); this.next++) {
      const index = this.next;
      try {
        const stream = this.render(index);
        stream.on('error', () => undefined); // reported by its writer, or dropped with an aborted run
        this.streams.set(index, () => stream);
      } catch (error) {
        this.streams.set(index, () => {
          throw error;
        });
      }
    }
  }

  /** The render of document `index` (asked for now if it was not). */
  take(index: number): Readable {
    this.ahead(index + 1);
    const stream = this.streams.get(index)!;
    this.streams.delete(index);
    return stream();
  }

  /** Drops the renders never taken (a run stopped by an error). */
  drop(): void {
    for (const stream of this.streams.values()) {
      try {
        stream().destroy();
      } catch {
        // a render that had thrown holds nothing
      }
    }
    this.streams.clear();
  }
}

/**
 * The ledger rows of the batches journaled, appended while the next batches are rendered and
 * written (issue 12: the 70 000 ledgers of a national run, appended after its last titre, made a
 * tail of 100 s with the rendering threads idle). One batch after the other, so that a ledger's
 * rows keep the run's order. Once settled, every row of the run's numbered documents is in its
 * ledger. A crash leaves the run file: the recovery appends every row again, and
 * appendLedgerRows appends only those a ledger lacks.
 */
class LedgerWrites {
  private queue: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(private readonly append: (docs: readonly LedgerRowOf[]) => Promise<void>) {}

  /** Appends these journaled documents' rows after those given before; throws an earlier append's error. */
  add(docs: readonly LedgerRowOf[]): void {
    this.rethrow();
    this.queue = this.queue.then(async () => {
      if (this.failure) return;
      try {
        await this.append(docs);
      } catch (error) {
        this.failure = { error };
      }
    });
  }

  /** Waits for the appends asked for; throws the first one's error. */
  async settle(): Promise<void> {
    await this.queue;
    this.rethrow();
  }

  /** Waits for the appends asked for, whatever they give (a run stopped by another error). */
  idle(): Promise<void> {
    return this.queue;
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }
}

async function issueDocuments(
  plan: Plan,
  numbered: NumberedDocuments,
  context: IssueContext,
  names: LedgerNames,
  ledgers: LedgerWrites,
): Promise<IssuedDocuments> {
  const appender = await JournalAppender.open(context.out.outDir, context.out.journal.head);
  // A titre's liquidation is produced once for its view and its journaled ledger row (it was
  // produced for each: issue 12, main thread's allocation): the row is made with the view, one or
  // two batches ahead, and kept until its batch is journaled. A row that could not be made so is
  // made in its batch, as before, which then throws what it throws.
  const prepared = new Map<number, { fichier: string; ledger: CsvRow }>();
  const renders = new RenderAhead(numbered.length, (index) => {
    const n = numbered.at(index)!;
    const full = inFull(n.document);
    try {
      prepared.set(index, fileAndLedger(n, plan.dateEmission, context.dataset, full));
    } catch {
      // made again in its batch
    }
    return context.renderer.renderTitre(buildTitreView(n, { dataset: context.dataset, dateEmission: plan.dateEmission, preview: false, full }));
  });
  const out = new IssuedDocuments(numbered, plan.dateEmission);
  try {
    const size = Math.max(1, context.commitEvery ?? DEFAULT_BATCH);
    for (let start = 0; start < numbered.length; start += size) {
      renders.ahead(start + 2 * size); // this batch and the next
      const batch = Array.from({ length: Math.min(size, numbered.length - start) }, (_, i) => {
        const n = numbered.at(start + i)!;
        const made = prepared.get(start + i);
        prepared.delete(start + i);
        return { n, ...(made ?? fileAndLedger(n, plan.dateEmission, context.dataset)) };
      });
      // Group commit: the batch's PDFs are durable before its journal lines are appended, in plan
      // order; their folders (the communes' and the one they were made in) are fsynced once for the batch.
      const folders = new FolderSyncs();
      const written = await mapPool(batch, CONCURRENCY, async ({ fichier }, i) =>
        writeStreamAtomic(resolveOut(context.out.outDir, fichier), renders.take(start + i), folders),
      );
      await folders.flush();
      const journal = batch.map(({ n, fichier, ledger }, i): IssuedDocument => {
        const { sha256, bytes } = written[i];
        const numbers = { numero: n.numero, bordereau: n.bordereau, dateEmission: plan.dateEmission, fichier, sha256 };
        return issuedDocument(n.document, { ...numbers, taille: bytes, ledgerSha256: ledgerRowSha256(ledger) });
      });
      const chains = await appender.append(journal);
      const rows: LedgerRowOf[] = [];
      for (const { n, ledger } of batch) {
        const { service, codeInsee, commune } = n.document;
        rows.push({ service, ledgerName: names.known(service, codeInsee, commune) ?? (await names.nameFor(service, codeInsee, commune)), ledger });
      }
      ledgers.add(rows);
      batch.forEach(({ n }, k) => out.push(n, journal[k].sha256, chains[k]));
      await stage('committed', context.out.outDir);
      context.onProgress?.(out.length, numbered.length);
    }
    await ledgers.settle();
  } finally {
    renders.drop();
    prepared.clear();
    await ledgers.idle();
    await appender.close();
  }
  return out;
}
