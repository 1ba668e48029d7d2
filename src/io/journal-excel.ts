/**
 * OUT/journal.xlsx, the journal's Excel twin (`--excel`): a workbook regenerated from journal.csv,
 * which always stays the machine form and the source of truth. One row per document, réductions
 * and annulations negative, each titre with its net after corrections (R10), a total row.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedDocument } from '../engine/history.js';
import { toAmountString, type Decimal } from '../engine/money.js';
import { writeFileAtomic } from './atomic-write.js';
import { readJournal } from './journal.js';
import { readIfPresent } from './out-files.js';
import { formatTitreRef } from './journal-format.js';
import { JOURNAL_EXCEL_FILE } from './output-layout.js';
import { workbookAuthor, workbookBuffer, type WorkbookColumn, type WorkbookSpec } from './workbook.js';

/** Author of a workbook when none is known (a twin rewritten without the dataset at hand). */
export const DEFAULT_AUTHOR = 'titres';

export const DOCUMENT_TYPE_LABELS: Record<IssuedDocument['type'], string> = {
  titre: 'Titre',
  reduction: 'Réduction',
  annulation: 'Annulation',
  etat_annulation: 'État des annulations (compte 673)',
};

const JOURNAL_WORKBOOK_COLUMNS: readonly WorkbookColumn[] = [
  { header: 'Exercice', kind: 'integer' },
  { header: 'N° du document', kind: 'integer' },
  { header: 'N° de bordereau', kind: 'integer' },
  { header: 'Date d’émission', kind: 'date' },
  { header: 'Type', kind: 'text' },
  { header: 'Titre d’origine (exercice-n°)', kind: 'text' },
  { header: 'Code INSEE', kind: 'code' },
  { header: 'Service', kind: 'text' },
  { header: 'Montant (€, corrections en négatif)', kind: 'amount', total: true },
  { header: 'Net du titre après corrections (€)', kind: 'amount', total: true },
  { header: 'Régime', kind: 'text' },
  { header: 'Contribution-cible (€)', kind: 'amount' },
  { header: 'Convergé', kind: 'text' },
  { header: 'Motif', kind: 'text' },
  { header: 'Fichier', kind: 'text' },
  { header: 'Empreinte SHA-256', kind: 'text' },
];

/** A correction's amount is negative: summing a column gives the net (R10). */
export function signedAmount(doc: { type: IssuedDocument['type']; montant: Decimal }): Decimal {
  return doc.type === 'titre' ? doc.montant : doc.montant.negated();
}

/** Net of each titre after all its corrections, by `exercice-numero`. */
export function titreNets(documents: readonly IssuedDocument[]): Map<string, Decimal> {
  const nets = new Map<string, Decimal>();
  for (const d of documents) if (d.type === 'titre') nets.set(formatTitreRef(d), d.montant);
  for (const d of documents) {
    if (d.type === 'titre' || !d.titreOrigine) continue;
    const key = formatTitreRef(d.titreOrigine);
    const net = nets.get(key);
    if (net) nets.set(key, net.minus(d.montant));
  }
  return nets;
}

export function journalWorkbook(documents: readonly IssuedDocument[], author: string): WorkbookSpec {
  const nets = titreNets(documents);
  const date = documents.reduce((max, d) => (d.dateEmission > max ? d.dateEmission : max), '2000-01-01');
  return {
    title: 'Journal des titres de recette',
    author,
    date,
    sheets: [
      {
        name: 'Journal',
        columns: JOURNAL_WORKBOOK_COLUMNS,
        rows: documents.map((d) => [
          d.exercice,
          d.numero,
          d.bordereau > 0 ? d.bordereau : undefined, // none for a statement of compte 673 (R10)
          d.dateEmission,
          DOCUMENT_TYPE_LABELS[d.type],
          d.titreOrigine ? formatTitreRef(d.titreOrigine) : undefined,
          d.codeInsee,
          d.service,
          toAmountString(signedAmount(d)),
          d.type === 'titre' ? toAmountString(nets.get(formatTitreRef(d))!) : undefined,
          d.regime,
          d.contributionCible ? toAmountString(d.contributionCible) : undefined,
          d.converge === undefined ? undefined : d.converge ? 'oui' : 'non',
          d.motif,
          d.fichier,
          d.sha256,
        ]),
      },
    ],
  };
}

export const journalWorkbookPath = (outDir: string): string => join(outDir, JOURNAL_EXCEL_FILE);

/** The author an existing workbook records, else undefined (no file, or not ours). */
export async function existingAuthor(path: string): Promise<string | undefined> {
  const bytes = await readIfPresent(path).catch(() => undefined);
  return bytes ? workbookAuthor(bytes) : undefined;
}

/**
 * Regenerates OUT/journal.xlsx from journal.csv. `author` is the émetteur; without it (a command
 * that has no dataset), the author the existing workbook records is kept.
 */
export async function writeJournalExcel(outDir: string, author?: string): Promise<string> {
  const path = journalWorkbookPath(outDir);
  const history = await readJournal(outDir);
  const by = author ?? (await existingAuthor(path)) ?? DEFAULT_AUTHOR;
  await writeFileAtomic(path, await workbookBuffer(journalWorkbook(history.documents, by)));
  return path;
}

/**
 * The twin follows the journal: every command that writes under OUT calls this under the lock
 * (src/apply/out-session.ts), which rewrites the twin when it exists, or creates it when `create`
 * (--excel). The one place that decides it, whatever the twin's format.
 */
export async function refreshJournalTwin(outDir: string, create: boolean, author?: string): Promise<void> {
  const exists = await stat(journalWorkbookPath(outDir)).then(() => true, () => false);
  if (create || exists) await writeJournalExcel(outDir, author);
}
