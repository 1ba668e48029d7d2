/**
 * Charts as plain data (shapes in points, origin top left), drawn by two back ends: an SVG file
 * (svg.ts) and vector drawing into a PDF (pdf.ts, embedded fonts, tagged as a Figure). The same
 * chart gives the same picture in both. The builders (bars.ts, small-multiples.ts) follow what a
 * comité reads at a glance: sorted bars with direct labels, small multiples rather than many
 * coloured lines, one scale per panel where one commune would crush the others.
 */

export type Anchor = 'start' | 'middle' | 'end';

export type Shape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number; dash?: number }
  | { kind: 'polyline'; points: Array<[number, number]>; color: string; width: number; dash?: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  /** y is the baseline. */
  | { kind: 'text'; x: number; y: number; text: string; size: number; color: string; anchor: Anchor; bold?: boolean };

export interface Chart {
  width: number;
  height: number;
  /** Shown above the chart in the SVG and used as the PDF figure's title. */
  title: string;
  /** The alternative text (PDF/UA, screen readers): what the chart says, in words. */
  description: string;
  shapes: Shape[];
}

/** The house colours: one accent, a muted grey, a highlight for what needs attention. */
export const COLORS = {
  text: '#1a1a1a',
  muted: '#6b6b6b',
  grid: '#d9d9d9',
  accent: '#1f4e79',
  accentLight: '#9dbad5',
  target: '#b03a2e',
  converged: '#2e7d32',
  background: '#ffffff',
};

/** Width of a text in a sans-serif font, an estimate (DejaVu Sans ≈ 0.55 em per character). */
export function estimateWidth(text: string, size: number): number {
  return text.length * size * 0.55;
}

/** « Nice » upper bound and step for an axis from 0 to max (1, 2, 2.5 or 5 × 10^k). */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { max: Math.ceil(max / step) * step, step };
}

/** Rounds coordinates so that the output does not depend on floating-point noise. */
export const r2 = (n: number): number => Math.round(n * 100) / 100;
