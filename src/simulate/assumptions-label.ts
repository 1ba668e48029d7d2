/** French wording of the growth assumptions: « indice +2 %/an, population +0 %/an ». */
import { Decimal } from '../engine/money.js';
import type { SimulationAssumptions } from './types.js';
import { formatDecimalFr } from '../engine/french-format.js';

/** 0.02 → « +2 % », -0.005 → « -0,5 % », 0 → « +0 % ». */
export function rateFr(rate: Decimal): string {
  const percent = rate.times(100);
  return `${percent.isNegative() && !percent.isZero() ? '-' : '+'}${formatDecimalFr(percent.abs())} %`;
}

export function assumptionsFr(a: SimulationAssumptions): string {
  return `indice ${rateFr(a.indexGrowth)}/an, population ${rateFr(a.populationGrowth)}/an`;
}

/** The label of a service as titled in charts: its libellé up to the first comma. */
export function shortServiceLabel(libelle: string): string {
  return libelle.split(',')[0].trim();
}
