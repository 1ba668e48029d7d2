/**
 * The columns of OUT/journal.csv and the conversion between a journal line and an IssuedDocument.
 * The data contract's columns come first, then ours. One document per physical line: text cells
 * never hold a line break (replaced by a space), so a torn append is a torn last line.
 *
 * Columns added with the chained journal (src/io/chain.ts), absent from folders written before:
 * - type_bordereau: the PES TypBord of the document's bordereau (01 titres, 02 réductions et
 *   annulations), the type of the series its `bordereau` number belongs to; empty on the lines of
 *   a former folder, whose bordereaux were numbered in one series shared by both types;
 * - taille: the PDF's size in bytes (the quick check of issue, cancel and export-pes);
 * - empreinte_registre: sha256 of the document's ledger row (canonical CSV line), so that an
 *   edited ledger cell shows;
 * - chaine: sha256 chaining this line to the previous one (always the last column).
 */
import type { IssuedDocument } from '../engine/history.js';
import { dec, toAmountString } from '../engine/money.js';
import { isIsoDate } from '../engine/dates.js';
import type { DocumentType, Regime } from '../engine/plan-types.js';
import { problem, type Problem } from '../errors/problem.js';
import { unneutralise, type CsvColumn, type CsvRow } from './csv-write.js';
import { natureOf, natureOfTypBord, TYP_BORD } from '../engine/bordereaux.js';

export const JOURNAL_COLUMNS = [
  { key: 'exercice', header: 'exercice', kind: 'integer' },
  { key: 'numero', header: 'numero', kind: 'integer' },
  { key: 'bordereau', header: 'bordereau', kind: 'integer' },
  { key: 'date_emission', header: 'date_emission', kind: 'text' },
  { key: 'type', header: 'type', kind: 'text' },
  { key: 'code_insee', header: 'code_insee', kind: 'text' },
  { key: 'service', header: 'service', kind: 'text' },
  { key: 'montant', header: 'montant', kind: 'amount' },
  { key: 'regime', header: 'regime', kind: 'text' },
  { key: 'titre_origine', header: 'titre_origine', kind: 'text' },
  { key: 'fichier', header: 'fichier', kind: 'text' },
  { key: 'sha256', header: 'sha256', kind: 'text' },
  { key: 'contribution_cible', header: 'contribution_cible', kind: 'amount' },
  { key: 'converge', header: 'converge', kind: 'text' },
  { key: 'motif', header: 'motif', kind: 'text' },
  { key: 'type_bordereau', header: 'type_bordereau', kind: 'text' },
  { key: 'taille', header: 'taille', kind: 'integer' },
  { key: 'empreinte_registre', header: 'empreinte_registre', kind: 'text' },
  { key: 'chaine', header: 'chaine', kind: 'text' },
] as const satisfies readonly CsvColumn[];

/** The columns of a journal written before the chain (read as they are, see journal.ts). */
export const LEGACY_JOURNAL_COLUMNS = JOURNAL_COLUMNS.slice(0, 15);
/** Every column but the chain: the body of a line, which the chain hashes. */
export const JOURNAL_BODY_COLUMNS = JOURNAL_COLUMNS.slice(0, -1);

export type JournalKey = (typeof JOURNAL_COLUMNS)[number]['key'];

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

export function formatTitreRef(ref: { exercice: number; numero: number }): string {
  return `${ref.exercice}-${ref.numero}`;
}

export function toJournalRow(doc: IssuedDocument): CsvRow {
  return {
    exercice: String(doc.exercice),
    numero: String(doc.numero),
    bordereau: doc.bordereau > 0 ? String(doc.bordereau) : '', // none for a statement (etat_annulation)
    date_emission: doc.dateEmission,
    type: doc.type,
    code_insee: doc.codeInsee,
    service: doc.service,
    montant: toAmountString(doc.montant),
    regime: doc.regime ?? '',
    titre_origine: doc.titreOrigine ? formatTitreRef(doc.titreOrigine) : '',
    fichier: doc.fichier,
    sha256: doc.sha256,
    contribution_cible: doc.contributionCible ? toAmountString(doc.contributionCible) : '',
    converge: doc.converge === undefined ? '' : doc.converge ? 'oui' : 'non',
    motif: oneLine(doc.motif ?? ''),
    type_bordereau: doc.legacySeries ? '' : TYP_BORD[natureOf(doc.type)],
    taille: doc.taille === undefined ? '' : String(doc.taille),
    empreinte_registre: doc.ledgerSha256 ?? '',
  };
}

const TYPES: readonly string[] = ['titre', 'reduction', 'annulation', 'etat_annulation'];
const REGIMES: readonly string[] = ['cible', 'transitoire', 'prorata'];

/**
 * Parses one journal record (cells by column name). Problems cite `file:line:column`, the column
 * being the cell's 1-based position in the file's header.
 */
export function fromJournalCells(
  cells: (key: JournalKey) => string,
  columnOf: (key: JournalKey) => number,
  at: { file: string; line: number },
  legacy = false,
): { doc?: IssuedDocument; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (key: JournalKey, what: string): undefined => {
    problems.push(
      problem('JOURNAL_MALFORMED', `journal : ${what} dans la colonne ${key} (« ${cells(key)} »)`, {
        ...at,
        column: columnOf(key),
      }),
    );
    return undefined;
  };
  const int = (key: JournalKey): number | undefined =>
    /^[1-9]\d*$/.test(cells(key)) ? Number(cells(key)) : bad(key, 'entier positif attendu');
  const amount = (key: JournalKey, optional: boolean) => {
    const v = cells(key);
    if (v === '' && optional) return undefined;
    return /^\d+\.\d{2}$/.test(v) ? dec(v) : bad(key, 'montant attendu au format 1234.56');
  };
  const exercice = /^\d{4}$/.test(cells('exercice')) ? Number(cells('exercice')) : bad('exercice', 'année attendue');
  const numero = int('numero');
  // R10 « Closed exercice »: a statement of a mandat on compte 673 has no bordereau.
  const bordereau = cells('type') === 'etat_annulation' && cells('bordereau') === '' ? 0 : int('bordereau');
  const dateEmission = isIsoDate(cells('date_emission')) ? cells('date_emission') : bad('date_emission', 'date AAAA-MM-JJ attendue');
  const type = TYPES.includes(cells('type')) ? (cells('type') as DocumentType) : bad('type', 'titre, reduction, annulation ou etat_annulation attendu');
  const montant = amount('montant', false);
  const regime = cells('regime') === '' || REGIMES.includes(cells('regime')) ? (cells('regime') as Regime | '') : bad('regime', 'régime inconnu');
  const origineMatch = /^(\d{4})-([1-9]\d*)$/.exec(cells('titre_origine'));
  if (cells('titre_origine') !== '' && !origineMatch) bad('titre_origine', 'référence exercice-numero attendue');
  if (type && type !== 'titre' && !origineMatch) bad('titre_origine', 'référence du titre d’origine manquante');
  const contributionCible = amount('contribution_cible', true);
  const converge = cells('converge');
  if (!['', 'oui', 'non'].includes(converge)) bad('converge', 'oui, non ou vide attendu');
  if (cells('code_insee') === '') bad('code_insee', 'valeur manquante');
  if (cells('service') === '') bad('service', 'valeur manquante');
  if (cells('fichier') === '') bad('fichier', 'valeur manquante');
  if (!/^[0-9a-f]{64}$/.test(cells('sha256'))) bad('sha256', 'empreinte sha256 attendue');
  const typBord = legacy ? '' : cells('type_bordereau');
  if (typBord !== '' && (!type || natureOfTypBord(typBord) !== natureOf(type))) {
    bad('type_bordereau', `01 (titres) ou 02 (réductions, annulations) attendu selon le type du document`);
  }
  const taille = legacy ? '' : cells('taille');
  if (taille !== '' && !/^\d+$/.test(taille)) bad('taille', 'taille en octets attendue');
  const ledgerSha256 = legacy ? '' : cells('empreinte_registre');
  if (ledgerSha256 !== '' && !/^[0-9a-f]{64}$/.test(ledgerSha256)) bad('empreinte_registre', 'empreinte sha256 attendue');
  if (problems.length > 0) return { problems };
  const doc: IssuedDocument = {
    exercice: exercice!,
    numero: numero!,
    bordereau: bordereau!,
    dateEmission: dateEmission!,
    type: type!,
    codeInsee: cells('code_insee'),
    service: cells('service'),
    montant: montant!,
    fichier: cells('fichier'),
    sha256: cells('sha256'),
  };
  if (regime) doc.regime = regime;
  if (origineMatch) doc.titreOrigine = { exercice: Number(origineMatch[1]), numero: Number(origineMatch[2]) };
  if (contributionCible) doc.contributionCible = contributionCible;
  if (converge) doc.converge = converge === 'oui';
  if (cells('motif') !== '') doc.motif = unneutralise(cells('motif'));
  if (typBord === '') doc.legacySeries = true;
  if (taille !== '') doc.taille = Number(taille);
  if (ledgerSha256 !== '') doc.ledgerSha256 = ledgerSha256;
  return { doc, problems };
}
