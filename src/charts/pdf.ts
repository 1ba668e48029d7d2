/**
 * A chart drawn into a PDF with pdfkit's vector operations: one tagged Figure with the chart's
 * alternative text, texts in the embedded DejaVu fonts (PDF/A), scaled to the width given.
 */
import { FONT_BOLD, FONT_REGULAR } from '../render/pdf-document.js';
import type { Chart } from './chart.js';

/** The tagged structure a figure joins (page-frame.ts). */
interface Tagging {
  tag(type: string, draw: () => void, alt?: string): void;
}

/** Draws `chart` with its top left corner at (x, y), `width` points wide, tagged in `parent`; returns its height. */
export function drawChart(doc: PDFKit.PDFDocument, parent: Tagging, chart: Chart, x: number, y: number, width: number): number {
  const k = width / chart.width;
  const draw = (): void => {
    doc.save();
    doc.translate(x, y).scale(k);
    for (const s of chart.shapes) {
      switch (s.kind) {
        case 'line':
          doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2);
          stroke(doc, s.color, s.width, s.dash);
          break;
        case 'polyline':
          if (s.points.length === 0) break;
          doc.moveTo(...s.points[0]);
          for (const p of s.points.slice(1)) doc.lineTo(...p);
          stroke(doc, s.color, s.width, s.dash);
          break;
        case 'rect':
          doc.rect(s.x, s.y, s.w, s.h).fill(s.fill);
          break;
        case 'circle':
          doc.circle(s.cx, s.cy, s.r).fill(s.fill);
          break;
        case 'text': {
          doc.font(s.bold ? FONT_BOLD : FONT_REGULAR).fontSize(s.size).fillColor(s.color);
          const w = doc.widthOfString(s.text);
          const left = s.anchor === 'start' ? s.x : s.anchor === 'middle' ? s.x - w / 2 : s.x - w;
          doc.text(s.text, left, s.y, { lineBreak: false, baseline: 'alphabetic' });
          break;
        }
      }
    }
    doc.restore();
  };
  parent.tag('Figure', draw, `${chart.title}. ${chart.description}`);
  return chart.height * k;
}

function stroke(doc: PDFKit.PDFDocument, color: string, width: number, dash: number | undefined): void {
  if (dash) doc.dash(dash, { space: dash });
  else doc.undash();
  doc.lineWidth(width).strokeColor(color).stroke();
  doc.undash();
}
