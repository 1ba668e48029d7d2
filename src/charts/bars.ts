/**
 * Horizontal bars, sorted, one per row with its label on the left and its value written at the end
 * of the bar (direct labels, no legend); an optional reference line (e.g. 100 % of the cible).
 */
import { COLORS, estimateWidth, r2, type Chart, type Shape } from './chart.js';

export interface BarRow {
  label: string;
  value: number;
  valueLabel: string;
  /** Drawn in the highlight colour (e.g. converged). */
  highlight?: boolean;
}

export interface BarChartSpec {
  title: string;
  description: string;
  rows: readonly BarRow[];
  /** Right end of the scale (at least the largest value). */
  max: number;
  reference?: { value: number; label: string };
  width?: number;
  /** Legend of the two colours, when highlight is used. */
  legend?: { normal: string; highlight: string };
}

const ROW = 16;
const SIZE = 9;

export function barChart(spec: BarChartSpec): Chart {
  const width = spec.width ?? 520;
  const labelWidth = Math.min(170, Math.max(60, ...spec.rows.map((r) => estimateWidth(r.label, SIZE))) + 8);
  const top = spec.legend ? 22 : 8;
  const plotLeft = labelWidth;
  const plotWidth = width - labelWidth - 60;
  const max = Math.max(spec.max, ...spec.rows.map((r) => r.value), 1e-9);
  const x = (v: number): number => r2(plotLeft + (Math.max(0, v) / max) * plotWidth);
  const shapes: Shape[] = [];
  if (spec.legend) {
    shapes.push(
      { kind: 'rect', x: plotLeft, y: 4, w: 10, h: 8, fill: COLORS.accentLight },
      { kind: 'text', x: plotLeft + 14, y: 11, text: spec.legend.normal, size: 8, color: COLORS.muted, anchor: 'start' },
      { kind: 'rect', x: plotLeft + 30 + estimateWidth(spec.legend.normal, 8), y: 4, w: 10, h: 8, fill: COLORS.converged },
      { kind: 'text', x: plotLeft + 44 + estimateWidth(spec.legend.normal, 8), y: 11, text: spec.legend.highlight, size: 8, color: COLORS.muted, anchor: 'start' },
    );
  }
  spec.rows.forEach((row, i) => {
    const y = top + i * ROW;
    shapes.push(
      { kind: 'text', x: labelWidth - 6, y: y + ROW - 5, text: row.label, size: SIZE, color: COLORS.text, anchor: 'end' },
      { kind: 'rect', x: plotLeft, y: y + 3, w: r2(x(row.value) - plotLeft), h: ROW - 6, fill: row.highlight ? COLORS.converged : COLORS.accentLight },
      { kind: 'text', x: x(row.value) + 4, y: y + ROW - 5, text: row.valueLabel, size: SIZE, color: COLORS.text, anchor: 'start' },
    );
  });
  const bottom = top + spec.rows.length * ROW;
  shapes.push({ kind: 'line', x1: plotLeft, y1: top, x2: plotLeft, y2: bottom, color: COLORS.muted, width: 0.8 });
  if (spec.reference) {
    const rx = x(spec.reference.value);
    shapes.push(
      { kind: 'line', x1: rx, y1: top - 2, x2: rx, y2: bottom + 2, color: COLORS.target, width: 1, dash: 3 },
      { kind: 'text', x: rx, y: bottom + 13, text: spec.reference.label, size: 8, color: COLORS.target, anchor: 'middle' },
    );
  }
  return { width, height: bottom + 20, title: spec.title, description: spec.description, shapes };
}
