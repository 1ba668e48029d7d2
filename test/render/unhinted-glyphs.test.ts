import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { FIXED_CHARACTERS, LIGATURES, type FontkitFont } from '../../src/render/fixed-subset.js';
import { withoutGlyphInstructions } from '../../src/render/unhinted-glyphs.js';

interface ParsedGlyph {
  path: { commands: unknown[] };
  advanceWidth: number;
  _decode(): { numberOfContours: number; instructions?: number[] } | null;
}
interface ParsedFont {
  numGlyphs: number;
  getGlyph(id: number): ParsedGlyph;
}

/** A font program parsed by fontkit, as pdfkit does it (fontkit comes with pdfkit). */
function create(bytes: Uint8Array): ParsedFont {
  const doc = new PDFDocument({ autoFirstPage: false, font: '' }) as PDFKit.PDFDocument & { _font: { font: ParsedFont } };
  doc.font(Buffer.from(bytes));
  return doc._font.font;
}
const assets = loadPdfAssets();

/** The subset every document embeds (fixed-subset.ts): its glyphs' original ids and its program, as fontkit encodes it. */
function fixedSubset(file: Buffer): { original: ParsedFont; ids: number[]; program: Uint8Array } {
  const font = create(file) as unknown as FontkitFont & ParsedFont;
  const subset = font.createSubset();
  for (const ch of FIXED_CHARACTERS) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  for (const ligature of LIGATURES) for (const glyph of font.layout(ligature).glyphs) subset.includeGlyph(glyph.id);
  const program = subset.encode(); // appends the components of composite glyphs to subset.glyphs
  return { original: font, ids: [...subset.glyphs], program };
}

/** The table directory of an sfnt: tag → checksum, offset, length. */
function directory(font: Uint8Array): Map<string, { checksum: number; offset: number; length: number }> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, { checksum: number; offset: number; length: number }>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    tables.set(tag, { checksum: view.getUint32(at + 4), offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

/** OpenType's checksum: the sum of the big-endian 32-bit words, the last one zero-padded. */
function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

const table = (font: Uint8Array, tag: string): Uint8Array => {
  const entry = directory(font).get(tag)!;
  return font.subarray(entry.offset, entry.offset + entry.length);
};

describe.each([
  ['DejaVu Sans', assets.regular],
  ['DejaVu Sans Bold', assets.bold],
])('the fixed subset of %s without its glyphs’ instructions', (_name, file) => {
  const { original, ids, program } = fixedSubset(file);
  const stripped = withoutGlyphInstructions(program);
  const font = create(stripped);

  it('draws every glyph with the same outline and advance as the font', () => {
    expect(font.numGlyphs).toBe(ids.length);
    ids.forEach((id, g) => {
      const glyph = font.getGlyph(g);
      expect(glyph.path.commands, `glyph ${g}`).toEqual(original.getGlyph(id).path.commands);
      expect(glyph.advanceWidth).toBe(original.getGlyph(id).advanceWidth);
    });
  });

  it('holds no glyph instructions, where the subset held some in most glyphs', () => {
    const hinted = create(program);
    const instructed = (f: ParsedFont, g: number): boolean => (f.getGlyph(g)._decode()?.instructions?.length ?? 0) > 0;
    const count = (f: ParsedFont): number => ids.filter((_, g) => instructed(f, g)).length;
    expect(count(hinted)).toBeGreaterThan(ids.length / 2);
    expect(count(font)).toBe(0);
    expect(table(stripped, 'glyf').length).toBeLessThan(table(program, 'glyf').length * 0.6);
  });

  it('keeps every other table as it was, the font-wide hinting tables included', () => {
    const before = directory(program);
    const after = directory(stripped);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const tag of ['hhea', 'maxp', 'cvt ', 'prep', 'hmtx', 'fpgm']) expect(Buffer.from(table(stripped, tag))).toEqual(Buffer.from(table(program, tag)));
    const head = Buffer.from(table(stripped, 'head'));
    const headBefore = Buffer.from(table(program, 'head'));
    expect(head.subarray(12)).toEqual(headBefore.subarray(12)); // all but version, revision and checkSumAdjustment
    expect(head.subarray(0, 8)).toEqual(headBefore.subarray(0, 8));
  });

  it('has valid checksums: each table’s, and the whole font’s adjustment', () => {
    for (const [tag, entry] of directory(stripped)) {
      const bytes = stripped.subarray(entry.offset, entry.offset + entry.length);
      if (tag === 'head') {
        const zeroed = new Uint8Array(bytes);
        zeroed.fill(0, 8, 12);
        expect(entry.checksum, tag).toBe(checksum(zeroed));
      } else expect(entry.checksum, tag).toBe(checksum(bytes));
      expect(entry.offset % 4, tag).toBe(0);
    }
    expect(checksum(stripped)).toBe(0xb1b0afba);
  });

  it('gives the same bytes each time, and leaves its input as it was', () => {
    const copy = Buffer.from(program);
    expect(Buffer.from(withoutGlyphInstructions(program))).toEqual(Buffer.from(stripped));
    expect(Buffer.from(program)).toEqual(copy);
  });
});

describe('withoutGlyphInstructions', () => {
  it('returns a font without glyf (a CFF font) unchanged', () => {
    // an sfnt directory holding a single 'CFF ' table of 4 bytes
    const font = new Uint8Array(12 + 16 + 4);
    const view = new DataView(font.buffer);
    view.setUint32(0, 0x4f54544f); // 'OTTO'
    view.setUint16(4, 1);
    font.set([0x43, 0x46, 0x46, 0x20], 12);
    view.setUint32(12 + 8, 28);
    view.setUint32(12 + 12, 4);
    expect(withoutGlyphInstructions(font)).toBe(font);
  });
});
