/**
 * French display helpers for the liquidation wording (R1: display only, never used in a
 * computation). Built on formatEuros / formatDecimalFr of money.ts (plain numbers: formatDecimalFr).
 */
import { Decimal, formatDecimalFr, formatEuros } from './money.js';

/** « 1 210,00 € », « 0,06 € », « 0,055 € »: at least 2 decimals, more when the value has them. */
export function euros(value: Decimal): string {
  return `${formatDecimalFr(value, 2)} €`;
}

/** A revision rate as a multiplier: 0.10 → « 1,10 ». */
export function rateFactorFr(rate: Decimal): string {
  return formatDecimalFr(new Decimal(1).plus(rate), 2);
}
