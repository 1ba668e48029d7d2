/**
 * Small multiples: one small panel per series (a commune, a service), laid out in a grid, each
 * with its own vertical scale (written in the panel) so that Lyon never crushes Albigny; the years
 * are shared. In each panel the amount is a solid line, the cible a dashed red line, the year the
 * cible is reached a green dot, and the last amount is written at the end of the line.
 */
import { Decimal } from '../engine/money.js';
import { COLORS, estimateWidth, niceScale, r2, type Chart, type Shape } from './chart.js';
import { formatDecimalFr, formatNumberFr } from '../engine/french-format.js';

export interface Point {
  year: number;
  value: number;
}

export interface Panel {
  label: string;
  values: readonly Point[];
  /** Points after this year are projections (drawn dashed, lighter). */
  projectedAfter?: number;
  target?: readonly Point[];
  /** The year the cible is reached (a green dot on that year's amount). */
  convergedAt?: number | null;
}

export interface SmallMultiplesSpec {
  title: string;
  description: string;
  panels: readonly Panel[];
  from: number;
  to: number;
  columns: number;
  width?: number;
  panelHeight?: number;
  /** Short form of a value for the scale and the direct label (« 32 k€ »). */
  format: (value: number) => string;
  legend?: boolean;
  /** A heading drawn above the chart (a standalone SVG file has no page to carry its title). */
  heading?: string;
}

const PAD = 8;
const SIZE = 8;

export function smallMultiples(spec: SmallMultiplesSpec): Chart {
  const width = spec.width ?? 520;
  const columns = Math.max(1, Math.min(spec.columns, spec.panels.length));
  const panelWidth = width / columns;
  const panelHeight = spec.panelHeight ?? 92;
  const head = spec.heading ? 26 : 0;
  const top = head + (spec.legend === false ? 0 : 20);
  const shapes: Shape[] = [];
  if (spec.heading) shapes.push({ kind: 'text', x: 0, y: 15, text: spec.heading, size: 12, color: COLORS.text, anchor: 'start', bold: true });
  if (spec.legend !== false) legend(shapes, head);
  spec.panels.forEach((panel, i) => {
    const ox = (i % columns) * panelWidth;
    const oy = top + Math.floor(i / columns) * panelHeight;
    drawPanel(shapes, panel, spec, ox, oy, panelWidth, panelHeight);
  });
  const rows = Math.ceil(spec.panels.length / columns);
  return { width, height: top + rows * panelHeight, title: spec.title, description: spec.description, shapes };
}

function legend(shapes: Shape[], dy: number): void {
  const start = shapes.length;
  shapes.push(
    { kind: 'line', x1: 0, y1: 8, x2: 18, y2: 8, color: COLORS.accent, width: 1.6 },
    { kind: 'text', x: 22, y: 11, text: 'montant', size: SIZE, color: COLORS.muted, anchor: 'start' },
    { kind: 'line', x1: 80, y1: 8, x2: 98, y2: 8, color: COLORS.target, width: 1, dash: 2 },
    { kind: 'text', x: 102, y: 11, text: 'contribution-cible', size: SIZE, color: COLORS.muted, anchor: 'start' },
    { kind: 'circle', cx: 196, cy: 8, r: 3, fill: COLORS.converged },
    { kind: 'text', x: 202, y: 11, text: 'cible atteinte', size: SIZE, color: COLORS.muted, anchor: 'start' },
    { kind: 'line', x1: 272, y1: 8, x2: 290, y2: 8, color: COLORS.accentLight, width: 1.6, dash: 3 },
    { kind: 'text', x: 294, y: 11, text: 'projection', size: SIZE, color: COLORS.muted, anchor: 'start' },
    { kind: 'text', x: 360, y: 11, text: 'chaque case a sa propre échelle', size: SIZE, color: COLORS.muted, anchor: 'start' },
  );
  for (const s of shapes.slice(start)) {
    if (s.kind === 'line') Object.assign(s, { y1: s.y1 + dy, y2: s.y2 + dy });
    else if (s.kind === 'text') s.y += dy;
    else if (s.kind === 'circle') s.cy += dy;
  }
}

function drawPanel(shapes: Shape[], panel: Panel, spec: SmallMultiplesSpec, ox: number, oy: number, w: number, h: number): void {
  const plot = { left: ox + PAD, right: ox + w - PAD - 34, top: oy + 22, bottom: oy + h - 16 };
  const label = fit(panel.label, w - 2 * PAD);
  shapes.push({ kind: 'text', x: ox + PAD, y: oy + 11, text: label, size: SIZE + 0.5, color: COLORS.text, anchor: 'start', bold: true });
  const all = [...panel.values, ...(panel.target ?? [])].map((p) => p.value);
  const { min, max } = panelScale(all);
  const span = Math.max(1, spec.to - spec.from);
  const x = (year: number): number => r2(plot.left + ((year - spec.from) / span) * (plot.right - plot.left));
  const y = (v: number): number => r2(plot.bottom - ((Math.max(min, v) - min) / (max - min)) * (plot.bottom - plot.top));
  shapes.push(
    { kind: 'line', x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, color: COLORS.grid, width: 0.6 },
    { kind: 'line', x1: plot.left, y1: plot.top, x2: plot.right, y2: plot.top, color: COLORS.grid, width: 0.4 },
    { kind: 'text', x: ox + PAD, y: oy + 20, text: spec.format(max), size: SIZE - 1, color: COLORS.muted, anchor: 'start' },
    { kind: 'text', x: ox + PAD, y: plot.bottom - 2, text: spec.format(min), size: SIZE - 1, color: COLORS.muted, anchor: 'start' },
    { kind: 'text', x: plot.left, y: plot.bottom + 10, text: String(spec.from), size: SIZE - 1, color: COLORS.muted, anchor: 'start' },
    { kind: 'text', x: plot.right, y: plot.bottom + 10, text: String(spec.to), size: SIZE - 1, color: COLORS.muted, anchor: 'end' },
  );
  if (panel.target && panel.target.length > 0) {
    shapes.push({ kind: 'polyline', points: panel.target.map((p) => [x(p.year), y(p.value)]), color: COLORS.target, width: 0.9, dash: 2 });
  }
  const cut = panel.projectedAfter ?? Infinity;
  const known = panel.values.filter((p) => p.year <= cut);
  // the projection starts from the last known point, so that the two lines join
  const projected = [...known.slice(-1), ...panel.values.filter((p) => p.year > cut)];
  if (known.length > 0) shapes.push({ kind: 'polyline', points: known.map((p) => [x(p.year), y(p.value)]), color: COLORS.accent, width: 1.6 });
  if (known.length === 1) shapes.push({ kind: 'circle', cx: x(known[0].year), cy: y(known[0].value), r: 1.8, fill: COLORS.accent });
  if (projected.length > 1) shapes.push({ kind: 'polyline', points: projected.map((p) => [x(p.year), y(p.value)]), color: COLORS.accentLight, width: 1.6, dash: 3 });
  const converged = panel.convergedAt === undefined || panel.convergedAt === null ? undefined : panel.values.find((p) => p.year === panel.convergedAt);
  if (converged) shapes.push({ kind: 'circle', cx: x(converged.year), cy: y(converged.value), r: 2.6, fill: COLORS.converged });
  const last = panel.values[panel.values.length - 1];
  if (last) shapes.push({ kind: 'text', x: x(last.year) + 3, y: y(last.value) + 3, text: spec.format(last.value), size: SIZE - 1, color: COLORS.text, anchor: 'start' });
}

/**
 * The panel's own scale: from a round value below its smallest figure to a round value above its
 * largest, so that the last steps of a convergence stay visible (the bounds are written).
 */
function panelScale(values: readonly number[]): { min: number; max: number } {
  const hi = Math.max(0, ...values);
  const lo = Math.min(hi, ...values);
  const { step } = niceScale(Math.max(hi - lo, hi * 0.1, 1), 4);
  const min = Math.max(0, Math.floor((lo - step / 2) / step) * step);
  const max = Math.ceil((hi + step / 4) / step) * step;
  return { min, max: max > min ? max : min + step };
}

/** Cuts a label that would overflow its panel, with an ellipsis. */
function fit(text: string, width: number): string {
  if (estimateWidth(text, SIZE + 0.5) <= width) return text;
  let cut = text;
  while (cut.length > 1 && estimateWidth(`${cut}…`, SIZE + 0.5) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** « 1 210 € », « 12,5 k€ », « 32 k€ »: a value short enough for a small panel. */
export function shortEuros(value: number): string {
  if (Math.abs(value) < 10_000) return `${formatNumberFr(new Decimal(Math.round(value)), 0)} €`;
  const k = value / 1000;
  return `${formatDecimalFr(Math.abs(k) < 100 ? Math.round(k * 10) / 10 : Math.round(k))} k€`;
}
