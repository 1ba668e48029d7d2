/** Figures (plan-types.ts) of a titre: every figure used, in canonical machine form. */
import type { PayingService } from './dataset.js';
import type { Figures } from './plan-types.js';
import { toAmountString } from './money.js';
import { optionsDetail } from './options.js';
import { publicationDate } from './index-lookup.js';
import type { TariffInputs } from './tariff-inputs.js';

/** Coefficients are given with 12 decimals in machine form. */
export const COEFFICIENT_DECIMALS = 12;

export function tariffFigures(service: PayingService, t: TariffInputs): Figures {
  const { population, index } = t;
  return {
    population: population.value,
    populationType: population.kind,
    populationFichier: population.file,
    populationLigne: population.line,
    indiceSerie: index.serie,
    indiceMois: index.current.mois,
    indiceValeur: index.current.valeur.toString(),
    indicePublieLe: publicationDate(index.current),
    indiceReferenceMois: index.reference.mois,
    indiceReferenceValeur: index.reference.valeur.toString(),
    indiceReferencePublieLe: publicationDate(index.reference),
    coefficient: index.coefficient.toFixed(COEFFICIENT_DECIMALS),
    forfait: toAmountString(service.forfait),
    parHabitant: service.parHabitant.toFixed(Math.max(2, service.parHabitant.decimalPlaces())),
    ...(t.options.length > 0
      ? { optionsMontant: toAmountString(t.optionsAmount), optionsDetail: optionsDetail(t.options) }
      : {}),
    contributionCible: toAmountString(t.cible.cible),
  };
}
