/**
 * Datasets for the simulation tests, built in code from the shared fixtures: laclasse.com
 * (F = 300 €, h = 0,06 €, S(ref) = 315,2), Écully 18 243 inhabitants, Syntec 2025-10 = 322,2.
 */
import type { Dataset } from '../../src/engine/dataset.js';
import { Decimal, dec } from '../../src/engine/money.js';
import type { SimulationAssumptions } from '../../src/simulate/types.js';
import { adhesion, dataset, ECULLY, populations, SMALL } from '../fixtures/dataset.js';

export { ECULLY, SMALL };

export const NO_GROWTH: SimulationAssumptions = { indexGrowth: new Decimal(0), populationGrowth: new Decimal(0) };

export function growth(indice: string, population: string): SimulationAssumptions {
  return { indexGrowth: dec(indice), populationGrowth: dec(population) };
}

/**
 * Écully, already subscribed (P = 1 100,00 €, E2): capped in 2026, then +5 % a year; Cailloux,
 * a new adhesion on 1 January 2026 (régime cible). Only populations/2026.csv is known.
 */
export function transitionalDataset(overrides: Partial<Dataset> = {}): Dataset {
  return dataset({
    adhesions: [
      adhesion({ codeInsee: ECULLY, dateSignature: '2025-12-18', montantAnterieur: dec('1100.00') }),
      adhesion({ codeInsee: SMALL, dateSignature: '2025-12-18', dateDebut: '2026-01-01' }),
    ],
    populations: populations([2026]),
    ...overrides,
  });
}
