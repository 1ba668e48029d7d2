import { Decimal } from '../../engine/money.js';
import { numberParts } from './number-text.js';
import { fail, ok, type Parsed } from './parsed.js';

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
