/**
 * The text output of `titres simulate`: one block per adhesion, one line per exercice with the
 * contribution-cible, the R5 cap, the amount and whether it has converged; then what was projected.
 */
import { textTable, type Column } from './text-table.js';
import { assumptionsFr, shortServiceLabel } from '../../simulate/assumptions-label.js';
import type { ProjectedFlags, SimulatedAdhesion, Simulation, SimulationRow } from '../../simulate/types.js';
import { formatNumberFr } from '../../engine/french-format.js';

const COLUMNS: Column[] = [
  { header: 'exercice' },
  { header: 'contribution-cible', align: 'right' },
  { header: 'plafond', align: 'right' },
  { header: 'montant', align: 'right' },
  { header: 'régime', wrap: true },
  { header: 'convergé' },
  { header: 'projeté' },
];

/** `width`: the terminal's, to fit the tables in (undefined when piped: full width). */
export function simulationTable(simulation: Simulation, width?: number): string {
  const { from, to } = simulation.range;
  const parts = [`Simulation des exercices ${from} à ${to} (hypothèses : ${assumptionsFr(simulation.assumptions)})\n`];
  const labels = new Map(simulation.services.map((s) => [s.id, shortServiceLabel(s.libelle)]));
  for (const adhesion of simulation.adhesions) parts.push(adhesionBlock(adhesion, labels.get(adhesion.service) ?? adhesion.service, width));
  if (simulation.adhesions.length === 0) parts.push('\nAucune adhésion à un service payant.\n');
  parts.push('\n' + projectionNote(simulation));
  return parts.join('');
}

function adhesionBlock(a: SimulatedAdhesion, serviceLabel: string, width: number | undefined): string {
  const convergence =
    a.anneeConvergence === null ? 'contribution-cible non atteinte sur la période' : `contribution-cible atteinte en ${a.anneeConvergence}`;
  return `\n${a.commune} (${a.codeInsee}) – ${serviceLabel} : ${convergence}\n` + textTable(COLUMNS, a.rows.map(rowCells), { width });
}

function rowCells(row: SimulationRow): string[] {
  const projected = projectedFr(row.projected);
  if (row.kind === 'sans_titre') return [String(row.exercice), '–', '–', '–', `sans titre (${row.detail})`, '', projected];
  return [
    String(row.exercice),
    formatNumberFr(row.contributionCible),
    row.plafond ? formatNumberFr(row.plafond) : '–',
    formatNumberFr(row.montant),
    row.regime,
    row.converge ? 'oui' : 'non',
    projected,
  ];
}

function projectedFr(p: ProjectedFlags): string {
  return [p.population ? 'population' : '', p.index ? 'indice' : ''].filter(Boolean).join(', ');
}

function projectionNote(simulation: Simulation): string {
  const { populations, indices } = simulation.projections;
  const lines: string[] = [];
  if (populations.length > 0) {
    lines.push(
      `Populations projetées : ${populations.map((p) => `${p.exercice} (depuis ${p.depuis})`).join(', ')}.`,
    );
  }
  const series = [...new Set(indices.map((i) => i.serie))];
  for (const serie of series) {
    const months = indices.filter((i) => i.serie === serie);
    lines.push(`Indice ${serie} projeté de ${months[0].mois} à ${months[months.length - 1].mois}.`);
  }
  if (lines.length === 0) lines.push('Aucune donnée projetée : toutes les populations et tous les indices sont connus.');
  return lines.join('\n') + '\n';
}
