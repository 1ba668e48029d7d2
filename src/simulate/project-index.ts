/**
 * Index values for the months missing at the end of a series, so that S(N) (R4: the value known
 * on 1 January N, i.e. normally the month of November N-1) exists for every simulated year.
 *
 * Yearly step: the month k months after the last known one is worth
 *   last value × (1 + growth)^floor(k / 12)
 * so S(N) grows by exactly the yearly rate from one exercice to the next, with exact decimals, and
 * the months within 11 months of the last known value keep it. A projected month is published at
 * the end of the following month (the R4 default). Gaps inside the series are not filled: the
 * engine warns about them (INDICE_MOIS_ANCIEN).
 */
import type { IndexPoint, IndexSeries } from '../engine/dataset.js';
import { addMonthsToMonth, endOfFollowingMonth, type IsoMonth } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';

export interface IndexProjection {
  series: IndexSeries;
  projected: IndexPoint[];
}

/** Extends `series` month by month up to `until` (inclusive). */
export function projectSeries(series: IndexSeries, until: IsoMonth, growth: Decimal): IndexProjection {
  const last = series.points[series.points.length - 1];
  if (!last || last.mois >= until) return { series, projected: [] };
  const factor = new Decimal(1).plus(growth);
  const projected: IndexPoint[] = [];
  for (let k = 1, mois = addMonthsToMonth(last.mois, 1); mois <= until; k += 1, mois = addMonthsToMonth(mois, 1)) {
    projected.push({
      mois,
      valeur: last.valeur.times(factor.pow(Math.floor(k / 12))),
      publieLe: endOfFollowingMonth(mois),
      source: { file: `${series.file} (projection)`, line: last.source.line },
    });
  }
  return { series: { ...series, points: [...series.points, ...projected] }, projected };
}
