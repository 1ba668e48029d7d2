/** The machine output of `titres simulate --json`: schema 1, amounts as strings with 2 decimals. */
import { toAmountString } from '../../engine/money.js';
import { problemJson } from './problems.js';
import type { SimulatedAdhesion, Simulation, SimulationRow } from '../../simulate/types.js';

export function simulationJson(simulation: Simulation): string {
  const body = {
    schema: 1,
    de: simulation.range.from,
    a: simulation.range.to,
    hypotheses: {
      croissance_indice: simulation.assumptions.indexGrowth.toFixed(),
      croissance_population: simulation.assumptions.populationGrowth.toFixed(),
    },
    adhesions: simulation.adhesions.map(adhesionJson),
    projections: {
      populations: simulation.projections.populations.map((p) => ({ exercice: p.exercice, depuis: p.depuis })),
      indices: simulation.projections.indices.map((i) => ({ serie: i.serie, mois: i.mois, valeur: i.valeur.toFixed() })),
    },
    avertissements: simulation.avertissements.map(problemJson),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function adhesionJson(a: SimulatedAdhesion): Record<string, unknown> {
  return {
    code_insee: a.codeInsee,
    commune: a.commune,
    service: a.service,
    annee_convergence: a.anneeConvergence,
    exercices: a.rows.map(rowJson),
  };
}

function rowJson(row: SimulationRow): Record<string, unknown> {
  const projete = { population: row.projected.population, indice: row.projected.index };
  if (row.kind === 'sans_titre') {
    return { exercice: row.exercice, sans_titre: { motif: row.motif, detail: row.detail }, projete };
  }
  return {
    exercice: row.exercice,
    contribution_cible: toAmountString(row.contributionCible),
    plafond: row.plafond ? toAmountString(row.plafond) : null,
    montant: toAmountString(row.montant),
    regime: row.regime,
    converge: row.converge,
    projete,
  };
}
