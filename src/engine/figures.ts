/** Figures (plan-types.ts) of a titre: every figure used, in canonical machine form. */
import type { PayingService } from './dataset.js';
import type { Figures } from './plan-types.js';
import { toAmountString } from './money.js';
import { optionsDetail } from './options.js';
import { publicationDate } from './index-lookup.js';
import type { TariffInputs } from './tariff-inputs.js';

/** Coefficients are given with 12 decimals in machine form. */
export const COEFFICIENT_DECIMALS = 12;

/** The figures of a service and its index, the same for every titre that uses both. */
interface TariffTexts {
  service: PayingService;
  indiceValeur: string;
  indicePublieLe: string;
  indiceReferenceValeur: string;
  indiceReferencePublieLe: string;
  coefficient: string;
  forfait: string;
  parHabitant: string;
}

/**
 * Per index (memoised per service and exercice by the plan, tariff-inputs.ts): its service's and
 * its own figures as text, written once instead of once a titre and a liquidation (issue 12: ~2 KB
 * of the main thread's allocation a titre). Strings, so shared as they are.
 */
const tariffTexts = new WeakMap<TariffInputs['index'], TariffTexts>();

function textsOf(service: PayingService, index: TariffInputs['index']): TariffTexts {
  const kept = tariffTexts.get(index);
  if (kept !== undefined && kept.service === service) return kept;
  const texts: TariffTexts = {
    service,
    indiceValeur: index.current.valeur.toString(),
    indicePublieLe: publicationDate(index.current),
    indiceReferenceValeur: index.reference.valeur.toString(),
    indiceReferencePublieLe: publicationDate(index.reference),
    coefficient: index.coefficient.toFixed(COEFFICIENT_DECIMALS),
    forfait: toAmountString(service.forfait),
    parHabitant: service.parHabitant.toFixed(Math.max(2, service.parHabitant.decimalPlaces())),
  };
  tariffTexts.set(index, texts);
  return texts;
}

export function tariffFigures(service: PayingService, t: TariffInputs): Figures {
  const { population, index } = t;
  const texts = textsOf(service, index);
  return {
    population: population.value,
    populationType: population.kind,
    populationFichier: population.file,
    populationLigne: population.line,
    indiceSerie: index.serie,
    indiceMois: index.current.mois,
    indiceValeur: texts.indiceValeur,
    indicePublieLe: texts.indicePublieLe,
    indiceReferenceMois: index.reference.mois,
    indiceReferenceValeur: texts.indiceReferenceValeur,
    indiceReferencePublieLe: texts.indiceReferencePublieLe,
    coefficient: texts.coefficient,
    forfait: texts.forfait,
    parHabitant: texts.parHabitant,
    ...(t.options.length > 0
      ? { optionsMontant: toAmountString(t.optionsAmount), optionsDetail: optionsDetail(t.options) }
      : {}),
    contributionCible: toAmountString(t.cible.cible),
  };
}
