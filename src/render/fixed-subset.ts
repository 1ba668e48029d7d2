/**
 * A fixed glyph set per font, embedded identically in every document of a run.
 *
 * pdfkit embeds, in each document, a subset of the font made of the glyphs that document used, and
 * builds it (fontkit encode, then deflate) at the end of every document: a third of a titre's
 * rendering time went there, redone on nearly the same glyphs each time. Here each font gets one
 * subset holding every glyph the documents can use (FIXED_CHARACTERS below: Latin-1 and the French
 * typographic characters, and the ligatures the font forms from them), in a fixed order. Its font
 * program, widths and ToUnicode map are built and compressed once per renderer (per worker
 * thread); each document then writes those same bytes, and its content stream names glyphs by
 * their fixed numbers.
 *
 * A document that uses a glyph outside the set (a rare letter in a name) still gets a correct font:
 * its subset is the fixed set followed by its own extra glyphs, in the order it first used them,
 * built for that document alone. Either way a document's bytes depend only on its own content.
 *
 * Uses pdfkit's EmbeddedFont internals (subset, embed, widths, unicode, document, id; pdfkit 0.17 to 0.20, checked on 0.20.2)
 * and fontkit's TrueType subset; shared-fonts.ts checks that they are there before using this.
 */
import { deflateSync } from 'node:zlib';
import { RecurringCache } from '../engine/recurring-cache.js';
import { keepingTexts } from './filled-texts.js';
import { LineOperator, runPieces, type GlyphPosition, type RunPieces } from './line-operators.js';
import { pdfNumber, printedAs } from './printed-reference.js';
import { withoutGlyphInstructions } from './unhinted-glyphs.js';

/** Characters whose glyphs every document may use without building a font of its own. */
export const FIXED_CHARACTERS: string = (() => {
  let chars = '';
  for (let c = 0x20; c <= 0x7e; c++) chars += String.fromCharCode(c); // ASCII
  for (let c = 0xa0; c <= 0xff; c++) chars += String.fromCharCode(c); // Latin-1 (nbsp, «», °, §, letters)
  // French typography: œ Œ Ÿ, quotes and apostrophe, dashes, ellipsis, narrow/thin spaces,
  // non-breaking hyphen, euro, per mille, bullet, minus sign, trade mark, daggers.
  return chars + 'ŒœŸ‘’‚“”„–—…\u202f\u2009\u2011€‰•\u2212™†‡';
})();

/** The letter sequences that the fonts' default features (liga) join into one glyph. */
export const LIGATURES = ['ff', 'fi', 'fl', 'ffi', 'ffl'];

export interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface FontkitSubset {
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
  cff?: unknown;
}

export interface FontkitFont {
  characterSet: number[];
  unitsPerEm: number;
  postscriptName: string;
  italicAngle: number;
  capHeight: number;
  xHeight: number;
  ascent: number;
  descent: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  post: { isFixedPitch: number | boolean };
  head: { macStyle: { italic: boolean } };
  'OS/2'?: { sFamilyClass?: number };
  layout(text: string): { glyphs: FontkitGlyph[] };
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  getGlyph(id: number): FontkitGlyph;
  createSubset(): FontkitSubset;
}

interface PdfRef {
  data: Record<string, unknown>;
  write(chunk: Buffer | string): void;
  end(chunk?: Buffer | string): void;
}

/** pdfkit's encoding of a text: glyph numbers (4 hex digits each) and glyph positions. */
type Encoded = [string[], object[]];

/** A shaped word as pdfkit's layoutCached gives it (positions already scaled; never changed by pdfkit). */
export interface ShapedRun {
  glyphs: FontkitGlyph[];
  positions: object[];
  /** The sum of the positions' xAdvance (pdfkit's layout adds the runs' widths up). */
  readonly advanceWidth: number;
}

/** The parts of pdfkit's EmbeddedFont this module replaces or reads. */
export interface EmbeddedFontInternals {
  document: { ref(data?: object): PdfRef };
  id: string;
  font: FontkitFont;
  subset: unknown;
  dictionary: PdfRef;
  embed(): void;
  encode(text: string, features?: unknown): Encoded;
  layoutCached(text: string): ShapedRun;
  /** The TJ operator of a plain line of `text` (null: a glyph has an offset), installed here for text-runs.ts. */
  lineOperator?: (text: string) => string | null;
}

/**
 * Encoded texts (and lines' TJ operators) shared by the documents of a renderer, this many per
 * generation of each cache: the recurring wording is encoded once per run, the amounts and names
 * (rarely repeated) churn. An encoding holds a line's glyph numbers and positions (a few KB), an
 * operator its text printed: the bound keeps a thread's memory flat. pdfkit only reads an
 * encoding, never changes it. Was 1 000: see shared-fonts.ts's WORDS_PER_GENERATION for how these
 * bounds were measured. The titres' plain lines take the operators (text-runs.ts); encodings serve
 * the lines pdfkit draws itself.
 */
const ENCODED_PER_GENERATION = 250;

/** A compressed stream: the bytes to write and its dictionary entries. */
interface Deflated {
  bytes: Buffer;
  rawLength: number;
}

function deflate(raw: Uint8Array | string): Deflated {
  const buffer = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return { bytes: deflateSync(buffer, { level: 9 }), rawLength: buffer.length };
}

/**
 * A CIDFont's W entry for `widths` (glyphs 0, 1, …): pdfkit's [0, widths], printed once (some 330
 * widths, which convert printed anew in every document).
 */
export function widthsEntry(widths: readonly number[]): object {
  return printedAs(`[0 [${widths.map(pdfNumber).join(' ')}]]`);
}

/** Where the run of `text` that starts at `start` ends: after its first space or tab, or at the end (pdfkit's layout). */
function runEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09) return i + 1;
  }
  return text.length;
}

/** A run some of whose glyphs are outside the fixed set: numbered by each document. */
const OUTSIDE = 'outside';

const glyphNumbers: string[] = [];

/** A glyph number as pdfkit writes it in a content stream: 4 lowercase hex digits. */
function glyphNumber(gid: number): string {
  return (glyphNumbers[gid] ??= `0000${gid.toString(16)}`.slice(-4));
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

function utf16(codePoints: readonly number[]): string {
  return codePoints
    .map((cp) => (cp > 0xffff ? hex4(0xd800 | ((cp - 0x10000) >>> 10)) + hex4(0xdc00 | ((cp - 0x10000) & 0x3ff)) : hex4(cp)))
    .join('');
}

/** ToUnicode CMap: each glyph of the subset that stands for text → its code points. */
function toUnicodeCmap(codePoints: ReadonlyArray<readonly number[]>): string {
  const entries: string[] = [];
  codePoints.forEach((cps, gid) => {
    if (gid > 0 && cps.length > 0) entries.push(`<${hex4(gid)}> <${utf16(cps)}>`);
  });
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The embedded font's streams and W entry for one ordered list of glyphs. */
interface SubsetStreams {
  program: Deflated;
  toUnicode: Deflated;
  /** The descendant font's W entry, [0 [w0 w1 …]], as pdfkit prints it (written as it is). */
  w: object;
}

function buildStreams(font: FontkitFont, subset: FontkitSubset): SubsetStreams {
  const program = deflate(withoutGlyphInstructions(subset.encode())); // encode appends the components of composite glyphs
  const scale = 1000 / font.unitsPerEm;
  const glyphs = subset.glyphs.map((id) => font.getGlyph(id));
  return {
    program,
    toUnicode: deflate(toUnicodeCmap(glyphs.map((g) => g.codePoints))),
    w: widthsEntry(glyphs.map((g) => g.advanceWidth * scale)),
  };
}

/** The fixed subset of one font: built once, then installed in every document. */
export class FixedGlyphSet {
  /** Original glyph ids, in subset order (index = glyph number in the documents). */
  private readonly glyphs: readonly number[];
  private readonly numbers = new Map<number, number>();
  private readonly streams: SubsetStreams;
  private readonly descriptor: Record<string, unknown>;
  private readonly encoded = new RecurringCache<string, Encoded>(ENCODED_PER_GENERATION);
  /** A shaped run's glyph numbers, when all its glyphs are in the set (null: some are not). */
  private readonly runNumbers = new WeakMap<ShapedRun, readonly string[] | null>();
  /** Lines' TJ operators (null: a glyph has an offset), kept as the encoded texts are. */
  private readonly operators = new RecurringCache<string, string | null>(ENCODED_PER_GENERATION);
  /** A shaped run's part of a TJ operator, when all its glyphs are in the set (null: a glyph has an offset). */
  private readonly runOperators = new WeakMap<ShapedRun, RunPieces | null | typeof OUTSIDE>();
  private readonly line = new LineOperator();

  /** `extra`: more characters to hold (the templates' own), after FIXED_CHARACTERS, sorted. */
  constructor(
    private readonly font: FontkitFont,
    extra = '',
  ) {
    const subset = font.createSubset();
    const more = [...new Set(extra)].filter((ch) => !FIXED_CHARACTERS.includes(ch)).sort();
    for (const ch of [...FIXED_CHARACTERS, ...more]) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
    for (const ligature of LIGATURES) for (const glyph of font.layout(ligature).glyphs) subset.includeGlyph(glyph.id);
    this.streams = buildStreams(font, subset);
    this.glyphs = [...subset.glyphs];
    this.glyphs.forEach((id, gid) => this.numbers.set(id, gid));
    this.descriptor = fontDescriptor(font);
  }

  /** Glyphs in the set (with the components of composite glyphs). */
  get size(): number {
    return this.glyphs.length;
  }

  /**
   * Makes pdfkit's embedded font `target` number its glyphs and embed itself with this set. Its
   * methods become functions shared by every document (the document's own state is its subset,
   * a DocumentGlyphs): a new set of closures per document was new functions for the optimising
   * compiler to compile again after every full collection (`--trace-opt`).
   */
  install(target: EmbeddedFontInternals): void {
    const installed = target as InstalledFont;
    installed.pdfkitEncode = target.encode;
    installed.subset = new DocumentGlyphs(this, this.numbers, this.glyphs.length);
    installed.encode = fixedEncode;
    installed.lineOperator = fixedLineOperator;
    installed.embed = fixedEmbed;
  }

  /**
   * A text set in glyphs of the fixed set is encoded the same way in every document (kept, unless
   * it is a line of a filled text: filled-texts.ts).
   */
  encodeKept(target: InstalledFont, text: string): Encoded {
    const subset = target.subset;
    const known = this.encoded.get(text);
    if (known) return known;
    subset.usedExtra = false;
    const result = this.encodeRuns(target, subset, text);
    if (!subset.usedExtra && keepingTexts()) this.encoded.set(text, result);
    return result;
  }

  /** A plain line's TJ operator, kept as encodeKept keeps encodings. */
  lineOperatorKept(target: InstalledFont, text: string): string | null {
    const subset = target.subset;
    const known = this.operators.get(text);
    if (known !== undefined) return known;
    subset.usedExtra = false;
    const operator = this.lineOperator(target, subset, text);
    if (!subset.usedExtra && keepingTexts()) this.operators.set(text, operator);
    return operator;
  }

  /** Writes `target`'s font objects: the fixed set's streams, or the set extended by the document's extra glyphs. */
  embedFor(target: InstalledFont): void {
    const subset = target.subset;
    this.embed(target, subset.extra.size === 0 ? this.streams : this.extended([...subset.extra.keys()]));
  }

  /**
   * pdfkit's encode (EmbeddedFont.layout, then a glyph number per glyph), without its copies: the
   * text is cut into the same runs (after each space or tab), each run shaped once per renderer
   * (layoutCached), and the glyph numbers of a run set in the fixed set are kept with it. pdfkit
   * concatenated the arrays run after run and printed every number anew. Same glyph numbers, same
   * position objects, in the same order; a glyph outside the set goes through `subset` (the
   * document's own extra glyphs), as in pdfkit.
   */
  private encodeRuns(target: EmbeddedFontInternals, subset: { includeGlyph(id: number): number }, text: string): Encoded {
    const numbers: string[] = [];
    const positions: object[] = [];
    for (let start = 0, end = 0; start < text.length; start = end) {
      end = runEnd(text, start);
      const run = target.layoutCached(text.slice(start, end));
      const kept = this.fixedNumbers(run);
      if (kept !== null) for (const n of kept) numbers.push(n);
      else for (const glyph of run.glyphs) numbers.push(glyphNumber(subset.includeGlyph(glyph.id)));
      for (const position of run.positions) positions.push(position);
    }
    return [numbers, positions];
  }

  /**
   * The TJ operator pdfkit's _fragment writes for a plain line of `text` (line-operators.ts): the
   * same runs as encodeRuns, each run's pieces printed once per renderer when its glyphs are in
   * the set; a glyph outside it goes through `subset` (the document's own extra glyphs), in the
   * order of the line, as in pdfkit. null when a glyph has an offset (pdfkit draws the line).
   */
  private lineOperator(target: EmbeddedFontInternals, subset: { includeGlyph(id: number): number }, text: string): string | null {
    const line = this.line;
    for (let start = 0, end = 0; start < text.length; start = end) {
      end = runEnd(text, start);
      const run = target.layoutCached(text.slice(start, end));
      let pieces = this.runOperators.get(run);
      if (pieces === undefined) {
        const numbers = this.fixedNumbers(run);
        pieces = numbers !== null ? runPieces(run.positions as GlyphPosition[], (i) => numbers[i]) : OUTSIDE;
        this.runOperators.set(run, pieces);
      }
      if (pieces === OUTSIDE) pieces = runPieces(run.positions as GlyphPosition[], (i) => glyphNumber(subset.includeGlyph(run.glyphs[i].id)));
      if (pieces === null) {
        line.reset();
        return null;
      }
      line.add(pieces);
    }
    return line.finish();
  }

  /** The glyph numbers of `run` as the content stream writes them, when all its glyphs are in the set (null: some are not). */
  private fixedNumbers(run: ShapedRun): readonly string[] | null {
    let kept = this.runNumbers.get(run);
    if (kept === undefined) {
      const gids = run.glyphs.map((glyph) => this.numbers.get(glyph.id));
      kept = gids.includes(undefined) ? null : gids.map((gid) => glyphNumber(gid!));
      this.runNumbers.set(run, kept);
    }
    return kept;
  }

  /** The fixed set followed by a document's own extra glyphs: built for that document only. */
  private extended(extra: readonly number[]): SubsetStreams {
    const subset = this.font.createSubset();
    for (const id of this.glyphs) subset.includeGlyph(id);
    for (const id of extra) subset.includeGlyph(id);
    return buildStreams(this.font, subset);
  }

  /** Writes the font objects as pdfkit's EmbeddedFont.embed does (CID TrueType, Identity-H). */
  private embed(target: EmbeddedFontInternals, streams: SubsetStreams): void {
    const doc = target.document;
    const name = subsetName(target.id, this.font.postscriptName);
    const fontFile = doc.ref({ Length1: streams.program.rawLength, Filter: 'FlateDecode' });
    fontFile.end(streams.program.bytes);
    const descriptor = doc.ref({ ...this.descriptor, FontName: name, FontFile2: fontFile });
    descriptor.end();
    const descendant = doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: streams.w,
      CIDToGIDMap: 'Identity',
    });
    descendant.end();
    const cmap = doc.ref({ Filter: 'FlateDecode' });
    cmap.end(streams.toUnicode.bytes);
    target.dictionary.data = {
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: cmap,
    };
    target.dictionary.end();
  }
}

/**
 * A document's glyph numbering: a glyph of the fixed set keeps its number there; any other gets
 * the next number after the set, in first-use order (pdfkit calls includeGlyph on its subset).
 */
class DocumentGlyphs {
  /** Glyphs outside the set, in first-use order, with their numbers. */
  readonly extra = new Map<number, number>();
  /** Whether a glyph outside the set was numbered since this was last set to false. */
  usedExtra = false;

  constructor(
    readonly set: FixedGlyphSet,
    private readonly numbers: ReadonlyMap<number, number>,
    private readonly base: number,
  ) {}

  includeGlyph(id: number): number {
    const gid = this.numbers.get(id);
    if (gid !== undefined) return gid;
    this.usedExtra = true;
    let extra = this.extra.get(id);
    if (extra === undefined) this.extra.set(id, (extra = this.base + this.extra.size));
    return extra;
  }
}

/** An embedded font once FixedGlyphSet.install has run on it. */
interface InstalledFont extends EmbeddedFontInternals {
  subset: DocumentGlyphs;
  pdfkitEncode: EmbeddedFontInternals['encode'];
}

function fixedEncode(this: InstalledFont, text: string, features?: unknown): Encoded {
  if (features !== undefined) return this.pdfkitEncode(text, features);
  return this.subset.set.encodeKept(this, text);
}

function fixedLineOperator(this: InstalledFont, text: string): string | null {
  return this.subset.set.lineOperatorKept(this, text);
}

function fixedEmbed(this: InstalledFont): void {
  this.subset.set.embedFor(this);
}

/** pdfkit's subset tag: six letters derived from the font id (F1 → BZZZZZ), then the font name. */
function subsetName(id: string, postscriptName: string): string {
  const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((id.charCodeAt(i) || 73) + 17)).join('');
  return `${tag}+${postscriptName.replaceAll(' ', '_')}`;
}

/** The FontDescriptor entries that depend on the font only (pdfkit's computation). */
function fontDescriptor(font: FontkitFont): Record<string, unknown> {
  const scale = 1000 / font.unitsPerEm;
  const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2; // symbolic (glyphs outside the standard Latin set)
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head.macStyle.italic) flags |= 1 << 6;
  const { bbox } = font;
  return {
    Type: 'FontDescriptor',
    Flags: flags,
    FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
    ItalicAngle: font.italicAngle,
    Ascent: font.ascent * scale,
    Descent: font.descent * scale,
    CapHeight: (font.capHeight || font.ascent) * scale,
    XHeight: (font.xHeight || 0) * scale,
    StemV: 0,
  };
}
