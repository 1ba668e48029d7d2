/**
 * French display: the one home of how numbers, amounts, dates, months and names are written in
 * the documents, the liquidation wording, the messages and the reports. Display only (R1): no
 * computation reads these strings back.
 *
 * Hand-written rather than `Intl.NumberFormat('fr-FR')`: the output must be the same bytes on every
 * machine (determinism), and Intl's French depends on the ICU data Node was built with (CLDR moved
 * the French group separator from U+00A0 to U+202F; small-icu builds have no French at all); the
 * figures are exact decimals (decimal.js) that must be shown with all their digits.
 */
import type { IsoDate, IsoMonth } from './dates.js';
import { Decimal } from './money.js';
import { RecurringCache } from './recurring-cache.js';

/** No-break space: before « € », « : », inside « n° 1 » and dates. */
export const NBSP = '\u00a0';
/** Narrow no-break space: between digit groups, as in French typography (« 18 243 »). */
export const NNBSP = '\u202f';

export const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

// ---------------------------------------------------------------------------------------- numbers

/** "1 210,00" with `decimals` decimals (narrow no-break space between groups, decimal comma). */
export function formatNumberFr(value: Decimal, decimals = 2): string {
  const fixed = value.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return (negative ? '-' : '') + groupDigits(int) + (frac !== undefined ? ',' + frac : '');
}

/** "1234567" → "1 234 567" (narrow no-break spaces). */
function groupDigits(int: string): string {
  return int.length <= 3 ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/**
 * Any exact decimal with all its decimals: "0,06", "315,2", "18 243"; at least `minDecimals` of
 * them ("1 210,00" with 2).
 */
export function formatDecimalFr(value: Decimal | number | string, minDecimals = 0): string {
  const d = new Decimal(value);
  return formatNumberFr(d, Math.max(minDecimals, d.decimalPlaces()));
}

/** A revision rate as a multiplier: 0.10 → « 1,10 ». */
export function rateFactorFr(rate: Decimal): string {
  return formatDecimalFr(new Decimal(1).plus(rate), 2);
}

// ---------------------------------------------------------------------------------------- amounts

/** « 1 210,00 € », « 0,06 € », « 0,055 € » in wording: at least 2 decimals, more when the value has them. */
export function euros(value: Decimal): string {
  return `${formatDecimalFr(value, 2)} €`;
}

/** An amount in a message: « 1 210,00 € » from "1210.00" (a malformed text is shown as it is). */
export function amountFr(value: Decimal | string): string {
  if (typeof value !== 'string') return euros(value);
  return /^-?\d+(\.\d+)?$/.test(value) ? euros(new Decimal(value)) : `${value} €`;
}

/** A document's amount: "1210.00" → "1 210,00 €", the euro sign held to the figure. */
export function formatAmountFr(canonical: string): string {
  return formatAmountCellFr(canonical) + NBSP + '€';
}

/** An amount with at most 2 decimals, as toAmountString or Decimal's toString write it: "1210.00", "1210.5", "-3". */
const AMOUNT_TEXT = /^(-?)(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/**
 * A table cell's amount: "1210.00" → "1 210,00" (no currency sign), the same text as
 * formatNumberFr of its Decimal. An amount's text is formatted as text: the dry run's table of a
 * national plan formats 140 000 of them (issue 12); any other decimal goes through Decimal.
 */
export function formatAmountCellFr(canonical: string): string {
  const parts = AMOUNT_TEXT.exec(canonical);
  if (parts === null) return formatNumberFr(new Decimal(canonical));
  const [, sign, int, frac = ''] = parts;
  const cents = frac.padEnd(2, '0');
  const negative = sign === '-' && (int !== '0' || cents !== '00'); // -0 is written 0,00, as Decimal does
  return (negative ? '-' : '') + groupDigits(int) + ',' + cents;
}

/**
 * formatAmountCellFr(canonical).length, without making the text: the dry run's table of a national
 * plan measures its 140 000 amounts for the column widths before printing them (issue 12).
 */
export function amountCellLength(canonical: string): number {
  if (!AMOUNT_TEXT.test(canonical)) return formatAmountCellFr(canonical).length;
  const sign = canonical.charCodeAt(0) === 0x2d ? 1 : 0;
  const dot = canonical.indexOf('.');
  const digits = (dot < 0 ? canonical.length : dot) - sign;
  const negative = sign === 1 && /[1-9]/.test(canonical); // -0 is written 0,00
  return (negative ? 1 : 0) + digits + Math.floor((digits - 1) / 3) + 3; // groups, then « ,00 »
}

// ------------------------------------------------------------------------------------------ dates

/** 15/09/2026. */
export function formatDateFr(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** A month in a table: 10/2025. */
export function formatMonthFr(month: IsoMonth): string {
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

/** A month in wording, as the index's publisher names it: « octobre 2025 ». */
export function monthNameFr(month: IsoMonth): string {
  const [y, m] = month.split('-');
  return `${MONTHS_FR[Number(m) - 1]} ${y}`;
}

// ---------------------------------------------------------------------------------- names, lines

const VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/** « de » with elision before a vowel: "d'Écully", "de Lyon", "d'Oullins". */
export function deName(name: string): string {
  return VOWEL_START.test(name) ? `d'${name}` : `de ${name}`;
}

/** Family names in capitals, as on official documents: "Dupont" → "DUPONT". */
export function familyName(nom: string): string {
  return nom.toUpperCase();
}

const MONTHS = MONTHS_FR.join('|');
const DAY_MONTH_YEAR = new RegExp(`(\\d{1,2}|1er) (${MONTHS}) (\\d{4})`, 'g');
const MONTH_YEAR = new RegExp(`(${MONTHS}) (\\d{4})`, 'g');

/**
 * keepTogether's results: the same labels and wording come back on every page of a batch (500 a
 * generation, was 2 000: see render/shared-fonts.ts's WORDS_PER_GENERATION).
 */
const keptTogether = new RecurringCache<string, string>(500);

/**
 * No line break inside a date, a reference or an amount: « 29 septembre 2025 », « n° 1 »,
 * « art. 10.1 », « § 6 », « L. 1617-5 », « 1 210,00 € », « 18 243 hab. », « 04 78 63 40 00 ».
 * `keep` false: a text that will not come back (a titre's own names and amounts) is not kept.
 */
export function keepTogether(text: string, keep = true): string {
  return keptTogether.through(text, noBreaks, keep);
}

function noBreaks(text: string): string {
  return text
    .replace(DAY_MONTH_YEAR, `$1${NBSP}$2${NBSP}$3`)
    .replace(MONTH_YEAR, `$1${NBSP}$2`)
    .replace(/(?<=\d) (?=\d{2,3}(?!\d))/g, NNBSP)
    .replace(/(?<!\w)(n°|art\.|§|[LRD]\.|Tél\.) (?=[\dA-Z])/g, `$1${NBSP}`) // not \b: « § » is no word character
    .replace(/ (€|hab\.|%)/g, `${NBSP}$1`)
    .replace(/ ([:;»?!])/g, `${NBSP}$1`)
    .replace(/« /g, `«${NBSP}`);
}
