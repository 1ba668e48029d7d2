import { Decimal } from '../../engine/money.js';
import { numberParts } from './number-text.js';
import { fail, ok, type Parsed } from './parsed.js';

/** An exact decimal (amount, rate, index value): `1234.56` or `1 234,56` (R1: never a float). */
export function parseAmount(text: string): Parsed<Decimal> {
  const n = numberParts(text);
  if (!n) {
    return fail('INVALID_AMOUNT', `montant invalide « ${text.trim()} » : écrire par exemple 1234.56 ou 1 234,56`);
  }
  const canonical = (n.negative ? '-' : '') + n.integer + (n.fraction !== undefined ? '.' + n.fraction : '');
  return ok(new Decimal(canonical));
}
