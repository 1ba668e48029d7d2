/**
 * R4 Syntec index known on 1 January N: the latest month whose value was published on or before
 * that date; a row without publication date counts as published on the last day of the following
 * month.
 */
import type { IndexPoint, IndexSeries } from './dataset.js';
import { addMonthsToMonth, endOfFollowingMonth, firstDayOfYear, type IsoDate, type IsoMonth } from './dates.js';

/** The publication date of a point: its own, else the last day of the following month (R4). */
export function publicationDate(point: IndexPoint): IsoDate {
  return point.publieLe ?? endOfFollowingMonth(point.mois);
}

/** The value known on `date`: the latest month published on or before it. */
export function indexKnownOn(series: IndexSeries, date: IsoDate): IndexPoint | undefined {
  let best: IndexPoint | undefined;
  for (const point of series.points) {
    if (publicationDate(point) <= date && (!best || point.mois > best.mois)) best = point;
  }
  return best;
}

/** S(N) for exercice N: the value known on 1 January N. */
export function indexForExercice(series: IndexSeries, exercice: number): IndexPoint | undefined {
  return indexKnownOn(series, firstDayOfYear(exercice));
}

/**
 * The month expected on 1 January N when the series is complete: the latest month whose default
 * publication date (end of the following month) is on or before 1 January N, i.e. November N-1.
 */
export function expectedIndexMonth(exercice: number): IsoMonth {
  let month: IsoMonth = `${exercice}-01`;
  while (endOfFollowingMonth(month) > firstDayOfYear(exercice)) month = addMonthsToMonth(month, -1);
  return month;
}

export function indexPointOfMonth(series: IndexSeries, month: IsoMonth): IndexPoint | undefined {
  return series.points.find((p) => p.mois === month);
}
