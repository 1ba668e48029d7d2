/**
 * The figures of R2–R4 for one adhesion and one exercice: options, population (R3), index and
 * coefficient (R4), contribution-cible. Problems go to the sink; undefined when any is missing.
 */
import { adhesionSource, type Adhesion, type Dataset, type PayingService } from './dataset.js';
import { contributionCible, type ContributionCible } from './contribution-cible.js';
import { optionUses, optionsTotal, type OptionUse } from './options.js';
import { populationFor, type PopulationUse } from './population.js';
import type { ProblemSink } from './problem-sink.js';
import { tariffIndex, type TariffIndex, type TariffIndexResult } from './tariff-index.js';
import type { Decimal } from './money.js';

export interface TariffInputs {
  options: OptionUse[];
  optionsAmount: Decimal;
  population: PopulationUse;
  index: TariffIndex;
  cible: ContributionCible;
}

/** Index results memoised per service and exercice, so that each problem is found once. */
export type IndexCache = Map<string, TariffIndexResult>;

export function tariffInputs(
  dataset: Dataset,
  service: PayingService,
  adhesion: Adhesion,
  communeName: string,
  exercice: number,
  sink: ProblemSink,
  cache: IndexCache,
): TariffInputs | undefined {
  const key = `${service.id}\u0000${exercice}`;
  let indexResult = cache.get(key);
  if (!indexResult) {
    indexResult = tariffIndex(dataset, service, exercice);
    cache.set(key, indexResult);
  }
  indexResult.errors.forEach((p) => sink.error('data', p));
  indexResult.warnings.forEach((p) => sink.warning(p));
  const pop = populationFor(dataset.populations, adhesion.codeInsee, communeName, service.population, exercice, adhesionSource(adhesion));
  if (!pop.ok) sink.error('data', pop.problem);
  if (!pop.ok || !indexResult.index) return undefined;
  const options = optionUses(service, adhesion);
  const optionsAmount = optionsTotal(options);
  const index = indexResult.index;
  return {
    options,
    optionsAmount,
    population: pop.population,
    index,
    cible: contributionCible(service.forfait, optionsAmount, service.parHabitant, pop.population.value, index.coefficient),
  };
}
