/**
 * The « PROJET – non émis » watermark of previews: large, translucent grey, along the page
 * diagonal, painted over the content so that no table background hides it. It is drawn as glyph
 * outlines, not as text, so that text extraction (pdftotext, copy and paste) reads the document
 * without watermark fragments in the middle of its lines.
 */
import type { Layout } from './layout.js';
import { FONT_BOLD } from './pdf-document.js';

interface FontkitGlyph {
  path: { toSVG(): string };
}
interface FontkitFont {
  unitsPerEm: number;
  layout(text: string): { glyphs: FontkitGlyph[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
}
interface Outline {
  /** SVG path in font units, y up. */
  svg: string;
  /** Advance width in font units. */
  width: number;
  unitsPerEm: number;
}

const outlines = new Map<string, Outline>();

function outline(font: FontkitFont, text: string): Outline {
  let cached = outlines.get(text);
  if (cached) return cached;
  const run = font.layout(text);
  let x = 0;
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const p = run.positions[i];
    // Shift each glyph's path by its pen position (absolute SVG commands: offset every x).
    parts.push(shiftSvg(glyph.path.toSVG(), x + p.xOffset, p.yOffset));
    x += p.xAdvance;
  });
  cached = { svg: parts.join(' '), width: x, unitsPerEm: font.unitsPerEm };
  outlines.set(text, cached);
  return cached;
}

/** Translates an absolute SVG path (M, L, Q, C, Z commands with x y pairs). */
function shiftSvg(svg: string, dx: number, dy: number): string {
  return svg.replace(/([MLQC])([^MLQCZ]*)/g, (_, cmd: string, args: string) => {
    const nums = args.trim().split(/[\s,]+/).filter((n) => n !== '').map(Number);
    const moved = nums.map((n, i) => (i % 2 === 0 ? n + dx : n + dy));
    return cmd + moved.map((n) => Math.round(n * 100) / 100).join(' ');
  });
}

export function drawWatermark(doc: PDFKit.PDFDocument, text: string, layout: Layout): void {
  const { width, height } = doc.page;
  const style = layout.watermark;
  doc.font(FONT_BOLD);
  const font = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
  const shape = outline(font, text);
  const scale = style.fontSize / shape.unitsPerEm;
  const angle = (-Math.atan2(height, width) * 180) / Math.PI;
  doc.save();
  doc.fillColor(style.color).fillOpacity(style.opacity);
  doc.rotate(angle, { origin: [width / 2, height / 2] });
  // Font units have y up; the page (in pdfkit's coordinates) has y down.
  doc.translate(width / 2 - (shape.width * scale) / 2, height / 2 + style.fontSize * 0.35);
  doc.scale(scale, -scale);
  doc.path(shape.svg).fill();
  doc.restore();
}
