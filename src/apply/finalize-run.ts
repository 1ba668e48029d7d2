/**
 * End of a run (or recovery of an interrupted one): from the run's intent and the journal, write
 * each bordereau (its lines are the journal's documents of that exercice, type and bordereau
 * number: engine/bordereaux.ts) and register it with its sha256, size and the journal's chain at
 * its last document (OUT/bordereaux.csv), append the journaled documents' rows to their ledgers,
 * then remove the run file.
 * Every step is idempotent (atomic rewrites, ledger rows matched on exercice + numero), so a
 * crash here is recovered by doing it again.
 */
import type { Dataset } from '../engine/dataset.js';
import type { IssuedDocument } from '../engine/history.js';
import { seriesOf, type DocumentType } from '../engine/plan-types.js';
import { toAmountString } from '../engine/money.js';
import type { CsvRow } from '../io/csv-write.js';
import { formatTitreRef } from '../io/journal-format.js';
import { bordereauBase, type BordereauNature } from '../io/output-layout.js';
import { bordereauKey, journalGroups } from '../engine/bordereaux.js';
import type { BordereauLine, DocumentRenderer } from '../render/views.js';
import { exerciceCumul } from '../io/bordereau-format.js';
import { writeBordereau } from './bordereau-write.js';
import { appendLedgerRows } from './ledger-update.js';
import { registerBordereaux, type RegisteredBordereau } from '../io/bordereau-register.js';
import { mapPool } from '../io/pool.js';
import { removeRunFile, type RunDocument, type RunIntent } from './run-file.js';

export interface WrittenBordereau {
  numero: number;
  nature: BordereauNature;
  service: string;
  fichier: string; // OUT-relative path of the PDF
  total: string;
}

/** A document's number within its series (statements of compte 673 have their own, R10). */
const seriesKey = (d: { type: DocumentType; numero: number }): string => `${seriesOf(d.type)}:${d.numero}`;

function isJournaled(planned: RunDocument, issued: IssuedDocument | undefined): issued is IssuedDocument {
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
  intent: RunIntent,
  journal: ReadonlyArray<{ doc: IssuedDocument; chain: string }>,
  context: { dataset: Dataset; renderer: DocumentRenderer; excel: boolean },
): Promise<WrittenBordereau[]> {
  const byNumero = new Map<string, IssuedDocument>();
  const chainOf = new Map<IssuedDocument, string>();
  for (const { doc, chain } of journal) {
    if (doc.exercice !== intent.exercice) continue;
    byNumero.set(seriesKey(doc), doc);
    chainOf.set(doc, chain);
  }
  const byBordereau = new Map(journalGroups(byNumero.values(), intent.exercice).map((g) => [bordereauKey(g), g.documents]));
  const planned = new Map(intent.documents.map((d) => [seriesKey(d), d]));
  const communeName = (doc: IssuedDocument): string =>
    planned.get(seriesKey(doc))?.commune ?? context.dataset.communes.get(doc.codeInsee)?.nom ?? doc.codeInsee;

  const written: WrittenBordereau[] = [];
  const registered: RegisteredBordereau[] = [];
  for (const b of intent.bordereaux) {
    const docs = byBordereau.get(bordereauKey({ exercice: intent.exercice, nature: b.nature, numero: b.numero })) ?? [];
    if (docs.length === 0) continue;
    const lines: BordereauLine[] = docs.map((d) => ({
      numero: d.numero,
      type: d.type,
      codeInsee: d.codeInsee,
      commune: communeName(d),
      montant: toAmountString(d.montant),
      ...(d.titreOrigine ? { titreOrigine: formatTitreRef(d.titreOrigine) } : {}),
    }));
    const base = bordereauBase(intent.exercice, b.nature, b.numero, b.service);
    const cumulExercice = toAmountString(exerciceCumul(byNumero.values(), intent.exercice, b.nature, b.numero));
    const spec = { ...b, exercice: intent.exercice, dateEmission: docs[0].dateEmission, lines, preview: false, cumulExercice };
    const { total, sha256, bytes } = await writeBordereau(outDir, base, spec, context);
    written.push({ numero: b.numero, nature: b.nature, service: b.service, fichier: `${base}.pdf`, total });
    registered.push({
      exercice: intent.exercice,
      numero: b.numero,
      nature: b.nature,
      service: b.service,
      pieces: docs.length,
      total,
      fichier: `${base}.pdf`,
      sha256,
      taille: bytes,
      chaineJournal: chainOf.get(docs[docs.length - 1]),
    });
  }
  await registerBordereaux(outDir, registered);

  const ledgers = new Map<string, { service: string; name: string; rows: CsvRow[] }>();
  for (const doc of intent.documents) {
    if (!isJournaled(doc, byNumero.get(seriesKey(doc)))) continue;
    const key = `${doc.service}/${doc.ledgerName}`;
    const entry = ledgers.get(key) ?? { service: doc.service, name: doc.ledgerName, rows: [] };
    entry.rows.push(doc.ledger);
    ledgers.set(key, entry);
  }
  await mapPool([...ledgers.values()], 4, ({ service, name, rows }) =>
    appendLedgerRows(outDir, service, name, rows, {
      workbookAuthor: context.excel ? context.dataset.config.emetteur.nom : undefined,
    }),
  );
  await removeRunFile(outDir, intent.exercice);
  return written;
}

/** The interrupted run's documents that reached the journal (kept by a resumed run's intent). */
export function journaledDocuments(intent: RunIntent, journal: readonly IssuedDocument[]): RunDocument[] {
  const byNumero = new Map(journal.filter((d) => d.exercice === intent.exercice).map((d) => [seriesKey(d), d]));
  return intent.documents.filter((d) => isJournaled(d, byNumero.get(seriesKey(d))));
}
