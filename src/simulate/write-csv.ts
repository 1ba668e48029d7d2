/**
 * The CSV of `titres simulate --csv`: one line per adhesion and exercice, amounts "1234.56",
 * booleans oui/non (as in the journal), with csv-stringify through src/io/csv-write.ts. The
 * trailing column motif_sans_titre gives the engine's reason on the years without titre.
 */
import { toAmountString } from '../engine/money.js';
import { formatCsv, type CsvColumn, type CsvRow } from '../io/csv-write.js';
import type { SimulatedAdhesion, Simulation, SimulationRow } from './types.js';

export const SIMULATION_CSV_COLUMNS: CsvColumn[] = [
  { key: 'code_insee', header: 'code_insee', kind: 'text' },
  { key: 'commune', header: 'commune', kind: 'text' },
  { key: 'service', header: 'service', kind: 'text' },
  { key: 'exercice', header: 'exercice', kind: 'integer' },
  { key: 'contribution_cible', header: 'contribution_cible', kind: 'amount' },
  { key: 'plafond', header: 'plafond', kind: 'amount' },
  { key: 'montant', header: 'montant', kind: 'amount' },
  { key: 'regime', header: 'regime', kind: 'text' },
  { key: 'converge', header: 'converge', kind: 'text' },
  { key: 'population_projetee', header: 'population_projetee', kind: 'text' },
  { key: 'indice_projete', header: 'indice_projete', kind: 'text' },
  { key: 'motif_sans_titre', header: 'motif_sans_titre', kind: 'text' },
];

export function simulationCsv(simulation: Simulation): string {
  const rows = simulation.adhesions.flatMap((a) => a.rows.map((row) => csvRow(a, row)));
  return formatCsv(SIMULATION_CSV_COLUMNS, rows, { excel: false });
}

const yesNo = (b: boolean): string => (b ? 'oui' : 'non');

function csvRow(a: SimulatedAdhesion, row: SimulationRow): CsvRow {
  const common: CsvRow = {
    code_insee: a.codeInsee,
    commune: a.commune,
    service: a.service,
    exercice: String(row.exercice),
    population_projetee: yesNo(row.projected.population),
    indice_projete: yesNo(row.projected.index),
  };
  if (row.kind === 'sans_titre') return { ...common, motif_sans_titre: row.motif };
  return {
    ...common,
    contribution_cible: toAmountString(row.contributionCible),
    plafond: row.plafond ? toAmountString(row.plafond) : undefined,
    montant: toAmountString(row.montant),
    regime: row.regime,
    converge: yesNo(row.converge),
  };
}
