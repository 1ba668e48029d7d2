/**
 * R4 contribution-cible: C(N) = round2((F + options + h × population(N)) × S(N)/S(ref)).
 */
import { Decimal, round2 } from './money.js';

export interface ContributionCible {
  fixed: Decimal; // F + options (R2)
  perHeadTotal: Decimal; // h × population
  base: Decimal; // fixed + perHeadTotal, before revision
  exact: Decimal; // base × coef, unrounded
  cible: Decimal; // round2(exact)
}

export function contributionCible(
  forfait: Decimal,
  options: Decimal,
  parHabitant: Decimal,
  population: number,
  coefficient: Decimal,
): ContributionCible {
  const fixed = options.isZero() ? forfait : forfait.plus(options); // most adhesions have no option
  const perHeadTotal = parHabitant.times(population);
  const base = fixed.plus(perHeadTotal);
  const exact = base.times(coefficient);
  return { fixed, perHeadTotal, base, exact, cible: round2(exact) };
}
