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
 * matrix, which the restore right after would discard anyway; so are the save and restore around
 * it (`q`, `Q`): pdfkit's save() pushes a copy of that matrix, which its restore() makes current,
 * the same six numbers. A line's operators are written as one string (addContent ends each with a
 * newline, which the string holds between them): one write instead of eight, through the page,
 * its content reference and the native writes' pending strings (native-writes.ts), and the
 * operators that do not change from line to line (q, the flip, BT; the font and size) printed once.
 *
 * Uses pdfkit internals (_fragment, _font.ref/id/ascender, _fontSize, page.fonts,
 * page.height, addContent, widthOfString; pdfkit 0.20).
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

let openingHeight = NaN;
let openingText = '';

/** What opens a line on a page of this height: q, the flip of the coordinates, BT (kept: one height a document). */
function opening(height: number): string {
  if (height !== openingHeight) {
    openingText = `q\n1 0 0 -1 0 ${pdfNumber(height)} cm\nBT\n`;
    openingHeight = height;
  }
  return openingText;
}

let fontId = '';
let fontSize = NaN;
let fontText = '';

/** The Tf operator of a font and size, and its newline (the last one kept: consecutive lines share it). */
function fontOperator(id: string, size: number): string {
  if (id !== fontId || size !== fontSize) {
    fontText = `/${id} ${pdfNumber(size)} Tf\n`;
    fontId = id;
    fontSize = size;
  }
  return fontText;
}

type Fragment = FragmentInternals['_fragment'];

/**
 * The replacement of each pdfkit `_fragment` met (one: its prototype's), made once: a new function
 * per document was a new closure for the optimising compiler to compile again after every full
 * collection (73 compilations of it in 17 500 titres, 4 since; `--trace-opt`).
 */
const replacements = new WeakMap<Fragment, Fragment>();

/** Makes `doc` draw its plain lines with kept operators. */
export function useTextRuns(doc: PDFKit.PDFDocument): void {
  const pdf = doc as unknown as FragmentInternals;
  const fragment = pdf._fragment;
  if (typeof fragment !== 'function') return;
  let replacement = replacements.get(fragment);
  if (replacement === undefined) replacements.set(fragment, (replacement = keptOperators(fragment)));
  pdf._fragment = replacement;
}

function keptOperators(fragment: Fragment): Fragment {
  return function keptFragment(this: FragmentInternals, raw: string, x: number, y: number, options: LineOptions): void {
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
    const top = height - y - dy;
    if (this.page.fonts[this._font.id] == null) this.page.fonts[this._font.id] = this._font.ref();
    // q, cm, BT, Tm, Tf, TJ, ET, Q: one write, each operator ended by the newline addContent ends it with
    const tj = operator === '' ? '' : `${operator}\n`;
    this.addContent(`${opening(height)}1 0 0 1 ${pdfNumber(x)} ${pdfNumber(top)} Tm\n${fontOperator(this._font.id, this._fontSize)}${tj}ET\nQ`);
  };
}
