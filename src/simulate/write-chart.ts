/**
 * The chart of `titres simulate --chart-dir`, one SVG per paying service, drawn on the principles
 * of the comité's report (src/charts): small multiples, one panel per commune with its own scale
 * (Lyon does not crush the others), its amount year by year as a solid line, its
 * contribution-cible dashed, a dot the year the cible is reached and the last amount written at
 * the end of the line: no palette to decode. The same simulation always gives the same bytes.
 */
import { chartSvg } from '../charts/svg.js';
import { shortEuros, smallMultiples, type Panel } from '../charts/small-multiples.js';
import { assumptionsFr, shortServiceLabel } from './assumptions-label.js';
import type { SimulatedAdhesion, Simulation, SimulatedTitre } from './types.js';

export function chartFileName(service: string): string {
  return `convergence-${service}.svg`;
}

export function chartTitle(simulation: Simulation, service: string): string {
  const libelle = simulation.services.find((s) => s.id === service)?.libelle ?? service;
  return `Convergence des contributions – ${shortServiceLabel(libelle)} (hypothèses : ${assumptionsFr(simulation.assumptions)})`;
}

function titres(a: SimulatedAdhesion): SimulatedTitre[] {
  return a.rows.filter((r): r is SimulatedTitre => r.kind === 'titre');
}

function panelOf(a: SimulatedAdhesion): Panel {
  const t = titres(a);
  return {
    label: `${a.commune} (${a.codeInsee})`,
    values: t.map((r) => ({ year: r.exercice, value: r.montant.toNumber() })),
    target: t.map((r) => ({ year: r.exercice, value: r.contributionCible.toNumber() })),
    convergedAt: a.anneeConvergence,
  };
}

export function simulationChart(simulation: Simulation, service: string): string {
  const adhesions = simulation.adhesions.filter((a) => a.service === service);
  const { from, to } = simulation.range;
  const pending = adhesions.filter((a) => a.anneeConvergence === null || a.anneeConvergence > from).length;
  const title = chartTitle(simulation, service);
  return chartSvg(
    smallMultiples({
      title,
      heading: title,
      description: `${adhesions.length} commune(s), de ${from} à ${to} ; ${pending} atteignent leur contribution-cible après ${from} ou pas sur la période.`,
      panels: adhesions.map(panelOf),
      from,
      to,
      columns: 4,
      width: 900,
      panelHeight: 120,
      format: shortEuros,
    }),
  );
}
