/**
 * Parsing and checking of command-line values; every mistake is a usage error (exit 2), said in
 * French. The parsers are commander `argParser`s (see src/cli/commands/command.ts): a command's
 * action receives typed values (a year as a number, a date, a titre's reference, an amount), and a
 * malformed value stops the command line before any action runs.
 */
import { isIsoDate, type IsoDate } from '../engine/dates.js';
import { futureDateProblem, windowProblem } from '../engine/issue-dates.js';
import { Decimal } from '../engine/money.js';
import { TitresError, usageError } from '../errors/titres-error.js';
import { parseAmount } from '../io/cell-values.js';

export function parseYear(text: string, option = '--year'): number {
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2099) {
    throw usageError('INVALID_YEAR', `${option} attend une année sur quatre chiffres (ex. 2026), reçu « ${text} »`);
  }
  return Number(text);
}

export function parseDate(text: string, option = '--date'): IsoDate {
  if (!isIsoDate(text)) {
    throw usageError('INVALID_DATE_OPTION', `${option} attend une date AAAA-MM-JJ valide (ex. 2026-06-15), reçu « ${text} »`);
  }
  return text;
}

/** A titre as `cancel --titre` names it: its exercice and its number in the exercice's series (R9). */
export interface TitreRef {
  exercice: number;
  numero: number;
}

export function parseTitreRef(text: string, option = '--titre'): TitreRef {
  const ref = /^(\d{4})-(\d+)$/.exec(text.trim());
  if (!ref) throw usageError('INVALID_OPTION_VALUE', `${option} attend EXERCICE-NUMERO (ex. 2026-12), reçu « ${text} »`);
  return { exercice: Number(ref[1]), numero: Number(ref[2]) };
}

/** An amount in euros as the CSV files take it (`100,00`, `1 234,56`, `100.00`). */
export function parseAmountOption(text: string, option = '--montant'): Decimal {
  const parsed = parseAmount(text);
  if (!parsed.ok) throw usageError('INVALID_OPTION_VALUE', `${option} : ${parsed.message}`);
  return parsed.value;
}

/** A text that must say something (a motif printed on a titre): trimmed, never empty. */
export function parseText(text: string, option: string): string {
  if (!text.trim()) throw usageError('INVALID_OPTION_VALUE', `${option} ne peut pas être vide`);
  return text.trim();
}

/**
 * The parsers as commander calls them, `(value, previous)`, for the option named in messages.
 * `--year 2026` → 2026, `--date 2026-06-15`, `--titre 2026-12` → { exercice: 2026, numero: 12 },
 * `--montant "100,00"` → Decimal, `--indice 2%` → 0.02.
 */
export const asYear = (option = '--year') => (text: string): number => parseYear(text, option);
export const asDate = (option = '--date') => (text: string): IsoDate => parseDate(text, option);
export const asTitreRef = (option = '--titre') => (text: string): TitreRef => parseTitreRef(text, option);
export const asAmount = (option = '--montant') => (text: string): Decimal => parseAmountOption(text, option);
export const asText = (option: string) => (text: string): string => parseText(text, option);
export const asRate = (option: string) => (text: string): Decimal => parseRate(text, option);

/** Today in the machine's local time zone, as the finance officer reads the calendar. */
export function today(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The date a command gives its documents (R9 « Dates »): --date, or today. A date later than today
 * is a usage error unless the run is a rehearsal (--allow-future-date); with `exercice`, the date
 * must also fall in that exercice's window (1 January N – 31 January N+1).
 */
export function documentDate(
  given: IsoDate | undefined,
  options: { allowFuture?: boolean; exercice?: number; now?: Date } = {},
): IsoDate {
  const date = given ?? today(options.now);
  const problems = [
    options.allowFuture ? undefined : futureDateProblem(date, today(options.now)),
    options.exercice === undefined ? undefined : windowProblem(options.exercice, date),
  ].filter((p) => p !== undefined);
  if (problems.length > 0) throw new TitresError('usage', problems);
  return date;
}

/**
 * A yearly growth rate given on the command line: « 0.02 », « 0,02 », « 2% », « 2 % », « +1,5 % »,
 * « -0.5% ». Kept exact (Decimal). Between -100 % (excluded) and +100 %: « 2 » (200 %) is surely
 * a forgotten « % » and is refused.
 */

const RATE = /^([+-]?)(\d+(?:[.,]\d+)?)\s*(%?)$/;

export function parseRate(text: string, option: string): Decimal {
  const m = RATE.exec(text.trim());
  const bad = () =>
    usageError(
      'TAUX_INVALIDE',
      `${option} attend un taux annuel entre -100 % et +100 %, comme « 0.02 » ou « 2% », reçu « ${text} »`,
    );
  if (!m) throw bad();
  let rate = new Decimal(m[2].replace(',', '.'));
  if (m[3] === '%') rate = rate.div(100);
  if (m[1] === '-') rate = rate.negated();
  if (rate.lte(-1) || rate.gt(1)) throw bad();
  return rate;
}
