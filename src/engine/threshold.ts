/**
 * R7 seuil de mise en recouvrement (art. D1611-1 CGCT): no titre below config.seuil_recouvrement.
 */
import type { Decimal } from './money.js';
import { euros } from './french-format.js';

export function isBelowThreshold(amount: Decimal, seuil: Decimal): boolean {
  return amount.lt(seuil);
}

export function thresholdDetail(amount: Decimal, seuil: Decimal): string {
  return `montant ${euros(amount)} inférieur au seuil de mise en recouvrement de ${euros(seuil)} (art. D1611-1 CGCT)`;
}
