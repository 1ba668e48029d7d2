/**
 * One parsed copy of each font, and one embedded subset of it, for all the documents of a renderer.
 *
 * pdfkit parses a registered font buffer again in every document (fontkit.create), and that parse
 * plus the cold glyph and layout caches cost ~60 ms per titre: far too slow for 70 000 titres.
 * Here the buffers are parsed once (through pdfkit itself, in a probe document) and each new
 * document receives its own pdfkit font objects built on those parsed fonts, sharing one cache of
 * shaped words (pdfkit treats its cached runs as immutable). Each document embeds the same fixed
 * subset of each font, built and compressed once (fixed-subset.ts), instead of a subset of its own.
 *
 * A parsed font caches its glyph objects, and pdfkit takes a glyph's code points (the text that
 * copy and paste or pdftotext give back) from the object made at its first use. So that this
 * never depends on what an earlier document printed, every glyph is created up front: ligatures
 * from their letters (« fi » → f + i), then every character of the font from its own code point.
 *
 * This uses pdfkit internals (the font class behind doc._font, its layoutCache, layoutCached and layoutRun, and the
 * doc._fontFamilies cache, pdfkit 0.17 to 0.20, checked on 0.20.2); if they change, install() falls back to registerFont
 * (slower, and each document then embeds a subset of its own).
 */
import PDFDocument from 'pdfkit';
import { RecurringCache } from '../engine/recurring-cache.js';
import type { PdfAssets } from './assets.js';
import { ComposedRuns } from './composed-runs.js';
import { FixedGlyphSet, LIGATURES, type EmbeddedFontInternals, type FontkitFont, type ShapedRun } from './fixed-subset.js';

export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: unknown, id: string) => object;

interface EmbeddedFont extends EmbeddedFontInternals {
  layoutCache?: Record<string, unknown>;
  widthOfString(text: string, size: number, features?: unknown): number;
  layout(text: string, features: unknown, onlyWidth: boolean): { advanceWidth: number };
  layoutRun(text: string): ShapedRun;
}

interface FontInternals {
  _font?: { constructor: EmbeddedFontClass; font: unknown; subset?: { cff?: unknown }; embed?: unknown };
  _fontFamilies?: Record<string, object>;
  _fontCount?: number;
}

export interface SharedFonts {
  /** Makes FONT_REGULAR and FONT_BOLD available in `doc`. */
  install(doc: PDFKit.PDFDocument): void;
}

interface ParsedFont {
  cls: EmbeddedFontClass;
  font: FontkitFont;
  glyphSet: FixedGlyphSet;
  /** What the documents of the renderer share for this font. */
  caches: FontCaches;
}

function parse(buffer: Buffer, alphabet: string): ParsedFont | undefined {
  const probe = new PDFDocument({ autoFirstPage: false, font: '' }) as PDFKit.PDFDocument & FontInternals;
  probe.font(buffer);
  const embedded = probe._font;
  if (!embedded || typeof embedded.font !== 'object' || typeof embedded.constructor !== 'function') return undefined;
  // The fixed subset replaces pdfkit's TrueType subset and embed(); anything else keeps pdfkit's.
  if (!embedded.subset || embedded.subset.cff != null || typeof embedded.embed !== 'function') return undefined;
  const font = embedded.font as FontkitFont;
  font.layout(LIGATURES.join(' '));
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  return { cls: embedded.constructor, font, glyphSet: new FixedGlyphSet(font, alphabet), caches: fontCaches(embedded as unknown as EmbeddedFont) };
}

/** `probe`: the probe document's embedded font, whose layoutRun and widthOfString serve every document. */
function fontCaches(probe: EmbeddedFont): FontCaches {
  return {
    words: new RecurringCache<string, ShapedRun>(WORDS_PER_GENERATION),
    widths: new RecurringCache<string, number>(WORDS_PER_GENERATION),
    composed: new ComposedRuns(),
    // pdfkit's layoutRun reads only the parsed font and its scale, the same in every document
    layoutRun: (text: string): ShapedRun => probe.layoutRun(text),
    pdfkitWidthOfString: probe.widthOfString,
  };
}

/**
 * Shaped words (and widths of texts, in thousandths of the font size) kept across documents, this
 * many per generation of the cache. Amounts, numbers and names rarely repeat, and each word costs
 * about 3 KB of heap (measured by bench/run.mjs): a small bound keeps the batch's memory flat while
 * the recurring wording stays hot. Sized on a rendering thread's heap (issue 12, 1 December 2026):
 * with bounds four times these, its caches held some 20 MB alive (185 000 glyph positions and
 * their arrays, in a heap snapshot of a thread that had rendered 8 750 titres), which every full
 * collection marked again; at these bounds, 2 500 titres peaked at 174-180 MB of RSS instead of
 * 203-211 (4 alternated pairs), for the same CPU within the machine's noise (-9 to +6 %), and
 * bounds ten times smaller still did as well: a titre's recurring wording fits many times over.
 */
const WORDS_PER_GENERATION = 400;

/** The caches a font's documents share, and pdfkit's own methods they fall back on. */
interface FontCaches {
  words: RecurringCache<string, ShapedRun>;
  widths: RecurringCache<string, number>;
  composed: ComposedRuns;
  layoutRun: (text: string) => ShapedRun;
  pdfkitWidthOfString: EmbeddedFont['widthOfString'];
}

/**
 * A document's embedded font, on the shared caches. Its methods are functions shared by every
 * document (the caches hang on the font): a new closure per document was a new function for the
 * optimising compiler to compile again after every full collection (`--trace-opt`).
 */
interface CachedFont extends EmbeddedFont {
  sharedCaches: FontCaches;
}

/** A word shaped once per renderer: composed from its characters' runs when that is fontkit's run (composed-runs.ts). */
function sharedLayoutCached(this: CachedFont, word: string): ShapedRun {
  // (get and set rather than through: no closure made for each word looked up)
  const { words, composed, layoutRun } = this.sharedCaches;
  let run = words.get(word);
  if (run === undefined) words.set(word, (run = composed.shape(word, layoutRun)));
  return run;
}

/** pdfkit's own computation (layout, then × size / 1000), with the layout's width remembered. */
function sharedWidthOfString(this: CachedFont, text: string, size: number, features?: unknown): number {
  const { widths, pdfkitWidthOfString } = this.sharedCaches;
  if (features !== undefined) return pdfkitWidthOfString.call(this, text, size, features);
  let width = widths.get(text);
  if (width === undefined) widths.set(text, (width = this.layout(text, undefined, true).advanceWidth));
  return width * (size / 1000);
}

/** `parsed` embedded in `doc` under `id`, on the renderer's caches and the fixed glyph set. */
function openFont(doc: PDFKit.PDFDocument, parsed: ParsedFont, id: string): EmbeddedFont {
  const font = new parsed.cls(doc, parsed.font, id) as CachedFont;
  font.sharedCaches = parsed.caches;
  // pdfkit's layoutCached, on the shared cache (pdfkit treats a cached run as immutable)
  if (font.layoutCache) font.layoutCached = sharedLayoutCached;
  font.widthOfString = sharedWidthOfString;
  parsed.glyphSet.install(font);
  return font;
}

/** `alphabet`: characters the fixed glyph sets must hold besides FIXED_CHARACTERS (the templates'). */
export function createSharedFonts(assets: PdfAssets, alphabet = ''): SharedFonts {
  const regular = parse(assets.regular, alphabet);
  const bold = parse(assets.bold, alphabet);
  return {
    install(doc) {
      const internals = doc as PDFKit.PDFDocument & FontInternals;
      if (regular && bold && internals._fontFamilies && internals._fontCount === 0) {
        internals._fontFamilies[FONT_REGULAR] = openFont(doc, regular, 'F1');
        internals._fontFamilies[FONT_BOLD] = openFont(doc, bold, 'F2');
        internals._fontCount = 2;
      } else {
        doc.registerFont(FONT_REGULAR, assets.regular).registerFont(FONT_BOLD, assets.bold);
        doc.font(FONT_REGULAR).font(FONT_BOLD); // same font ids (F1, F2) as above
      }
    },
  };
}
