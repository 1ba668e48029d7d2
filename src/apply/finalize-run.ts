/**
 * End of a run (or recovery of an interrupted one): from the run's head and the journal, write
 * each bordereau (its lines are the journal's documents of that exercice, type and bordereau
 * number: engine/bordereaux.ts) and register it with its sha256, size and the journal's chain at
 * its last document (OUT/bordereaux.csv), append the journaled documents' rows to their ledgers,
 * then remove the run file.
 * Every step is idempotent (atomic rewrites, ledger rows matched on exercice + numero), so a
 * crash here is recovered by doing it again.
 */
import { nameOfCommune } from '../engine/commune-table.js';
import type { Dataset } from '../engine/dataset.js';
import type { IssuedDocument } from '../engine/history.js';
import { seriesOf, type DocumentType } from '../engine/plan-types.js';
import { toAmountString } from '../engine/money.js';
import type { CsvRow } from '../io/csv-write.js';
import { formatTitreRef } from '../io/journal-format.js';
import { bordereauBase, type BordereauNature } from '../io/output-layout.js';
import { bordereauKey, journalGroups } from '../engine/bordereaux.js';
import type { DocumentRenderer } from '../render/views.js';
import { PackedLines } from '../render/bordereau-lines.js';
import { exerciceCumuls } from '../io/bordereau-format.js';
import { writeBordereau } from './bordereau-write.js';
import { appendLedgerRows, type LedgerNames } from './ledger-update.js';
import { ledgerWorkbookName } from '../io/ledger-workbook.js';
import { registerBordereaux, type RegisteredBordereau } from '../io/bordereau-register.js';
import { mapPool } from '../io/pool.js';
import { FolderSyncs } from '../io/atomic-write.js';
import { removeRunFile, type RunDocument, type RunHead, type RunIntent } from './run-file.js';

export interface WrittenBordereau {
  numero: number;
  nature: BordereauNature;
  service: string;
  fichier: string; // OUT-relative path of the PDF
  total: string;
}

/**
 * A document's number within its series (statements of compte 673 have their own, R10): a
 * statement's negated, the two series never meet (numbers start at 1). A number, not a string
 * such as « titres:12 »: a national run made 70 000 of them to finalize (issue 12, flat memory).
 */
export const seriesKey = (d: { type: DocumentType; numero: number }): number => (seriesOf(d.type) === 'etats' ? -d.numero : d.numero);

/** What finalizing reads of a journaled document. */
export type JournaledDoc = Pick<
  IssuedDocument,
  'exercice' | 'numero' | 'bordereau' | 'type' | 'service' | 'codeInsee' | 'montant' | 'titreOrigine' | 'dateEmission' | 'fichier'
>;

/**
 * A run to finalize: its head (exercice, bordereaux), its documents in plan order (read once, for
 * the ledgers: the running issue reads them back from its run file, so that none is held) and the
 * commune names its plan gave, where they may differ from the dataset's (an interrupted run).
 */
export interface FinalizedRun extends RunHead {
  documents: Iterable<RunDocument> | AsyncIterable<RunDocument>;
  communes?: ReadonlyMap<number, string>;
}

/** The commune names a run's plan gave its documents. */
export function runCommunes(documents: readonly RunDocument[]): Map<number, string> {
  return new Map(documents.map((d) => [seriesKey(d), d.commune]));
}

/** An interrupted run read whole, to finalize. */
export function finalizedRun(intent: RunIntent): FinalizedRun {
  return { ...intent, communes: runCommunes(intent.documents) };
}

function isJournaled(planned: RunDocument, issued: JournaledDoc | undefined): boolean {
  return (
    issued !== undefined &&
    issued.codeInsee === planned.codeInsee &&
    issued.service === planned.service &&
    issued.type === planned.type &&
    issued.fichier === planned.fichier &&
    toAmountString(issued.montant) === planned.montant
  );
}

export async function finalizeRun(
  outDir: string,
  run: FinalizedRun,
  journal: Iterable<{ doc: JournaledDoc; chain: string }>,
  context: { dataset: Dataset; renderer: DocumentRenderer; excel: boolean; ledgersOf?: ReadonlySet<number> },
): Promise<WrittenBordereau[]> {
  const byNumero = new Map<number, JournaledDoc>();
  // only a bordereau's last document's chain is read: the running issue's other documents have ''
  const chainOf = new Map<JournaledDoc, string>();
  for (const { doc, chain } of journal) {
    if (doc.exercice !== run.exercice) continue;
    byNumero.set(seriesKey(doc), doc);
    if (chain !== '') chainOf.set(doc, chain);
  }
  const groups = journalGroups(byNumero.values(), run.exercice);
  const byBordereau = new Map(groups.map((g) => [bordereauKey(g), g.documents]));
  const communeName = (doc: JournaledDoc): string =>
    run.communes?.get(seriesKey(doc)) ?? nameOfCommune(context.dataset.communes, doc.codeInsee);

  const cumuls = exerciceCumuls(groups);
  const filled = run.bordereaux.flatMap((b) => {
    const key = bordereauKey({ exercice: run.exercice, nature: b.nature, numero: b.numero });
    const docs = byBordereau.get(key);
    return docs ? [{ b, docs, cumulExercice: toAmountString(cumuls.get(key)!) }] : [];
  });
  // asked for at once, so that this thread writes a bordereau's CSV while the next one is laid
  // out (threaded-renderer.ts lays them out one after the other, on a fresh thread: issue 12)
  const results = await mapPool(filled, BORDEREAUX_AT_ONCE, async ({ b, docs, cumulExercice }) => {
    // packed as they are made: a national bordereau's 35 000 lines, two at once (issue 12, flat memory)
    const lines = PackedLines.packEach(docs, (d) => ({
      numero: d.numero,
      type: d.type,
      codeInsee: d.codeInsee,
      commune: communeName(d),
      montant: toAmountString(d.montant),
      ...(d.titreOrigine ? { titreOrigine: formatTitreRef(d.titreOrigine) } : {}),
    }));
    const base = bordereauBase(run.exercice, b.nature, b.numero, b.service);
    const spec = { ...b, exercice: run.exercice, dateEmission: docs[0].dateEmission, lines, preview: false, cumulExercice };
    const { total, sha256, bytes } = await writeBordereau(outDir, base, spec, context);
    const written: WrittenBordereau = { numero: b.numero, nature: b.nature, service: b.service, fichier: `${base}.pdf`, total };
    const registered: RegisteredBordereau = {
      exercice: run.exercice,
      numero: b.numero,
      nature: b.nature,
      service: b.service,
      pieces: docs.length,
      total,
      fichier: `${base}.pdf`,
      sha256,
      taille: bytes,
      chaineJournal: chainOf.get(docs[docs.length - 1]) ?? '',
    };
    return { written, registered };
  });
  const written = results.map((r) => r.written);
  const registered = results.map((r) => r.registered);
  await registerBordereaux(outDir, registered);
  await appendRunLedgers(outDir, run.documents, byNumero, context);
  await removeRunFile(outDir, run.exercice);
  return written;
}

/** Bordereaux asked of the renderer at once. */
const BORDEREAUX_AT_ONCE = 2;

/** Ledger rows appended at once, at the most (a batch's ledgers are written 4 at a time). */
const LEDGER_BATCH = 256;

/** A document's ledger row and where it goes. */
export type LedgerRowOf = Pick<RunDocument, 'service' | 'ledgerName' | 'ledger'>;

/**
 * Appends these rows to their ledgers, in their order: one append per ledger, 4 ledgers at once.
 * A ledger whose rows are split over two calls is appended to twice, in order: appendLedgerRows
 * appends what the ledger does not hold yet, so the file ends the same.
 */
export async function appendLedgerBatch(
  outDir: string,
  documents: Iterable<LedgerRowOf>,
  context: { dataset: Dataset; excel: boolean; names?: LedgerNames },
): Promise<void> {
  const workbookAuthor = context.excel ? context.dataset.config.emetteur.nom : undefined;
  const ledgers = new Map<string, { service: string; name: string; rows: CsvRow[] }>();
  for (const doc of documents) {
    const key = `${doc.service}/${doc.ledgerName}`;
    const entry = ledgers.get(key) ?? { service: doc.service, name: doc.ledgerName, rows: [] };
    entry.rows.push(doc.ledger);
    ledgers.set(key, entry);
  }
  const folders = new FolderSyncs(); // the service's ledger folder, fsynced once for the batch
  await mapPool([...ledgers.values()], 4, ({ service, name, rows }) => {
    const noWorkbook = context.names?.heldWhenListed(service, ledgerWorkbookName(name)) === false;
    return appendLedgerRows(outDir, service, name, rows, { workbookAuthor, folders, noWorkbook });
  });
  await folders.flush();
}

/**
 * Appends the journaled documents' rows to their ledgers, streamed: rows are gathered
 * LEDGER_BATCH at a time, in the run's order, so that a national batch holds no more than that.
 * With `ledgersOf` (series keys), only those documents' rows are appended: the running issue
 * appended the others' as their batches were journaled, and when none is left the run file is
 * not read back at all.
 */
export async function appendRunLedgers(
  outDir: string,
  documents: Iterable<RunDocument> | AsyncIterable<RunDocument>,
  journaled: ReadonlyMap<number, JournaledDoc>,
  context: { dataset: Dataset; excel: boolean; ledgersOf?: ReadonlySet<number> },
  batch = LEDGER_BATCH,
): Promise<void> {
  if (context.ledgersOf?.size === 0) return;
  let pending: RunDocument[] = [];
  for await (const doc of documents) {
    const key = seriesKey(doc);
    if ((context.ledgersOf && !context.ledgersOf.has(key)) || !isJournaled(doc, journaled.get(key))) continue;
    pending.push(doc);
    if (pending.length >= batch) {
      await appendLedgerBatch(outDir, pending, context);
      pending = [];
    }
  }
  await appendLedgerBatch(outDir, pending, context);
}

/** The interrupted run's documents that reached the journal (kept by a resumed run's intent). */
export function journaledDocuments(intent: RunIntent, journal: readonly IssuedDocument[]): RunDocument[] {
  const byNumero = new Map(journal.filter((d) => d.exercice === intent.exercice).map((d) => [seriesKey(d), d]));
  return intent.documents.filter((d) => isJournaled(d, byNumero.get(seriesKey(d))));
}
