/** The simulated period: from ≤ to, at most MAX_SIMULATION_YEARS exercices. */
import { usageError } from '../errors/titres-error.js';
import type { SimulationRange } from './types.js';

export const MAX_SIMULATION_YEARS = 20;

export function checkRange(range: SimulationRange): void {
  if (range.from > range.to) {
    throw usageError(
      'SIMULATION_PERIODE_INVALIDE',
      `--from (${range.from}) doit précéder ou égaler --to (${range.to})`,
    );
  }
  const years = range.to - range.from + 1;
  if (years > MAX_SIMULATION_YEARS) {
    throw usageError(
      'SIMULATION_PERIODE_INVALIDE',
      `la simulation couvre au plus ${MAX_SIMULATION_YEARS} exercices, reçu ${years} (de ${range.from} à ${range.to})`,
    );
  }
}

/**
 * The exercices to compute: the convention's first exercice onwards when `from` is later, since
 * R5 caps each year from the amount of the year before; only `from`…`to` are reported.
 */
export function computedYears(range: SimulationRange, premierExercice: number): number[] {
  const start = Math.min(range.from, premierExercice);
  const years: number[] = [];
  for (let year = start; year <= range.to; year += 1) years.push(year);
  return years;
}
