import { Decimal as DecimalJs } from 'decimal.js';

/**
 * R1 Money: exact decimals, never binary floats.
 *
 * Precision is 60 significant digits. Sums and products of the inputs are exact at that precision;
 * the only inexact operations are the divisions of R4 (S(N)/S(ref)) and R6/R8 (days/Y). An exact
 * value that is not on a half-cent lies at least 1/(2000 × denominator) away from it, far above
 * 10^-40; but an exact half-cent reached through an inexact coefficient (307,32 × 315,4/315,2 =
 * 307,515) is computed a hair off it, either side. So round2 first rounds to 40 decimals, which puts
 * such a value back on its half-cent and moves no other value across one: round2 of the 60-digit value
 * equals round2 of the exact rational value. Rounding happens only in round2 (R1).
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** Decimals kept before rounding to the cent: well above the 60-digit error, well below any real gap. */
const SNAP_DECIMALS = 40;

/** R1: half up to the cent (away from zero for negative values). */
export function round2(value: Decimal): Decimal {
  if (value.decimalPlaces() <= 2) return value; // already on the cent (sums of amounts, forfaits): nothing to round
  return value.toDecimalPlaces(SNAP_DECIMALS, Decimal.ROUND_HALF_UP).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Parses a canonical decimal string ("1234.56", "-3", "0.06"); throws on anything else. */
export function dec(text: string): Decimal {
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a canonical decimal: ${text}`);
  return new Decimal(text);
}

/** Machine form with 2 decimals: "1210.00" (data contract: amounts are strings with 2 decimals). */
export function toAmountString(value: Decimal): string {
  return round2(value).toFixed(2);
}

/** Decimal's text of an amount already on the cent and not negative: "1210", "1210.5", "0.06". */
const ON_THE_CENT = /^\d+(?:\.\d{1,2})?$/;

/**
 * toAmountString of the Decimal whose toString is `text`, without making it when the text is on
 * the cent (round2 then changes nothing and toFixed(2) only pads): a planned titre holds its
 * amounts as text (plan-titre.ts; plan-types.ts's montantText gives it), and its ledger row and
 * run-file line print them (issue 12: a Decimal parsed and printed twice a titre on the main
 * thread). Any other text goes through a Decimal.
 */
export function amountStringOfText(text: string): string {
  if (!ON_THE_CENT.test(text)) return toAmountString(new Decimal(text));
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  return text.length - dot === 2 ? `${text}0` : text;
}

/**
 * Sum of amounts written canonically ("1210.00"), each parsed as it is added: no array of their
 * Decimals, some 170 bytes each, for the 35 000 lines of a national bordereau (issue 12).
 */
export function sumOfAmounts(items: Iterable<{ montant: string }>): Decimal {
  let total = ZERO;
  for (const { montant } of items) total = total.plus(dec(montant));
  return total;
}

/**
 * A whole number of cents (a safe integer: exact) as toAmountString writes the amount: "1234.56".
 * The folder check totals 70 000 journaled montants this way, without a Decimal each (issue 10).
 */
export function amountOfCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * An amount held as a whole number of cents where it is one (on the cent, a safe integer: exact),
 * else as its text: a planned titre's amounts (issue 12, flat memory: a number is held in the
 * object, a string is 24 bytes more). `amountHeld` and `heldAmount` are exact inverses.
 */
export type HeldAmount = number | string;

export function amountHeld(value: Decimal): HeldAmount {
  if (value.decimalPlaces() <= 2) {
    const cents = value.times(100).toNumber();
    if (Number.isSafeInteger(cents) && !Object.is(cents, -0)) return cents;
  }
  return value.toString();
}

export function heldAmount(held: HeldAmount): Decimal {
  return typeof held === 'number' ? new Decimal(held).div(100) : new Decimal(held);
}

/** The held amount's text, as amountStringOfText reads it: "1234.56" (amountOfCents), or the Decimal's text. */
export function heldAmountText(held: HeldAmount): string {
  return typeof held === 'number' ? amountOfCents(held) : held;
}

/** Sum of amounts (R1: a document total is the sum of its rounded lines). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
