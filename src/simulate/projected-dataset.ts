/**
 * The dataset the engine needs for a run of simulated exercices: the real one, completed with
 * projected populations (years without populations/N.csv) and projected index months (after the
 * end of each series, up to November of the year before the last exercice). Projected index
 * months are published after 1 January of every earlier exercice, so one dataset serves all years.
 */
import type { Dataset, IndexSeries } from '../engine/dataset.js';
import { expectedIndexMonth } from '../engine/index-lookup.js';
import { projectPopulations } from './project-population.js';
import { projectSeries } from './project-index.js';
import type { ProjectedIndex, ProjectedPopulation, SimulationAssumptions } from './types.js';

export interface ProjectedDataset {
  dataset: Dataset;
  populations: ProjectedPopulation[];
  indices: ProjectedIndex[];
}

export function projectDataset(
  dataset: Dataset,
  assumptions: SimulationAssumptions,
  years: readonly number[],
): ProjectedDataset {
  const population = projectPopulations(dataset.populations, years, assumptions.populationGrowth);
  const until = expectedIndexMonth(Math.max(...years));
  const indices = new Map<string, IndexSeries>();
  const projectedIndices: ProjectedIndex[] = [];
  for (const [name, series] of dataset.indices) {
    const projection = projectSeries(series, until, assumptions.indexGrowth);
    indices.set(name, projection.series);
    for (const p of projection.projected) projectedIndices.push({ serie: series.serie, mois: p.mois, valeur: p.valeur });
  }
  return {
    dataset: { ...dataset, populations: population.tables, indices },
    populations: population.projected,
    indices: projectedIndices,
  };
}
