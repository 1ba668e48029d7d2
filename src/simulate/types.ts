/**
 * The result of `titres simulate`: a projection, year by year, of the titres each paying adhesion
 * would receive, computed by the real engine on a dataset completed with projected figures.
 */
import type { Decimal } from '../engine/money.js';
import type { IsoMonth } from '../engine/dates.js';
import type { NoTitreReason, Regime } from '../engine/plan-types.js';
import type { Problem } from '../errors/problem.js';

/** Yearly growth rates; 0 means « the last known value stays as it is ». */
export interface SimulationAssumptions {
  /** Syntec index growth per year (0.02 = +2 %/an). */
  indexGrowth: Decimal;
  /** Population growth per year (0.01 = +1 %/an). */
  populationGrowth: Decimal;
}

export interface SimulationRange {
  from: number;
  to: number;
}

/** Which figures of a year were projected rather than read from the dataset. */
export interface ProjectedFlags {
  population: boolean;
  index: boolean;
}

interface RowBase {
  exercice: number;
  projected: ProjectedFlags;
}

export interface SimulatedTitre extends RowBase {
  kind: 'titre';
  contributionCible: Decimal;
  /** The R5 cap the engine applied (transitional regime only). */
  plafond?: Decimal;
  montant: Decimal;
  regime: Regime;
  converge: boolean;
}

export interface SimulatedSansTitre extends RowBase {
  kind: 'sans_titre';
  motif: NoTitreReason;
  /** The engine's French explanation, e.g. « convention expirée le 31/12/2031 ». */
  detail: string;
}

export type SimulationRow = SimulatedTitre | SimulatedSansTitre;

export interface SimulatedAdhesion {
  codeInsee: string;
  commune: string;
  service: string;
  rows: SimulationRow[]; // one per exercice of the range, in order
  /** First exercice whose titre converged (possibly before `from`), or null. */
  anneeConvergence: number | null;
}

/** A population table made up for a year without populations/N.csv. */
export interface ProjectedPopulation {
  exercice: number;
  /** The last known year it was projected from. */
  depuis: number;
}

/** An index value made up for a month missing at the end of a series. */
export interface ProjectedIndex {
  serie: string;
  mois: IsoMonth;
  valeur: Decimal;
}

export interface SimulatedService {
  id: string;
  libelle: string;
}

export interface Simulation {
  range: SimulationRange;
  assumptions: SimulationAssumptions;
  /** The paying services, by id. */
  services: SimulatedService[];
  /** Sorted by service, then code INSEE. */
  adhesions: SimulatedAdhesion[];
  projections: { populations: ProjectedPopulation[]; indices: ProjectedIndex[] };
  /** The engine's warnings over the simulated years, without duplicates. */
  avertissements: Problem[];
}
