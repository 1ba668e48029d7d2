/**
 * The operators of a line of text, written once per text instead of once per titre.
 *
 * pdfkit draws each line (`_fragment`) by encoding it into glyphs, then walking the glyphs to build
 * the TJ operator (hex runs split at each kerning adjustment, every number rounded and printed),
 * between a save, a flip of the coordinates and a restore. A text's TJ operator is the same in
 * every document: the embedded font of the fixed glyph set gives it (fixed-subset.ts's
 * lineOperator, kept per text, composed from its words' pieces: line-operators.ts) and it is
 * written as it is. A titre draws about ninety lines, nine in ten of them the same wording as on
 * every other titre; this part of pdfkit's line drawing was an eighth of a rendering thread's time
 * (cpu profile, 2 000 titres) and a tenth of its garbage. A font without that method (pdfkit's
 * own, where shared-fonts.ts could not install the fixed set) leaves its lines to pdfkit.
 *
 * Only the plain lines the titres use take this path: left, right or centred, filled, without
 * spacing adjustments, links, decorations, OpenType features or glyph offsets; any other line is
 * drawn by pdfkit itself. The operators are pdfkit 0.20's, byte for byte (same order, same rounding:
 * PDFObject.number). The coordinate flip (`transform`) is written without updating the current
 * matrix, which the restore right after would discard anyway.
 *
 * Uses pdfkit internals (_fragment, _font.ref/id/ascender, _fontSize, page.fonts,
 * page.height, addContent, save, restore, widthOfString; pdfkit 0.20).
 */
import { pdfNumber } from './printed-reference.js';

interface LineOptions {
  width?: number;
  align?: string;
  lineWidth: number;
  textWidth: number;
  baseline?: unknown;
  features?: unknown;
  wordSpacing?: number;
  characterSpacing?: number;
  horizontalScaling?: number;
  link?: unknown;
  goTo?: unknown;
  destination?: unknown;
  underline?: unknown;
  strike?: unknown;
  oblique?: unknown;
  stroke?: unknown;
}

interface FragmentInternals {
  _fragment(text: string, x: number, y: number, options: LineOptions): void;
  _font: { id: string; ascender: number; lineOperator?: (text: string) => string | null; ref(): unknown };
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
  save(): unknown;
  restore(): unknown;
  widthOfString(text: string, options?: object): number;
}

function plain(options: LineOptions): boolean {
  return (
    (options.align === undefined || options.align === 'left' || options.align === 'right' || options.align === 'center') &&
    (options.baseline === undefined || typeof options.baseline === 'number') &&
    options.features === undefined &&
    !options.wordSpacing &&
    !options.characterSpacing &&
    (options.horizontalScaling === undefined || options.horizontalScaling === 100) &&
    options.link == null &&
    options.goTo == null &&
    options.destination == null &&
    !options.underline &&
    !options.strike &&
    !options.oblique &&
    !options.stroke
  );
}

/** Makes `doc` draw its plain lines with kept operators. */
export function useTextRuns(doc: PDFKit.PDFDocument): void {
  const pdf = doc as unknown as FragmentInternals;
  const fragment = pdf._fragment;
  if (typeof fragment !== 'function') return;
  pdf._fragment = function (this: FragmentInternals, raw: string, x: number, y: number, options: LineOptions): void {
    if (!plain(options)) return fragment.call(this, raw, x, y, options);
    const text = `${raw}`.replace(/\n/g, '');
    if (text.length === 0) return;
    const operator = this._font.lineOperator?.(text) ?? null;
    if (operator === null) return fragment.call(this, raw, x, y, options);
    if (options.width) {
      if (options.align === 'right') x += options.lineWidth - this.widthOfString(text.replace(/\s+$/, ''), options);
      else if (options.align === 'center') x += options.lineWidth / 2 - options.textWidth / 2;
    }
    const dy = typeof options.baseline === 'number' ? -options.baseline : (this._font.ascender / 1000) * this._fontSize;
    const height = this.page.height;
    this.save();
    this.addContent(`1 0 0 -1 0 ${pdfNumber(height)} cm`);
    const top = height - y - dy;
    if (this.page.fonts[this._font.id] == null) this.page.fonts[this._font.id] = this._font.ref();
    this.addContent('BT');
    this.addContent(`1 0 0 1 ${pdfNumber(x)} ${pdfNumber(top)} Tm`);
    this.addContent(`/${this._font.id} ${pdfNumber(this._fontSize)} Tf`);
    if (operator !== '') this.addContent(operator);
    this.addContent('ET');
    this.restore();
  };
}
