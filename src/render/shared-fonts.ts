/**
 * One parsed copy of each font for all the documents of a renderer.
 *
 * pdfkit parses a registered font buffer again in every document (fontkit.create), and that parse
 * plus the cold glyph and layout caches cost ~60 ms per titre: far too slow for 70 000 titres.
 * Here the buffers are parsed once (through pdfkit itself, in a probe document) and each new
 * document receives its own pdfkit font objects built on those parsed fonts, sharing one cache of
 * shaped words (pdfkit treats its cached runs as immutable): each document still collects and
 * embeds its own subset, so the output is the same as with registerFont.
 *
 * A parsed font caches its glyph objects, and pdfkit takes a glyph's code points (the text that
 * copy and paste or pdftotext give back) from the object made at its first use. So that this
 * never depends on what an earlier document printed, every glyph is created up front: ligatures
 * from their letters (« fi » → f + i), then every character of the font from its own code point.
 *
 * This uses pdfkit internals (the font class behind doc._font, its layoutCache and the
 * doc._fontFamilies cache, pdfkit 0.17); if they change, install() falls back to registerFont
 * (slower, same PDF).
 */
import PDFDocument from 'pdfkit';
import type { PdfAssets } from './assets.js';

export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: unknown, id: string) => object;

interface EmbeddedFont {
  layoutCache?: Record<string, unknown>;
}

interface FontkitFont {
  characterSet: number[];
  layout(text: string): unknown;
  glyphForCodePoint(codePoint: number): unknown;
}

interface FontInternals {
  _font?: { constructor: EmbeddedFontClass; font: unknown };
  _fontFamilies?: Record<string, object>;
  _fontCount?: number;
}

export interface SharedFonts {
  /** Makes FONT_REGULAR and FONT_BOLD available in `doc`. */
  install(doc: PDFKit.PDFDocument): void;
}

/** The letter sequences that the fonts' default features (liga) join into one glyph. */
const LIGATURES = 'ff fi fl ffi ffl';

function parse(buffer: Buffer): { cls: EmbeddedFontClass; font: unknown } | undefined {
  const probe = new PDFDocument({ autoFirstPage: false, font: '' }) as PDFKit.PDFDocument & FontInternals;
  probe.font(buffer);
  const embedded = probe._font;
  if (!embedded || typeof embedded.font !== 'object' || typeof embedded.constructor !== 'function') return undefined;
  const font = embedded.font as FontkitFont;
  font.layout(LIGATURES);
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  return { cls: embedded.constructor, font };
}

/**
 * Shaped words kept across documents; emptied when it grows past this many entries. Amounts,
 * numbers and names rarely repeat, and each entry costs about 3 KB of heap (measured by
 * bench/run.mjs): a small bound keeps the batch's memory flat while the recurring wording stays hot.
 */
const MAX_CACHED_WORDS = 3_000;

class WordCache {
  private words: Record<string, unknown> = Object.create(null);
  private documents = 0;

  /** The cache for the next document (checked for size every 100 documents). */
  next(): Record<string, unknown> {
    if (++this.documents % 100 === 0 && Object.keys(this.words).length > MAX_CACHED_WORDS) {
      this.words = Object.create(null);
    }
    return this.words;
  }
}

export function createSharedFonts(assets: PdfAssets): SharedFonts {
  const regular = parse(assets.regular);
  const bold = parse(assets.bold);
  const regularWords = new WordCache();
  const boldWords = new WordCache();
  return {
    install(doc) {
      const internals = doc as PDFKit.PDFDocument & FontInternals;
      if (regular && bold && internals._fontFamilies && internals._fontCount === 0) {
        const r = new regular.cls(doc, regular.font, 'F1') as EmbeddedFont;
        const b = new bold.cls(doc, bold.font, 'F2') as EmbeddedFont;
        if (r.layoutCache) r.layoutCache = regularWords.next();
        if (b.layoutCache) b.layoutCache = boldWords.next();
        internals._fontFamilies[FONT_REGULAR] = r;
        internals._fontFamilies[FONT_BOLD] = b;
        internals._fontCount = 2;
      } else {
        doc.registerFont(FONT_REGULAR, assets.regular).registerFont(FONT_BOLD, assets.bold);
        doc.font(FONT_REGULAR).font(FONT_BOLD); // same font ids (F1, F2) as above
      }
    },
  };
}
