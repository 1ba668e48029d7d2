/**
 * The chart of `titres simulate --chart-dir`, one SVG per paying service: per commune, a solid
 * polyline of its amount year by year and a dashed one of its contribution-cible (years without a
 * titre are left out of both), axes with the exercices and euros, a legend. Written as text with
 * fixed-precision coordinates, so the same simulation always gives the same bytes.
 */
import { Decimal, formatEuros } from '../engine/money.js';
import { assumptionsFr, shortServiceLabel } from './assumptions-label.js';
import { coord, escapeXml, niceStep } from './svg-text.js';
import type { SimulatedAdhesion, Simulation, SimulatedTitre } from './types.js';

const WIDTH = 1000;
const PLOT = { left: 90, top: 70, width: 620, height: 380 };
const LEGEND_X = 740;
const LINE = 18;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function chartFileName(service: string): string {
  return `convergence-${service}.svg`;
}

export function chartTitle(simulation: Simulation, service: string): string {
  const libelle = simulation.services.find((s) => s.id === service)?.libelle ?? service;
  return `Convergence des contributions – ${shortServiceLabel(libelle)} (hypothèses : ${assumptionsFr(simulation.assumptions)})`;
}

export function simulationChart(simulation: Simulation, service: string): string {
  const adhesions = simulation.adhesions.filter((a) => a.service === service);
  const { from, to } = simulation.range;
  const maxY = axisMax(adhesions);
  const x = (year: number) =>
    to === from ? PLOT.left + PLOT.width / 2 : PLOT.left + ((year - from) * PLOT.width) / (to - from);
  const y = (value: Decimal) => new Decimal(PLOT.top + PLOT.height).minus(value.times(PLOT.height).div(maxY.value));
  const height = Math.max(PLOT.top + PLOT.height + 60, PLOT.top + LINE * (adhesions.length + 3) + 20);
  const title = escapeXml(chartTitle(simulation, service));

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<title>${title}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="30" font-size="15" font-weight="bold">${title}</text>`,
    ...yAxis(maxY, y),
    ...xAxis(from, to, x),
  ];
  adhesions.forEach((a, i) => parts.push(...communeLines(a, PALETTE[i % PALETTE.length], x, y)));
  parts.push(...legend(adhesions));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function titres(a: SimulatedAdhesion): SimulatedTitre[] {
  return a.rows.filter((r): r is SimulatedTitre => r.kind === 'titre');
}

function axisMax(adhesions: readonly SimulatedAdhesion[]): { value: Decimal; step: Decimal } {
  let max = new Decimal(0);
  for (const t of adhesions.flatMap(titres)) max = Decimal.max(max, t.montant, t.contributionCible);
  const step = niceStep(max, 5);
  const value = Decimal.max(step, max.div(step).ceil().times(step));
  return { value, step };
}

function yAxis(maxY: { value: Decimal; step: Decimal }, y: (v: Decimal) => Decimal): string[] {
  const right = PLOT.left + PLOT.width;
  const parts = [`<text x="${PLOT.left - 10}" y="${PLOT.top - 15}" text-anchor="end">euros</text>`];
  for (let tick = new Decimal(0); tick.lte(maxY.value); tick = tick.plus(maxY.step)) {
    const ty = coord(y(tick));
    parts.push(
      `<line x1="${PLOT.left}" y1="${ty}" x2="${right}" y2="${ty}" stroke="#dddddd"/>`,
      `<text x="${PLOT.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatEuros(tick, tick.isInteger() ? 0 : 2))} €</text>`,
    );
  }
  parts.push(`<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.top + PLOT.height}" stroke="#000000"/>`);
  return parts;
}

function xAxis(from: number, to: number, x: (year: number) => number): string[] {
  const base = PLOT.top + PLOT.height;
  const parts = [`<line x1="${PLOT.left}" y1="${base}" x2="${PLOT.left + PLOT.width}" y2="${base}" stroke="#000000"/>`];
  for (let year = from; year <= to; year += 1) {
    const tx = coord(x(year));
    parts.push(
      `<line x1="${tx}" y1="${base}" x2="${tx}" y2="${base + 5}" stroke="#000000"/>`,
      `<text x="${tx}" y="${base + 20}" text-anchor="middle">${year}</text>`,
    );
  }
  parts.push(`<text x="${PLOT.left + PLOT.width / 2}" y="${base + 42}" text-anchor="middle">exercice</text>`);
  return parts;
}

function communeLines(
  a: SimulatedAdhesion,
  color: string,
  x: (year: number) => number,
  y: (v: Decimal) => Decimal,
): string[] {
  const points = (pick: (t: SimulatedTitre) => Decimal) =>
    titres(a).map((t) => `${coord(x(t.exercice))},${coord(y(pick(t)))}`).join(' ');
  const name = escapeXml(`${a.commune} (${a.codeInsee})`);
  return [
    `<polyline class="cible" data-code-insee="${a.codeInsee}" points="${points((t) => t.contributionCible)}" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4"><title>${name} – contribution-cible</title></polyline>`,
    `<polyline class="montant" data-code-insee="${a.codeInsee}" points="${points((t) => t.montant)}" fill="none" stroke="${color}" stroke-width="2.5"><title>${name} – montant</title></polyline>`,
  ];
}

function legend(adhesions: readonly SimulatedAdhesion[]): string[] {
  const top = PLOT.top;
  const parts = [
    `<line x1="${LEGEND_X}" y1="${top}" x2="${LEGEND_X + 30}" y2="${top}" stroke="#000000" stroke-width="2.5"/>`,
    `<text x="${LEGEND_X + 38}" y="${top}" dominant-baseline="middle">montant du titre</text>`,
    `<line x1="${LEGEND_X}" y1="${top + LINE}" x2="${LEGEND_X + 30}" y2="${top + LINE}" stroke="#000000" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${LEGEND_X + 38}" y="${top + LINE}" dominant-baseline="middle">contribution-cible</text>`,
  ];
  adhesions.forEach((a, i) => {
    const ly = top + LINE * (i + 3);
    parts.push(
      `<rect x="${LEGEND_X}" y="${ly - 5}" width="30" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${LEGEND_X + 38}" y="${ly}" dominant-baseline="middle">${escapeXml(`${a.commune} (${a.codeInsee})`)}</text>`,
    );
  });
  return parts;
}
