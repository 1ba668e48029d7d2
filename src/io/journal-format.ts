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
import { dec, Decimal, toAmountString } from '../engine/money.js';
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

/** Every document type a journal line may hold (journal-lines.ts keeps a line's type as its index here). */
export const DOCUMENT_TYPES: readonly DocumentType[] = ['titre', 'reduction', 'annulation', 'etat_annulation'];
const TYPES: readonly string[] = DOCUMENT_TYPES;
const REGIMES: readonly string[] = ['cible', 'transitoire', 'prorata'];
const INTEGER = /^[1-9]\d*$/;
const AMOUNT = /^\d+\.\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const TITRE_REF = /^(\d{4})-([1-9]\d*)$/;

/** Where each column of the journal is in a record (-1 when the header lacks it). */
export type JournalPositions = Readonly<Record<JournalKey, number>>;

/** A cell's text as written by toJournalRow: only a cell starting with ' was neutralised. */
function cellText(record: readonly string[], position: number): string {
  const value = record[position] ?? '';
  return value.charCodeAt(0) === 39 ? unneutralise(value) : value;
}

/**
 * Where the records of one journal are read from and their problems go: made once per file, its
 * `line` set for each record (so that a good line allocates no closure, match or problem list).
 */
export interface JournalRecordContext {
  positions: JournalPositions;
  file: string;
  line: number;
  legacy: boolean;
  problems: Problem[];
  /** One string kept for each service and date read (a few values, on every line). */
  interned?: Map<string, string>;
  /** The date and service of the last line canonicalFacts read: tried first on the next line. */
  lastDate?: string;
  lastService?: string;
}

/** The one copy of a text that many lines repeat: 70 000 documents stay in memory for a run (issue 10). */
function intern(ctx: JournalRecordContext, text: string): string {
  ctx.interned ??= new Map();
  const kept = ctx.interned.get(text);
  if (kept !== undefined) return kept;
  ctx.interned.set(text, text);
  return text;
}

function bad(ctx: JournalRecordContext, key: JournalKey, value: string, what: string): undefined {
  const { file, line } = ctx;
  ctx.problems.push(problem('JOURNAL_MALFORMED', `journal : ${what} dans la colonne ${key} (« ${value} »)`, { file, line, column: ctx.positions[key] + 1 }));
  return undefined;
}

function int(ctx: JournalRecordContext, key: JournalKey, value: string): number | undefined {
  return INTEGER.test(value) ? Number(value) : bad(ctx, key, value, 'entier positif attendu');
}

function amount(ctx: JournalRecordContext, key: JournalKey, value: string, optional: boolean): Decimal | undefined {
  if (value === '' && optional) return undefined;
  // copied: decimal.js parses into a digit array with room for 36 digits, a copy holds just its
  // own (70 000 documents stay in memory for a run, issue 10)
  return AMOUNT.test(value) ? new Decimal(dec(value)) : bad(ctx, key, value, 'montant attendu au format 1234.56');
}

/**
 * Parses one journal record (its cells in the file's column order) into a document, or pushes its
 * problems onto `ctx.problems` and returns undefined. Problems cite `file:line:column`, the column
 * being the cell's 1-based position in the file's header.
 */
export function fromJournalRecord(record: readonly string[], ctx: JournalRecordContext): IssuedDocument | undefined {
  const { positions, legacy } = ctx;
  const before = ctx.problems.length;
  const exerciceText = cellText(record, positions.exercice);
  const typeText = cellText(record, positions.type);
  const bordereauText = cellText(record, positions.bordereau);
  const dateText = cellText(record, positions.date_emission);
  const montantText = cellText(record, positions.montant);
  const regimeText = cellText(record, positions.regime);
  const origineText = cellText(record, positions.titre_origine);
  const cibleText = cellText(record, positions.contribution_cible);
  const converge = cellText(record, positions.converge);
  const codeInsee = cellText(record, positions.code_insee);
  const service = cellText(record, positions.service);
  const fichier = cellText(record, positions.fichier);
  const sha256 = cellText(record, positions.sha256);

  const exercice = /^\d{4}$/.test(exerciceText) ? Number(exerciceText) : bad(ctx, 'exercice', exerciceText, 'année attendue');
  const numero = int(ctx, 'numero', cellText(record, positions.numero));
  // R10 « Closed exercice »: a statement of a mandat on compte 673 has no bordereau.
  const bordereau = typeText === 'etat_annulation' && bordereauText === '' ? 0 : int(ctx, 'bordereau', bordereauText);
  const dateEmission = isIsoDate(dateText) ? dateText : bad(ctx, 'date_emission', dateText, 'date AAAA-MM-JJ attendue');
  const type = TYPES.includes(typeText) ? (TYPES[TYPES.indexOf(typeText)] as DocumentType) : bad(ctx, 'type', typeText, 'titre, reduction, annulation ou etat_annulation attendu');
  const montant = amount(ctx, 'montant', montantText, false);
  const regime = regimeText === '' || REGIMES.includes(regimeText) ? (REGIMES[REGIMES.indexOf(regimeText)] as Regime | undefined) : bad(ctx, 'regime', regimeText, 'régime inconnu');
  const origineMatch = origineText === '' ? null : TITRE_REF.exec(origineText);
  if (origineText !== '' && !origineMatch) bad(ctx, 'titre_origine', origineText, 'référence exercice-numero attendue');
  if (type && type !== 'titre' && !origineMatch) bad(ctx, 'titre_origine', origineText, 'référence du titre d’origine manquante');
  // a titre at its target (regime cible) journals the same text twice: one Decimal (immutable) for both
  const contributionCible = cibleText === montantText && montant ? montant : amount(ctx, 'contribution_cible', cibleText, true);
  if (converge !== '' && converge !== 'oui' && converge !== 'non') bad(ctx, 'converge', converge, 'oui, non ou vide attendu');
  if (codeInsee === '') bad(ctx, 'code_insee', codeInsee, 'valeur manquante');
  if (service === '') bad(ctx, 'service', service, 'valeur manquante');
  if (fichier === '') bad(ctx, 'fichier', fichier, 'valeur manquante');
  if (!SHA256.test(sha256)) bad(ctx, 'sha256', sha256, 'empreinte sha256 attendue');
  const typBord = legacy ? '' : cellText(record, positions.type_bordereau);
  if (typBord !== '' && (!type || natureOfTypBord(typBord) !== natureOf(type))) {
    bad(ctx, 'type_bordereau', typBord, `01 (titres) ou 02 (réductions, annulations) attendu selon le type du document`);
  }
  const taille = legacy ? '' : cellText(record, positions.taille);
  if (taille !== '' && !/^\d+$/.test(taille)) bad(ctx, 'taille', taille, 'taille en octets attendue');
  const ledgerSha256 = legacy ? '' : cellText(record, positions.empreinte_registre);
  if (ledgerSha256 !== '' && !SHA256.test(ledgerSha256)) bad(ctx, 'empreinte_registre', ledgerSha256, 'empreinte sha256 attendue');
  if (ctx.problems.length > before) return undefined;
  const doc: IssuedDocument = {
    exercice: exercice!,
    numero: numero!,
    bordereau: bordereau!,
    dateEmission: intern(ctx, dateEmission!),
    type: type!,
    codeInsee,
    service: intern(ctx, service),
    montant: montant!,
    fichier,
    sha256,
  };
  if (regime) doc.regime = regime;
  if (origineMatch) doc.titreOrigine = { exercice: Number(origineMatch[1]), numero: Number(origineMatch[2]) };
  if (contributionCible) doc.contributionCible = contributionCible;
  if (converge) doc.converge = converge === 'oui';
  const motif = cellText(record, positions.motif);
  if (motif !== '') doc.motif = motif; // cellText un-neutralised it already
  if (typBord === '') doc.legacySeries = true;
  if (taille !== '') doc.taille = Number(taille);
  if (ledgerSha256 !== '') doc.ledgerSha256 = ledgerSha256;
  return doc;
}

// ---------------------------------------------------------------------------------------------
// The canonical line, read in place (issue 10: 70 000 lines checked before each run in under a
// second). A line as this version writes it (the columns in JOURNAL_COLUMNS' order, no quote, no
// apostrophe) is read from the journal's text where it lies: numbers, dates, types and codes are
// checked and converted without a string made for each cell, which cut the parse's allocations
// (and the garbage collector's work) by more than half. Anything unusual makes it give up on the
// line, which fromJournalRecord then reads, problems and all: the documents are the same either
// way (test/io/journal-canonical.test.ts compares both readers on every kind of cell).
// ---------------------------------------------------------------------------------------------

/** Whether text[start, end) is `word`. */
const spelled = (text: string, start: number, end: number, word: string): boolean => end - start === word.length && text.startsWith(word, start);

/** The number text[start, end) writes in decimal digits (the first not 0 when `positive`), -1 when it is not one or has more than 15 digits. */
function digitsAt(text: string, start: number, end: number, positive: boolean): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (positive && i === start && digit === 0)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether text[start, end) is an amount as AMOUNT accepts it (digits, a point, two digits). */
function amountAt(text: string, start: number, end: number): boolean {
  if (end - start < 4 || text.charCodeAt(end - 3) !== 46) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (i !== end - 3 && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** Whether text[start, end) is a sha256 as SHA256 accepts it (64 lowercase hexadecimal digits). */
function sha256At(text: string, start: number, end: number): boolean {
  if (end - start !== 64) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** The one value of `values` that text[start, end) spells, if any. */
function oneOf<T extends string>(text: string, start: number, end: number, values: readonly T[]): T | undefined {
  for (const value of values) if (spelled(text, start, end, value)) return value;
  return undefined;
}

/** The interned copy of text[start, end): the last one kept is tried first, without a string made. */
function internAt(ctx: JournalRecordContext, text: string, start: number, end: number, last: string | undefined): string {
  return last !== undefined && spelled(text, start, end, last) ? last : intern(ctx, text.slice(start, end));
}

/** Where the cells of the canonical line being read start: cell k is text[cells[k], cells[k + 1] - 1). */
const CELLS = new Int32Array(JOURNAL_COLUMNS.length + 1);

/** Finds the cells of text[start, end) into CELLS; false when it has not exactly the journal's column count. */
function findCells(text: string, start: number, end: number): boolean {
  CELLS[0] = start;
  let at = start;
  for (let k = 1; k < JOURNAL_COLUMNS.length; k++) {
    const comma = text.indexOf(',', at);
    if (comma < 0 || comma >= end) return false;
    CELLS[k] = at = comma + 1;
  }
  const extra = text.indexOf(',', at);
  CELLS[JOURNAL_COLUMNS.length] = end + 1;
  return extra < 0 || extra >= end;
}

const REGIME_VALUES = REGIMES as readonly Regime[];
const CONVERGE_VALUES = ['oui', 'non'] as const;

/**
 * What canonicalFacts read of the line it last took: one object, reused, so that the folder check
 * reads 70 000 lines without a document or a string made for each (issue 10). Valid until the
 * next call.
 */
export interface CanonicalFacts {
  exercice: number;
  numero: number;
  /** 0 for a statement of compte 673 (etat_annulation), which has no bordereau. */
  bordereau: number;
  type: DocumentType;
  dateEmission: string;
  service: string;
  /** The montant in cents, NaN when it has too many digits to be held exactly (then read the document's). */
  cents: number;
  /** NaN when the line has no taille. */
  taille: number;
  legacySeries: boolean;
  regime: Regime | undefined;
  converge: 'oui' | 'non' | undefined;
  /** The titre a correction cites (originExercice -1: none). */
  originExercice: number;
  originNumero: number;
  /** Where the fichier cell lies in the text read. */
  fichierStart: number;
  fichierEnd: number;
}

export const FACTS: CanonicalFacts = {
  exercice: 0,
  numero: 0,
  bordereau: 0,
  type: 'titre',
  dateEmission: '',
  service: '',
  cents: NaN,
  taille: NaN,
  legacySeries: false,
  regime: undefined,
  converge: undefined,
  originExercice: -1,
  originNumero: 0,
  fichierStart: 0,
  fichierEnd: 0,
};

/** The amount text[start, end) (as amountAt takes it) in cents, NaN beyond what a number holds exactly. */
function centsAt(text: string, start: number, end: number): number {
  const units = digitsAt(text, start, end - 3, false);
  const cents = units * 100 + (text.charCodeAt(end - 2) - 48) * 10 + (text.charCodeAt(end - 1) - 48);
  return units < 0 || !Number.isSafeInteger(cents) ? NaN : cents;
}

/**
 * Whether text[start, end) is a canonical line this reader takes; if so its facts are in FACTS
 * (and its cells in CELLS) until the next call. Not one (fromJournalRecord reads it then, with
 * its problems): false.
 */
export function canonicalFacts(text: string, start: number, end: number, ctx: JournalRecordContext): boolean {
  if (!findCells(text, start, end)) return false;
  const c = CELLS;
  // cell k is text[c[k], c[k + 1] - 1)
  const exercice = c[1] - c[0] === 5 ? digitsAt(text, c[0], c[1] - 1, false) : -1;
  const numero = digitsAt(text, c[1], c[2] - 1, true);
  const type = oneOf(text, c[4], c[5] - 1, DOCUMENT_TYPES);
  if (exercice < 0 || numero < 0 || type === undefined) return false;
  const bordereau = type === 'etat_annulation' && c[3] - c[2] === 1 ? 0 : digitsAt(text, c[2], c[3] - 1, true);
  if (bordereau < 0 || c[4] - c[3] !== 11) return false;
  let dateEmission = ctx.lastDate !== undefined && spelled(text, c[3], c[4] - 1, ctx.lastDate) ? ctx.lastDate : undefined;
  if (dateEmission === undefined) {
    const date = text.slice(c[3], c[4] - 1);
    if (!isIsoDate(date)) return false;
    dateEmission = intern(ctx, date);
  }
  const empty = (k: number): boolean => c[k + 1] - c[k] === 1;
  if (empty(5) || empty(6) || empty(10) || !amountAt(text, c[7], c[8] - 1) || !sha256At(text, c[11], c[12] - 1)) return false;
  const regime = empty(8) ? undefined : oneOf(text, c[8], c[9] - 1, REGIME_VALUES);
  if (regime === undefined && !empty(8)) return false;
  let originExercice = -1;
  let originNumero = 0;
  if (!empty(9)) {
    const origine = TITRE_REF.exec(text.slice(c[9], c[10] - 1));
    if (!origine) return false;
    originExercice = Number(origine[1]);
    originNumero = Number(origine[2]);
  } else if (type !== 'titre') return false;
  const converge = empty(13) ? undefined : oneOf(text, c[13], c[14] - 1, CONVERGE_VALUES);
  if (converge === undefined && !empty(13)) return false;
  const legacySeries = empty(15);
  if (!legacySeries && !spelled(text, c[15], c[16] - 1, TYP_BORD[natureOf(type)])) return false;
  const taille = empty(16) ? NaN : digitsAt(text, c[16], c[17] - 1, false);
  if (taille < 0) return false;
  if (!empty(17) && !sha256At(text, c[17], c[18] - 1)) return false;
  if (!empty(12) && !amountAt(text, c[12], c[13] - 1)) return false;
  const service = internAt(ctx, text, c[6], c[7] - 1, ctx.lastService);
  ctx.lastDate = dateEmission;
  ctx.lastService = service;
  const f = FACTS;
  f.exercice = exercice;
  f.numero = numero;
  f.bordereau = bordereau;
  f.type = type;
  f.dateEmission = dateEmission;
  f.service = service;
  f.cents = centsAt(text, c[7], c[8] - 1);
  f.taille = taille;
  f.legacySeries = legacySeries;
  f.regime = regime;
  f.converge = converge;
  f.originExercice = originExercice;
  f.originNumero = originNumero;
  f.fichierStart = c[10];
  f.fichierEnd = c[11] - 1;
  return true;
}

/**
 * The document of the canonical line text[start, end), or undefined when the line is not one this
 * reader takes (fromJournalRecord reads it then, with its problems). The same document as
 * fromJournalRecord gives, property for property.
 */
export function canonicalDocument(text: string, start: number, end: number, ctx: JournalRecordContext): IssuedDocument | undefined {
  if (!canonicalFacts(text, start, end, ctx)) return undefined;
  const c = CELLS;
  const f = FACTS;
  const empty = (k: number): boolean => c[k + 1] - c[k] === 1;
  // as amount() makes it: parsed, then copied to hold just its digits
  const montantText = text.slice(c[7], c[8] - 1);
  const montant = new Decimal(new Decimal(montantText));
  let contributionCible: Decimal | undefined;
  if (!empty(12)) {
    contributionCible = spelled(text, c[12], c[13] - 1, montantText) ? montant : new Decimal(new Decimal(text.slice(c[12], c[13] - 1)));
  }
  const doc: IssuedDocument = {
    exercice: f.exercice,
    numero: f.numero,
    bordereau: f.bordereau,
    dateEmission: f.dateEmission,
    type: f.type,
    codeInsee: text.slice(c[5], c[6] - 1),
    service: f.service,
    montant,
    fichier: text.slice(c[10], c[11] - 1),
    sha256: text.slice(c[11], c[12] - 1),
  };
  if (f.regime) doc.regime = f.regime;
  if (f.originExercice >= 0) doc.titreOrigine = { exercice: f.originExercice, numero: f.originNumero };
  if (contributionCible) doc.contributionCible = contributionCible;
  if (f.converge) doc.converge = f.converge === 'oui';
  if (!empty(14)) doc.motif = text.slice(c[14], c[15] - 1);
  if (f.legacySeries) doc.legacySeries = true;
  if (!Number.isNaN(f.taille)) doc.taille = f.taille;
  if (!empty(17)) doc.ledgerSha256 = text.slice(c[17], c[18] - 1);
  return doc;
}
