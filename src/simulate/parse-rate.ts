/**
 * A yearly growth rate given on the command line: « 0.02 », « 0,02 », « 2% », « 2 % », « +1,5 % »,
 * « -0.5% ». Kept exact (Decimal). Between -100 % (excluded) and +100 %: « 2 » (200 %) is surely
 * a forgotten « % » and is refused.
 */
import { Decimal } from '../engine/money.js';
import { usageError } from '../errors/titres-error.js';

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
