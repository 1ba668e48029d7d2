/**
 * A TrueType font program without its glyphs' hinting instructions (issue 12).
 *
 * DejaVu Sans is finely hinted: in the subset every titre embeds (fixed-subset.ts), the glyphs'
 * instructions were 16 of the regular font's 35 KB and 14 of the bold's 35, half of each glyf
 * table, and with them the fonts were 48 of a titre's 78 KB on disk, written and fsynced 70 000
 * times in a national batch. Hinting snaps outlines to the pixel grid of a screen at small sizes;
 * a titre is printed or read zoomed, and PDF viewers mostly rasterise without it, as they do
 * every unhinted font. The outlines, metrics and glyph numbers are unchanged; the font-wide
 * tables (`cvt `, `fpgm`, `prep`) stay, at a cost of 2 KB: the PDF Reference 1.7 (§ 5.8, p. 468)
 * lists them among the tables an embedded TrueType program always holds.
 *
 * Reads and writes the sfnt container as the OpenType specification describes it: the table
 * directory, `head` (indexToLocFormat, checkSumAdjustment), `maxp` (numGlyphs), `loca` and `glyf`
 * (simple glyphs: instructionLength then the instructions; composite glyphs: the components, then
 * the instructions when a component has WE_HAVE_INSTRUCTIONS).
 */

/** Component flags of a composite glyph (OpenType, glyf table). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

/** head.checkSumAdjustment is this minus the sum of the whole font (OpenType, head table). */
const CHECKSUM_MAGIC = 0xb1b0afba;

interface TableEntry {
  tag: string;
  bytes: Uint8Array;
}

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A glyph's description without its instructions (a copy; an empty glyph stays empty). */
function glyphWithoutInstructions(glyph: Uint8Array): Uint8Array {
  if (glyph.length === 0) return glyph;
  const view = viewOf(glyph);
  const contours = view.getInt16(0);
  if (contours >= 0) {
    const at = 10 + 2 * contours; // after the bounding box and endPtsOfContours
    const instructions = view.getUint16(at);
    const out = new Uint8Array(glyph.length - instructions);
    out.set(glyph.subarray(0, at));
    // out[at], out[at + 1]: instructionLength 0
    out.set(glyph.subarray(at + 2 + instructions), at + 2);
    return out;
  }
  const out = new Uint8Array(glyph); // a copy (a Buffer's slice would share its memory)
  const outView = new DataView(out.buffer);
  let at = 10;
  for (;;) {
    const flags = outView.getUint16(at);
    outView.setUint16(at, flags & ~WE_HAVE_INSTRUCTIONS);
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return out.subarray(0, at);
  }
}

/** The OpenType checksum of a table: the sum of its big-endian 32-bit words, zero-padded. */
function tableChecksum(bytes: Uint8Array): number {
  let sum = 0;
  const whole = bytes.length & ~3;
  const view = viewOf(bytes);
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < bytes.length ? bytes[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

const padded4 = (n: number): number => (n + 3) & ~3;

/**
 * `font`, a TrueType font program (as fontkit's subset encodes it), with every glyph's
 * instructions removed: glyf and loca rebuilt (each glyph 4-byte aligned; loca's format kept
 * unless the short one can no longer hold the offsets), head's checksum adjusted, every other
 * table copied as it is. A font without glyf (CFF) is returned unchanged.
 */
export function withoutGlyphInstructions(font: Uint8Array): Uint8Array {
  const view = viewOf(font);
  const count = view.getUint16(4);
  const tables: TableEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.push({ tag, bytes: font.subarray(offset, offset + length) });
  }
  const table = (tag: string): TableEntry | undefined => tables.find((t) => t.tag === tag);
  const head = table('head');
  const glyf = table('glyf');
  const loca = table('loca');
  const maxp = table('maxp');
  if (!head || !glyf || !loca || !maxp) return font;

  const headView = viewOf(head.bytes);
  const longLoca = headView.getInt16(50) === 1;
  const glyphs = viewOf(maxp.bytes).getUint16(4);
  const locaView = viewOf(loca.bytes);
  const offsetOf = (g: number): number => (longLoca ? locaView.getUint32(4 * g) : 2 * locaView.getUint16(2 * g));

  const stripped: Uint8Array[] = [];
  const offsets = [0];
  for (let g = 0; g < glyphs; g++) {
    const glyph = glyphWithoutInstructions(glyf.bytes.subarray(offsetOf(g), offsetOf(g + 1)));
    stripped.push(glyph);
    offsets.push(offsets[g]! + padded4(glyph.length));
  }
  const newGlyf = new Uint8Array(offsets[glyphs]!);
  stripped.forEach((glyph, g) => newGlyf.set(glyph, offsets[g]!));
  const newLong = longLoca || offsets[glyphs]! / 2 > 0xffff;
  const newLoca = new Uint8Array((glyphs + 1) * (newLong ? 4 : 2));
  const newLocaView = new DataView(newLoca.buffer);
  offsets.forEach((offset, g) => (newLong ? newLocaView.setUint32(4 * g, offset) : newLocaView.setUint16(2 * g, offset / 2)));
  const newHead = new Uint8Array(head.bytes);
  const newHeadView = new DataView(newHead.buffer);
  newHeadView.setInt16(50, newLong ? 1 : 0);
  newHeadView.setUint32(8, 0); // checkSumAdjustment, set once the font is whole

  const replaced = new Map<string, Uint8Array>([
    ['glyf', newGlyf],
    ['loca', newLoca],
    ['head', newHead],
  ]);
  const directory = 12 + 16 * count;
  let size = directory;
  const placed = tables.map((t) => {
    const bytes = replaced.get(t.tag) ?? t.bytes;
    const entry = { tag: t.tag, offset: size, bytes };
    size += padded4(bytes.length);
    return entry;
  });
  const out = new Uint8Array(size);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12)); // sfnt version, numTables, searchRange, entrySelector, rangeShift
  placed.forEach((t, i) => {
    const at = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[at + c] = t.tag.charCodeAt(c);
    outView.setUint32(at + 4, tableChecksum(t.bytes));
    outView.setUint32(at + 8, t.offset);
    outView.setUint32(at + 12, t.bytes.length);
    out.set(t.bytes, t.offset);
  });
  const headAt = placed.find((t) => t.tag === 'head')!.offset;
  outView.setUint32(headAt + 8, (CHECKSUM_MAGIC - tableChecksum(out)) >>> 0);
  return out;
}
