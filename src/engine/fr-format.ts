/**
 * French display helpers for the liquidation wording (R1: display only, never used in a
 * computation). Built on formatDecimalFr of money.ts.
 */
import { Decimal, formatDecimalFr } from './money.js';

/** « 1 210,00 € », « 0,06 € », « 0,055 € »: at least 2 decimals, more when the value has them. */
export function euros(value: Decimal): string {
  return `${formatDecimalFr(value, 2)} €`;
}

/** An amount in a message: « 1 210,00 € » from "1210.00" (a malformed text is shown as it is). */
export function amountFr(value: Decimal | string): string {
  if (typeof value !== 'string') return euros(value);
  return /^-?\d+(\.\d+)?$/.test(value) ? euros(new Decimal(value)) : `${value} €`;
}

/** A revision rate as a multiplier: 0.10 → « 1,10 ». */
export function rateFactorFr(rate: Decimal): string {
  return formatDecimalFr(new Decimal(1).plus(rate), 2);
}
