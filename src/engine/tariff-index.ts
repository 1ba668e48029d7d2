/**
 * R4 coefficient of a paying service for exercice N: coef(N) = S(N) / S(ref), with the problems that
 * prevent it (series absent, nothing known on 1 January N, reference month absent) and the warning
 * when S(N) is older than expected.
 */
import type { Dataset, IndexPoint, PayingService } from './dataset.js';
import { type Decimal } from './money.js';
import { problem, type Problem } from '../errors/problem.js';
import { expectedIndexMonth, indexForExercice, indexPointOfMonth } from './index-lookup.js';
import { formatMonthFr } from './french-format.js';

export interface TariffIndex {
  serie: string;
  file: string;
  current: IndexPoint; // S(N)
  reference: IndexPoint; // S(ref)
  coefficient: Decimal; // exact at 60 digits, never rounded (R1)
}

export interface TariffIndexResult {
  index?: TariffIndex;
  errors: Problem[];
  warnings: Problem[];
}

export function seriesFileName(serie: string): string {
  return `indices/${serie}.csv`;
}

export function tariffIndex(dataset: Dataset, service: PayingService, exercice: number): TariffIndexResult {
  const { serie, reference: referenceMonth } = service.indice;
  const series = dataset.indices.get(serie);
  if (!series) {
    const file = seriesFileName(serie);
    return {
      errors: [
        problem(
          'INDICE_SERIE_ABSENTE',
          `série d'indice « ${serie} » absente (fichier « ${file} ») : elle révise le tarif du service « ${service.id} » (R4)`,
          { file },
        ),
      ],
      warnings: [],
    };
  }
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const current = indexForExercice(series, exercice);
  if (!current) {
    errors.push(
      problem(
        'INDICE_NON_CONNU',
        `aucune valeur de la série « ${serie} » n'est publiée au 01/01/${exercice} : S(${exercice}) est inconnu (R4)`,
        { file: series.file },
      ),
    );
  }
  const reference = indexPointOfMonth(series, referenceMonth);
  if (!reference) {
    errors.push(
      problem(
        'INDEX_REFERENCE_MISSING',
        `valeur de référence « ${referenceMonth} » absente de la série « ${serie} » : S(ref) du service « ${service.id} » est inconnu (R4)`,
        { file: series.file },
      ),
    );
  }
  if (current) {
    const expected = expectedIndexMonth(exercice);
    if (current.mois < expected) {
      warnings.push(
        problem(
          'INDICE_MOIS_ANCIEN',
          `indice « ${serie} » connu au 01/01/${exercice} : « ${formatMonthFr(current.mois)} », plus ancien que le mois attendu « ${formatMonthFr(expected)} » ; la série est peut-être incomplète (R4)`,
          { file: series.file, line: current.source.line },
          'warning',
        ),
      );
    }
  }
  if (!current || !reference) return { errors, warnings };
  return {
    index: { serie, file: series.file, current, reference, coefficient: current.valeur.div(reference.valeur) },
    errors,
    warnings,
  };
}
