/**
 * What a cell's text becomes (data contract): a value, or a plain French reason quoting the text.
 * Numbers are written the machine way or the French way (`1234.56`, `1 234,56`), dates
 * `AAAA-MM-JJ` or `JJ/MM/AAAA`, months `AAAA-MM` or `MM/AAAA`; every text is bounded and free of
 * control characters. One file: the parsers share the Parsed result and the number grammar.
 */
import { isIsoDate, type IsoDate, type IsoMonth } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import type { ProblemCode } from '../errors/catalog.js';

/** Result of parsing one cell or value: the value, or a plain French reason quoting the text. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ProblemCode; message: string };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T>(code: ProblemCode, message: string): Parsed<T> {
  return { ok: false, code, message };
}

/**
 * The French and machine ways of writing a number (data contract): `1234.56`, `1 234,56`, with a
 * space, a no-break space (U+00A0) or a narrow no-break space (U+202F) between groups of three
 * digits, and a comma or a point as decimal separator. Returns the parts of the number (sign,
 * integer digits without group separators, fraction), or undefined when the text is not such a
 * number.
 */
const GROUPED = /^(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

export function numberParts(text: string): { integer: string; fraction?: string; negative: boolean } | undefined {
  const m = GROUPED.exec(text.trim());
  if (!m) return undefined;
  return { negative: m[1] === '-', integer: m[2].replace(/[ \u00a0\u202f]/g, ''), fraction: m[3] };
}

/** A whole number (population, quantity): `18243` or `18 243`; no decimal part. */
export function parseInteger(text: string): Parsed<number> {
  const n = numberParts(text);
  if (!n || n.fraction !== undefined || n.integer.length > 15) {
    return fail('INVALID_INTEGER', `nombre entier invalide « ${text.trim()} »`);
  }
  return ok((n.negative ? -1 : 1) * Number(n.integer));
}

/** Digits before the decimal separator: beyond 15, no amount, rate or index of ours is meant. */
const MAX_INTEGER_DIGITS = 15;

/**
 * An exact decimal (rate, index value, amount per inhabitant): `1234.56` or `1 234,56` (R1: never
 * a float). No exponent (`1e30`), no more than 15 digits before the separator.
 */
export function parseDecimal(text: string): Parsed<Decimal> {
  const n = numberParts(text);
  if (!n) {
    return fail('INVALID_AMOUNT', `montant invalide « ${text.trim()} » : écrire par exemple 1234.56 ou 1 234,56`);
  }
  if (n.integer.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) {
    return fail('INVALID_AMOUNT', `nombre trop grand « ${text.trim()} » : ${MAX_INTEGER_DIGITS} chiffres au plus avant la virgule`);
  }
  const canonical = (n.negative ? '-' : '') + n.integer + (n.fraction !== undefined ? '.' + n.fraction : '');
  return ok(new Decimal(canonical));
}

/** A sum of money in euros: a decimal with at most two decimals, the cents (R1). */
export function parseAmount(text: string): Parsed<Decimal> {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return parsed;
  const fraction = numberParts(text)?.fraction;
  if (fraction !== undefined && fraction.length > 2) {
    return fail('AMOUNT_TOO_MANY_DECIMALS', `montant « ${text.trim()} » : deux décimales au plus (les centimes) (R1)`);
  }
  return parsed;
}

/**
 * A calendar date written `YYYY-MM-DD` or `DD/MM/YYYY` (data contract), checked against the
 * calendar: « 31/02/2026 » is an error, not 3 March.
 */
export function parseDate(text: string): Parsed<IsoDate> {
  const t = text.trim();
  let iso: string | undefined;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (fr) iso = `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  if (iso !== undefined && isIsoDate(iso)) return ok(iso);
  return fail(
    'INVALID_DATE',
    iso === undefined
      ? `date invalide « ${t} » : écrire AAAA-MM-JJ ou JJ/MM/AAAA`
      : `date invalide « ${t} » : ce jour n'existe pas dans le calendrier`,
  );
}

/** A month written `YYYY-MM` (also `MM/YYYY`), returned as `YYYY-MM`. */
export function parseMonth(text: string): Parsed<IsoMonth> {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(t);
  const fr = /^(\d{1,2})\/(\d{4})$/.exec(t);
  const [year, month] = iso ? [iso[1], iso[2]] : fr ? [fr[2], fr[1].padStart(2, '0')] : [];
  if (year !== undefined && month !== undefined && Number(month) >= 1 && Number(month) <= 12) {
    return ok(`${year}-${month}`);
  }
  return fail('INVALID_MONTH', `mois invalide « ${t} » : écrire AAAA-MM (par exemple 2025-01)`);
}

/**
 * Limits on every text the tool reads (CSV cells, config.json strings): no control character and a
 * bounded length. Control characters (NUL, CR, LF, TAB…, the C1 set, line separators and the
 * bidirectional overrides that make a name read otherwise than it is) would be copied, unseen,
 * into titres, registers and the PES flow.
 */

/** Any cell or string (the Syntec series' `source` column holds a sentence and two URLs). */
export const MAX_TEXT_LENGTH = 1000;
/** A name, a town, an address line: the longest French commune name has 45 characters. */
export const MAX_NAME_LENGTH = 100;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const NAMES: Record<number, string> = {
  0x00: 'caractère nul',
  0x09: 'tabulation',
  0x0a: 'saut de ligne',
  0x0d: 'retour chariot',
  0x1b: 'échappement',
  0x7f: 'suppression',
  0x2028: 'séparateur de ligne',
  0x2029: 'séparateur de paragraphe',
};

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text as a message quotes it: control characters shown as ⟨U+000A⟩, cut after 40 characters. */
export function preview(text: string): string {
  const cut = text.length > 40 ? text.slice(0, 40) + '…' : text;
  return cut.replace(new RegExp(CONTROL.source, 'g'), (ch) => `⟨${codePoint(ch.charCodeAt(0))}⟩`);
}

/** The problem of a text (control character, or longer than `max`), or undefined. */
export function textProblem(text: string, max: number = MAX_TEXT_LENGTH): { code: ProblemCode; message: string } | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const c = control[0].charCodeAt(0);
    const name = NAMES[c] ? ` (${NAMES[c]})` : '';
    return {
      code: 'CONTROL_CHARACTER',
      message: `caractère de contrôle ${codePoint(c)}${name} en position ${control.index + 1} de « ${preview(text)} » : le retirer (il serait recopié, invisible, dans les titres et les registres)`,
    };
  }
  if (text.length > max) {
    return { code: 'TEXT_TOO_LONG', message: `texte de ${text.length} caractères « ${preview(text)} » : ${max} au plus` };
  }
  return undefined;
}
