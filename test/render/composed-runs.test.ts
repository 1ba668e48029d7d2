import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { ComposedRuns, type LayoutRun } from '../../src/render/composed-runs.js';
import { FIXED_CHARACTERS, type ShapedRun } from '../../src/render/fixed-subset.js';

const assets = loadPdfAssets();

/** pdfkit's own shaping of a font (EmbeddedFont.layoutRun: fontkit's run, positions scaled). */
function pdfkitLayout(buffer: Buffer): LayoutRun {
  const doc = new PDFDocument({ autoFirstPage: false, font: '' }) as PDFKit.PDFDocument & { _font: { layoutRun: LayoutRun } };
  doc.font(buffer);
  const font = doc._font;
  return (text) => font.layoutRun(text);
}

/** What pdfkit reads of a run: glyphs, positions (every field), width. */
const reading = (run: ShapedRun) => ({
  glyphs: run.glyphs.map((g) => g.id),
  positions: run.positions.map((p) => ({ ...p })),
  advanceWidth: run.advanceWidth,
});

/** Words of a titre that change from one to the next: numbers, amounts, names, references. */
const TITRE_WORDS = [
  '672,20',
  '672,20 €',
  '5\u202f960 ',
  '5\u202f960 hab. ',
  '657,60 € ; ',
  '214835605',
  'n° 501',
  'n° 501 » ',
  '48356, ',
  'Marçay-le-Château ',
  "d'Anse-",
  'Château-Montluel-sur-Mer ',
  'Villers-Lagnieu-de-Vienne ',
  'Œuvre',
  'AVANT ',
  'Tête',
  'office',
  'affluence',
  'WAVY',
];

describe.each([
  ['regular', assets.regular],
  ['bold', assets.bold],
])('ComposedRuns (%s)', (_name, buffer) => {
  const layout = pdfkitLayout(buffer);

  it("gives fontkit's run for the words titres bring, kerned pairs and ligatures included", () => {
    const composed = new ComposedRuns();
    for (const word of TITRE_WORDS) expect(reading(composed.shape(word, layout)), word).toEqual(reading(layout(word)));
  });

  it("gives fontkit's run for any word over the characters the documents use", () => {
    const composed = new ComposedRuns();
    const characters = [...FIXED_CHARACTERS];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...characters), maxLength: 12 }), (word) => {
        expect(reading(composed.shape(word, layout))).toEqual(reading(layout(word)));
      }),
      { numRuns: 3_000 },
    );
  });

  it('shapes a number from its digits, without asking fontkit for the word', () => {
    const composed = new ComposedRuns();
    const asked: string[] = [];
    const counting: LayoutRun = (text) => (asked.push(text), layout(text));
    composed.shape('0123456789', counting);
    asked.length = 0;
    const run = composed.shape('2345678', counting);
    expect(asked).toEqual([]); // its digits and their pairs are known: no shaping at all
    expect(reading(run)).toEqual(reading(layout('2345678')));
  });

  it('asks fontkit only for the chunks the font joins or kerns, once, not for the whole word', () => {
    const composed = new ComposedRuns();
    const longer: string[] = [];
    const counting: LayoutRun = (text) => (text.length > 2 && longer.push(text), layout(text));
    expect(reading(composed.shape('office', counting))).toEqual(reading(layout('office'))); // ff, fi: ligatures
    expect(reading(composed.shape('AVANT', counting))).toEqual(reading(layout('AVANT'))); // AV, VA: kerned
    expect(longer).toEqual(['ffi', 'AVA']);
    const asked: string[] = [];
    const again: LayoutRun = (text) => (asked.push(text), layout(text));
    const run = composed.shape('Villers-Aubin-en-Bresse ', again);
    composed.shape('Villers-Aubin-lès-Bains ', again);
    expect(asked.filter((text) => text.length > 2)).toEqual([]);
    expect(reading(run)).toEqual(reading(layout('Villers-Aubin-en-Bresse ')));
  });

  it("gives fontkit's run for words of kerned chunks and independent characters mixed", () => {
    const composed = new ComposedRuns();
    const words = ['Thoissey-lès-Bains ', 'quatre-vingt-dix-sept ', 'Château-Miribel-d’Azergues ', 'AVATAR, « Tél. » : ', 'Œuvre-Tête-WAVY '];
    for (const word of words) expect(reading(composed.shape(word, layout)), word).toEqual(reading(layout(word)));
  });
});
