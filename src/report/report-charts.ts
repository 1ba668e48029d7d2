/**
 * The report's charts (src/charts): share of the cible reached per commune, sorted; net per service
 * over the exercices; convergence as small multiples, each commune on its own scale.
 */
import { barChart } from '../charts/bars.js';
import type { Chart } from '../charts/chart.js';
import { shortEuros, smallMultiples, type Panel } from '../charts/small-multiples.js';
import { shortServiceLabel } from '../simulate/assumptions-label.js';
import type { AnnualReport, CommuneLine } from './annual-report.js';
import { formatDecimalFr } from '../engine/french-format.js';

const percent = (ratio: number): string => `${formatDecimalFr(Math.round(ratio * 1000) / 10)} %`;

/** One bar chart per service: the communes with a titre and a cible this year, highest share first. */
export function shareCharts(report: AnnualReport, width = 520): Chart[] {
  return report.services.flatMap((service) => {
    const lines = report.communes.filter((c) => c.service === service.id && c.part !== undefined);
    if (lines.length === 0) return [];
    const rows = lines
      .map((c) => ({ c, value: c.part!.toNumber() }))
      .sort((a, b) => b.value - a.value || a.c.commune.localeCompare(b.c.commune, 'fr'))
      .map(({ c, value }) => ({ label: c.commune, value, valueLabel: percent(value) + (c.regime === 'prorata' ? ' (prorata)' : ''), highlight: value >= 1 }));
    const converged = rows.filter((r) => r.highlight).length;
    return [
      barChart({
        title: `Part de la contribution-cible atteinte en ${report.year} – ${shortServiceLabel(service.libelle)}`,
        description: `${converged} commune(s) sur ${lines.length} ont atteint leur contribution-cible ; de ${rows[rows.length - 1].valueLabel} à ${rows[0].valueLabel}.`,
        rows,
        max: 1,
        reference: { value: 1, label: 'cible' },
        legend: { normal: 'en dessous de la cible', highlight: 'cible atteinte' },
        width,
      }),
    ];
  });
}

/** Net billed per service and exercice: one panel per service, each on its own scale. */
export function servicesChart(report: AnnualReport, width = 520): Chart {
  const years = report.byYear.flatMap((s) => s.years.map((y) => y.exercice));
  const from = Math.min(report.year - 1, ...years);
  const panels: Panel[] = report.byYear.map((s) => ({
    label: shortServiceLabel(s.libelle),
    values: s.years.map((y) => ({ year: y.exercice, value: y.net.toNumber() })),
  }));
  const last = report.totals.map((t) => `${shortServiceLabel(t.libelle)} ${shortEuros(t.current.toNumber())}`).join(', ');
  return smallMultiples({
    title: `Net facturé par service et par exercice, ${from} à ${report.year}`,
    description: `En ${report.year} : ${last}.`,
    panels,
    from,
    to: report.year,
    columns: 2,
    width,
    panelHeight: 110,
    format: shortEuros,
    legend: false,
  });
}

/** Convergence per commune for one service: journal up to N, simulate's projection after. */
export function convergenceChart(report: AnnualReport, service: { id: string; libelle: string }, width = 520): Chart | undefined {
  const lines = report.communes.filter((c) => c.service === service.id && (c.history.length > 0 || c.projection.length > 0));
  if (lines.length === 0) return undefined;
  const years = lines.flatMap((c) => [...c.history.map((h) => h.exercice), ...c.projection.map((p) => p.exercice)]);
  const from = Math.min(...years);
  const to = Math.max(report.year, ...years);
  const panels = lines.map((c) => panelOf(c, report.year));
  const pending = lines.filter((c) => c.anneeConvergence === null || c.anneeConvergence > report.year).length;
  return smallMultiples({
    title: `Convergence vers la contribution-cible – ${shortServiceLabel(service.libelle)}`,
    description: `${lines.length} commune(s) ; ${pending} n’ont pas encore atteint leur cible en ${report.year}. Montants du journal jusqu’en ${report.year}, projection aux règles actuelles ensuite.`,
    panels,
    from,
    to,
    columns: 4,
    width,
    format: shortEuros,
  });
}

function panelOf(c: CommuneLine, year: number): Panel {
  const values = [...c.history.map((h) => ({ year: h.exercice, value: h.montant.toNumber() })), ...c.projection.map((p) => ({ year: p.exercice, value: p.montant.toNumber() }))];
  const target = [
    ...c.history.filter((h) => h.cible !== undefined).map((h) => ({ year: h.exercice, value: h.cible!.toNumber() })),
    ...c.projection.map((p) => ({ year: p.exercice, value: p.cible.toNumber() })),
  ];
  return { label: c.commune, values, target, projectedAfter: year, convergedAt: c.anneeConvergence };
}
