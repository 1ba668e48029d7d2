/**
 * R5 transitional regime (art. 10.2, annexe laclasse.com §6). `basis` is P on the first exercice
 * billed (rate hausse_premiere_annee, 10 %), A(N-1) net of reductions afterwards (rate
 * hausse_annuelle, 5 %).
 */
import { Decimal, round2 } from './money.js';

export interface TransitionalOutcome {
  amount: Decimal;
  /** round2(basis × (1 + rate)); absent when C ≤ basis (no cap is needed). */
  cap?: Decimal;
  /** The amount equals the contribution-cible: the adhesion has converged. */
  converged: boolean;
}

export function transitionalAmount(target: Decimal, basis: Decimal, rate: Decimal): TransitionalOutcome {
  if (target.lte(basis)) return { amount: target, converged: true };
  const cap = round2(basis.times(new Decimal(1).plus(rate)));
  const amount = Decimal.min(target, cap);
  return { amount, cap, converged: amount.eq(target) };
}
