/**
 * Line breaks of wrapped texts, found once per renderer instead of once per measure and drawing.
 *
 * Every titre sets the same wording (labels, legal mentions, recourse, column headings) in the same
 * fonts and widths, and pdfkit's line wrapper breaks it anew each time it is measured
 * (heightOfString) and each time it is drawn (text): breaking (LineBreaker, then the width of every
 * word) took about a quarter of a titre's rendering time (CPU profile, pdfkit 0.20.2), while nine
 * texts drawn in ten are the same in every titre. Here the lines a text breaks into, for a font, size and
 * width, are kept across the documents of a renderer, each with the figures pdfkit's wrapper hands
 * to its line drawing (the line's text width, word count and line width):
 * - a measure adds the line heights up exactly as pdfkit does, from the current position (same
 *   floating point steps, hence the same height whatever document measured the text first);
 * - a drawing calls pdfkit's own line drawing (_line) with the same arguments, in the same order,
 *   as the wrapper would: the content stream is the same, byte for byte.
 *
 * A text filled from a titre's own values (filled-texts.ts) is broken the same way but not kept:
 * only until it is drawn, among the last few such texts.
 *
 * Only plain wrapped texts are served from the cache: options limited to width, lineGap and align
 * (not justify), no text continued from an earlier call, and a text that ends well above the bottom
 * of the page (where the wrapper would go on to a new page, pdfkit draws it itself). The wrapper's
 * other work on such a text adds zero (indent, paragraph gap) and so changes nothing.
 *
 * Uses pdfkit internals (_initOptions, _text, _line, _font, _fontSize, _lineGap, _textOptions,
 * _wrapper, page.maxY; pdfkit 0.20).
 */
import { RecurringCache } from '../engine/recurring-cache.js';
import { isFilled, keepingTexts, withoutKeeping } from './filled-texts.js';
import { type WrappedLine as Line, wrapPlain, wrapperLineWidth, wrapperWordWidth } from './plain-wrap.js';

interface ResolvedOptions {
  width?: number;
  lineGap?: number;
  height?: number;
  textWidth?: number;
  wordCount?: number;
  lineWidth?: number;
}

type LineCallback = (text: string, options: ResolvedOptions, wrapper?: unknown) => void;

interface TextInternals {
  x: number;
  y: number;
  page: { maxY(): number };
  _font: { name: string } | null;
  _fontSize: number;
  _lineGap?: number;
  _textOptions?: object | null;
  _wrapper?: object | null;
  _initOptions(x?: unknown, y?: number, options?: object): ResolvedOptions;
  _text(text: string, x: number, y: number, options: object, lineCallback: LineCallback): void;
  _line: LineCallback;
  currentLineHeight(includeGap?: boolean): number;
}

type Doc = PDFKit.PDFDocument & TextInternals;

const CACHEABLE = new Set(['width', 'lineGap', 'align']);

/**
 * Texts per generation of the cache (the recurring wording stays; names and amounts churn). Was
 * 2 500: see shared-fonts.ts's WORDS_PER_GENERATION for how these bounds were measured.
 */
const TEXTS_PER_GENERATION = 600;

/** Filled texts whose breaks are held for their drawing (the most a block measures before drawing). */
const FILLED_KEPT = 8;

/** Stands for the wrapper in _line's third argument (pdfkit only tests that it is there). */
const WRAPPED = {};

/** Points kept free above the page's bottom for a cached drawing (covers float rounding). */
const BOTTOM_MARGIN = 1;

function cacheable(doc: Doc, options: unknown): options is Record<string, unknown> & { width: number } {
  if (doc._textOptions || doc._wrapper || !doc._font || typeof options !== 'object' || options === null) return false;
  const given = options as Record<string, unknown>;
  return typeof given.width === 'number' && given.align !== 'justify' && Object.keys(given).every((k) => CACHEABLE.has(k));
}

/** A text's lines in one font, size and width. */
interface Broken {
  font: string;
  size: number;
  width: number | undefined;
  lines: readonly Line[];
}

export class LineBreaks {
  /**
   * By text, its lines in each font, size and width it was set in. The text itself is the key:
   * a key made of the font, size, width and text was a new string on every measure and drawing,
   * copied and hashed whole (some 120 a titre, up to a paragraph long).
   */
  private readonly lines = new RecurringCache<string, Broken[]>(TEXTS_PER_GENERATION);

  /**
   * The filled texts (filled-texts.ts) broken last, which the cache does not keep: a filled text
   * is measured, then drawn a few texts later (a form row measures its lines, then draws them).
   */
  private readonly filled: Array<[string, Broken[]]> = [];
  private nextFilled = 0;

  /**
   * The replacements of pdfkit's heightOfString and text, made at the first install and given to
   * every later document whose methods are the same (pdfkit's prototype's): a new pair of closures
   * per document was new functions for the optimising compiler to compile again after every full
   * collection (`--trace-opt`, 17 500 titres: some 40 compilations of each).
   */
  private replacements?: { heightOfString: Doc['heightOfString']; text: Doc['text']; from: [unknown, unknown] };

  /**
   * Makes `doc.heightOfString` and `doc.text` use (and fill) these line breaks; a filled text
   * (filled-texts.ts) is set with the caches keeping nothing new.
   */
  install(doc: PDFKit.PDFDocument): void {
    const kept = this.replacements;
    if (kept === undefined || kept.from[0] !== doc.heightOfString || kept.from[1] !== doc.text) {
      this.replacements = this.replacing(doc);
    }
    doc.heightOfString = this.replacements!.heightOfString;
    doc.text = this.replacements!.text;
  }

  private replacing(doc: PDFKit.PDFDocument): NonNullable<LineBreaks['replacements']> {
    const breaks = this;
    const heightOfString = doc.heightOfString;
    const measure = (doc: Doc, text: string, options?: PDFKit.Mixins.TextOptions): number =>
      cacheable(doc, options ?? {}) ? breaks.height(doc, `${text}`, options!) : heightOfString.call(doc, text, options);
    const drawText = doc.text as (...args: unknown[]) => PDFKit.PDFDocument;
    const draw = (doc: Doc, text: string, x?: unknown, y?: number, options?: PDFKit.Mixins.TextOptions): PDFKit.PDFDocument => {
      if (typeof x !== 'number' || typeof y !== 'number' || !cacheable(doc, options)) return drawText.call(doc, text, x, y, options);
      return breaks.draw(doc, text == null ? '' : `${text}`, x, y, options!);
    };
    return {
      from: [heightOfString, drawText],
      heightOfString: function keptHeightOfString(this: Doc, text: string, options?: PDFKit.Mixins.TextOptions) {
        return isFilled(`${text}`) ? withoutKeeping(() => measure(this, text, options)) : measure(this, text, options);
      },
      text: function keptText(this: Doc, text: string, x?: unknown, y?: number, options?: PDFKit.Mixins.TextOptions) {
        return isFilled(`${text}`) ? withoutKeeping(() => draw(this, text, x, y, options)) : draw(this, text, x, y, options);
      } as Doc['text'],
    };
  }

  private find(doc: Doc, text: string, width: number | undefined): readonly Line[] | undefined {
    const kept = this.lines.get(text) ?? (keepingTexts() ? undefined : this.recentFilled(text));
    if (kept === undefined) return undefined;
    const font = doc._font!.name;
    const size = doc._fontSize;
    for (const broken of kept) if (broken.font === font && broken.size === size && broken.width === width) return broken.lines;
    return undefined;
  }

  private keep(doc: Doc, text: string, width: number | undefined, lines: readonly Line[]): void {
    const broken: Broken = { font: doc._font!.name, size: doc._fontSize, width, lines };
    if (!keepingTexts()) return this.keepFilled(text, broken);
    const kept = this.lines.get(text);
    if (kept === undefined) this.lines.set(text, [broken]);
    else kept.push(broken);
  }

  /** The breaks of a filled text measured lately (the text is drawn next), by text. */
  private recentFilled(text: string): Broken[] | undefined {
    for (const [kept, broken] of this.filled) if (kept === text) return broken;
    return undefined;
  }

  private keepFilled(text: string, broken: Broken): void {
    const kept = this.recentFilled(text);
    if (kept !== undefined) return void kept.push(broken);
    this.filled[this.nextFilled] = [text, [broken]];
    this.nextFilled = (this.nextFilled + 1) % FILLED_KEPT;
  }

  /**
   * A text not seen yet in this font, size and width, broken by plain-wrap.ts and kept (undefined
   * when pdfkit's wrapper must break it).
   */
  private wrap(doc: Doc, text: string, width: number): readonly Line[] | undefined {
    const lines = wrapPlain(text, wrapperLineWidth(width), (word) => wrapperWordWidth(doc, word));
    if (lines !== undefined) this.keep(doc, text, width, lines);
    return lines;
  }

  /** pdfkit's heightOfString, breaking the text into lines on its first measure. */
  private height(doc: Doc, text: string, options: object): number {
    const { x, y } = doc;
    const resolved = doc._initOptions(options);
    resolved.height = Infinity;
    const lineGap = resolved.lineGap || doc._lineGap || 0;
    const lines = this.find(doc, text, resolved.width) ?? this.wrap(doc, text, resolved.width!);
    if (lines === undefined) {
      const found: Line[] = [];
      doc._text(text, doc.x, doc.y, resolved, (line, o) => {
        found.push([line, o.textWidth!, o.wordCount!, o.lineWidth!]);
        doc.y += doc.currentLineHeight(true) + lineGap;
      });
      this.keep(doc, text, resolved.width, found);
    } else {
      for (let i = 0; i < lines.length; i++) doc.y += doc.currentLineHeight(true) + lineGap;
    }
    const height = doc.y - y;
    doc.x = x;
    doc.y = y;
    return height;
  }

  /** pdfkit's text(text, x, y, options), with the line breaks found on its first use. */
  private draw(doc: Doc, text: string, x: number, y: number, options: object): Doc {
    const resolved = doc._initOptions(x, y, options); // moves to (x, y), as text() does
    const lines = this.find(doc, text, resolved.width) ?? this.wrap(doc, text, resolved.width!);
    const lineGap = resolved.lineGap || doc._lineGap || 0;
    const step = doc.currentLineHeight(true) + lineGap;
    if (lines === undefined || doc.y + (lines.length + 1) * step > doc.page.maxY() - BOTTOM_MARGIN) {
      const page = doc.page;
      const found: Line[] = [];
      doc._text(text, x, y, options, (line, o, wrapper) => {
        found.push([line, o.textWidth!, o.wordCount!, o.lineWidth!]);
        doc._line(line, o, wrapper);
      });
      if (lines === undefined && doc.page === page) this.keep(doc, text, resolved.width, found);
      return doc;
    }
    const startX = doc.x;
    for (const [line, textWidth, wordCount, lineWidth] of lines) {
      resolved.textWidth = textWidth;
      resolved.wordCount = wordCount;
      resolved.lineWidth = lineWidth;
      doc._line(line, resolved, WRAPPED);
    }
    doc.x = startX;
    return doc;
  }
}
