/**
 * Populations for the years without populations/N.csv: the last known year's figures
 * × (1 + growth)^(years after it), rounded half up to whole inhabitants (totale and municipale
 * alike). No projection backwards: a year before every known table stays absent, and the engine
 * reports it (R3).
 */
import type { PopulationFigures, PopulationTable } from '../engine/dataset.js';
import { Decimal } from '../engine/money.js';
import { populationFileName } from '../engine/population.js';
import type { ProjectedPopulation } from './types.js';

export interface PopulationProjection {
  tables: Map<number, PopulationTable>;
  projected: ProjectedPopulation[];
}

export function projectPopulations(
  known: ReadonlyMap<number, PopulationTable>,
  years: readonly number[],
  growth: Decimal,
): PopulationProjection {
  const tables = new Map(known);
  const projected: ProjectedPopulation[] = [];
  const knownYears = [...known.keys()].sort((a, b) => a - b);
  for (const year of years) {
    if (known.has(year)) continue;
    const base = knownYears.filter((y) => y < year).pop();
    if (base === undefined) continue;
    tables.set(year, projectTable(known.get(base)!, year, new Decimal(1).plus(growth).pow(year - base)));
    projected.push({ exercice: year, depuis: base });
  }
  return { tables, projected };
}

function projectTable(base: PopulationTable, year: number, factor: Decimal): PopulationTable {
  const byCommune = new Map<string, PopulationFigures>();
  for (const [code, figures] of base.byCommune) {
    byCommune.set(code, { ...figures, municipale: scale(figures.municipale, factor), totale: scale(figures.totale, factor) });
  }
  return { exercice: year, file: `${populationFileName(year)} (projection de ${base.file})`, format: base.format, byCommune };
}

function scale(inhabitants: number, factor: Decimal): number {
  return new Decimal(inhabitants).times(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
