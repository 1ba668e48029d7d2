/**
 * A chart as an SVG file: fixed-precision coordinates, so the same chart gives the same bytes.
 * Built with xmlbuilder2 (already the PES writer's library), which escapes the communes' names and
 * the titles in text and attributes.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { COLORS, type Chart, type Shape } from './chart.js';

const n = (v: number): string => (Math.round(v * 10) / 10).toFixed(1);

const dash = (d: number | undefined): Record<string, string> => (d ? { 'stroke-dasharray': `${d} ${d}` } : {});

function addShape(svg: XMLBuilder, s: Shape): void {
  switch (s.kind) {
    case 'line':
      svg.ele('line', { x1: n(s.x1), y1: n(s.y1), x2: n(s.x2), y2: n(s.y2), stroke: s.color, 'stroke-width': String(s.width), ...dash(s.dash) });
      return;
    case 'polyline':
      svg.ele('polyline', {
        points: s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' '),
        fill: 'none',
        stroke: s.color,
        'stroke-width': String(s.width),
        ...dash(s.dash),
      });
      return;
    case 'rect':
      svg.ele('rect', { x: n(s.x), y: n(s.y), width: n(s.w), height: n(s.h), fill: s.fill });
      return;
    case 'circle':
      svg.ele('circle', { cx: n(s.cx), cy: n(s.cy), r: n(s.r), fill: s.fill });
      return;
    case 'text':
      svg
        .ele('text', {
          x: n(s.x),
          y: n(s.y),
          'font-size': String(s.size),
          fill: s.color,
          ...(s.anchor !== 'start' ? { 'text-anchor': s.anchor } : {}),
          ...(s.bold ? { 'font-weight': 'bold' } : {}),
        })
        .txt(s.text);
  }
}

export function chartSvg(chart: Chart): string {
  const { width, height } = chart;
  const svg = create().ele('http://www.w3.org/2000/svg', 'svg', {
    width: String(width),
    height: String(height),
    viewBox: `0 0 ${width} ${height}`,
    'font-family': 'DejaVu Sans, Arial, sans-serif',
    role: 'img',
  });
  svg.ele('title').txt(chart.title);
  svg.ele('desc').txt(chart.description);
  svg.ele('rect', { x: '0', y: '0', width: String(width), height: String(height), fill: COLORS.background });
  for (const shape of chart.shapes) addShape(svg, shape);
  return `${svg.end({ headless: true, prettyPrint: true, indent: '', newline: '\n' })}\n`;
}
