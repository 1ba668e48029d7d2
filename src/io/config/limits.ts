import { Decimal } from '../../engine/money.js';
import type { JsonFields, Scope } from './json-fields.js';

/**
 * Plausibility bounds on the figures of a dataset (config.json `limites`, optional): a population
 * or an amount beyond them is a typing error (an extra zero, a pasted line), not a real figure, and
 * would give an absurd titre with no warning.
 */
export interface Limits {
  /** Population (totale or municipale) of one commune: France's largest, Paris, has 2.1 million. */
  populationMax: number;
  /** Any amount of the dataset (montant antérieur, forfait, option price, per-inhabitant part, threshold). */
  montantMax: Decimal;
}

export const DEFAULT_LIMITS: Limits = { populationMax: 10_000_000, montantMax: new Decimal('1000000.00') };

/** `limites.population_max` (whole number) and `limites.montant_max` (amount as a string). */
export function readLimits(f: JsonFields, root: Scope): Limits {
  const l = f.object(root, 'limites', false);
  if (!l) return DEFAULT_LIMITS;
  const populationMax = f.integer(l, 'population_max', 1, DEFAULT_LIMITS.populationMax) ?? DEFAULT_LIMITS.populationMax;
  const montantMax = f.amount(l, 'montant_max', false, DEFAULT_LIMITS.montantMax.toFixed(2)) ?? DEFAULT_LIMITS.montantMax;
  return { populationMax, montantMax };
}
