/**
 * French display helpers for the liquidation wording (R1: display only, never used in a
 * computation). Built on formatEuros / formatDecimalFr of money.ts.
 */
import { Decimal, formatDecimalFr, formatEuros } from './money.js';

/** « 1 210,00 € », « 0,06 € », « 0,055 € »: at least 2 decimals, more when the value has them. */
export function euros(value: Decimal): string {
  return `${formatEuros(value, Math.max(2, value.decimalPlaces()))} €`;
}

/** « 18 243 », « 315,2 ». */
export function numberFr(value: Decimal | number | string): string {
  return formatDecimalFr(value);
}

/** A coefficient as printed for humans: 6 decimals, « 1,022208 ». */
export function coefficientFr(value: Decimal): string {
  return formatEuros(value, 6);
}

/** A revision rate as a multiplier: 0.10 → « 1,10 ». */
export function rateFactorFr(rate: Decimal): string {
  const factor = new Decimal(1).plus(rate);
  return formatEuros(factor, Math.max(2, factor.decimalPlaces()));
}
