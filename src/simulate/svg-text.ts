/** Small helpers to write SVG as text: escaping and fixed-precision coordinates (determinism). */
import { Decimal } from '../engine/money.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate with one decimal, e.g. "412.5". */
export function coord(value: Decimal | number): string {
  return new Decimal(value).toFixed(1);
}

/** A « nice » axis step (1, 2, 2.5 or 5 × 10^k) so that about `ticks` steps cover `max`. */
export function niceStep(max: Decimal, ticks: number): Decimal {
  if (max.lte(0)) return new Decimal(1);
  const raw = max.div(ticks);
  const magnitude = new Decimal(10).pow(raw.e);
  for (const m of ['1', '2', '2.5', '5', '10']) {
    const step = magnitude.times(m);
    if (step.gte(raw)) return step;
  }
  return magnitude.times(10);
}
