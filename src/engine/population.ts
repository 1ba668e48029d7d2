/**
 * R3 Population (art. 10.1): the INSEE population légale in force on 1 January N, from
 * populations/N.csv; « totale » by default, « municipale » when the service says so. A missing
 * figure is an error, never a zero.
 */
import type { PopulationKind, PopulationTable, SourceRef } from './dataset.js';
import { problem, type Problem } from '../errors/problem.js';

export interface PopulationUse {
  value: number;
  kind: PopulationKind;
  exercice: number;
  file: string; // dataset-relative, e.g. populations/2026.csv
  line: number;
  /** Lyon: the arrondissements summed (R3). */
  sommeArrondissements?: string[];
}

export type PopulationResult = { ok: true; population: PopulationUse } | { ok: false; problem: Problem };

export function populationFileName(exercice: number): string {
  return `populations/${exercice}.csv`;
}

export function populationFor(
  populations: ReadonlyMap<number, PopulationTable>,
  codeInsee: string,
  communeName: string,
  kind: PopulationKind,
  exercice: number,
  adhesionSource: SourceRef,
): PopulationResult {
  const table = populations.get(exercice);
  const fileName = table?.file ?? populationFileName(exercice);
  if (!table) {
    return {
      ok: false,
      problem: problem(
        'POPULATION_FICHIER_ABSENT',
        `fichier « ${fileName} » absent : les populations en vigueur au 01/01/${exercice} sont nécessaires pour l'exercice ${exercice} (R3)`,
        { file: fileName },
      ),
    };
  }
  const figures = table.byCommune.get(codeInsee);
  if (!figures) {
    return {
      ok: false,
      problem: problem(
        'POPULATION_COMMUNE_ABSENTE',
        `population de la commune « ${codeInsee} » (${communeName}) absente de « ${fileName} » : elle est nécessaire pour l'exercice ${exercice} (R3)`,
        { file: adhesionSource.file, line: adhesionSource.line },
      ),
    };
  }
  return {
    ok: true,
    population: {
      value: kind === 'municipale' ? figures.municipale : figures.totale,
      kind,
      exercice,
      file: fileName,
      line: figures.line,
      ...(figures.sommeArrondissements ? { sommeArrondissements: figures.sommeArrondissements } : {}),
    },
  };
}
