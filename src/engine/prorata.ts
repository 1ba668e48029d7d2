/**
 * R6 prorata temporis (art. 10.3), also used by R7 when the policy fin_en_cours_exercice is
 * « prorata »: days billed out of Y = 365 or 366.
 *   forfait mode: A = round2(((F + options) × days / Y + h × population) × coef)
 *   total mode:   A = round2((F + options + h × population) × coef × days / Y)
 */
import type { ProrataMode } from './dataset.js';
import { daysBetween, type IsoDate } from './dates.js';
import { Decimal, round2 } from './money.js';

/** Days from start to end, both counted. */
export function prorataDays(start: IsoDate, end: IsoDate): number {
  return daysBetween(start, end) + 1;
}

/** The prorated base before revision (exact). */
export function prorataBase(
  mode: ProrataMode,
  fixed: Decimal,
  perHeadTotal: Decimal,
  days: number,
  yearDays: number,
): Decimal {
  if (mode === 'forfait') return fixed.times(days).div(yearDays).plus(perHeadTotal);
  return fixed.plus(perHeadTotal).times(days).div(yearDays);
}

export function prorataAmount(
  mode: ProrataMode,
  fixed: Decimal,
  perHeadTotal: Decimal,
  coefficient: Decimal,
  days: number,
  yearDays: number,
): Decimal {
  return round2(prorataBase(mode, fixed, perHeadTotal, days, yearDays).times(coefficient));
}
