import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { FIXED_CHARACTERS } from '../../src/render/fixed-subset.js';
import { type WrappedLine, wrapPlain, wrapperLineWidth, wrapperWordWidth } from '../../src/render/plain-wrap.js';
import { createSharedFonts, FONT_BOLD, FONT_REGULAR } from '../../src/render/shared-fonts.js';

const assets = loadPdfAssets();

type Wrapping = PDFKit.PDFDocument & {
  _text(text: string, x: number, y: number, options: object, line: (text: string, o: Record<string, number>) => void): void;
};

/** A document with the fonts pdfkit registers itself, or the renderer's shared ones. */
function document(shared: boolean): Wrapping {
  const doc = new PDFDocument({ font: '', size: 'A4' }) as Wrapping;
  if (shared) createSharedFonts(assets).install(doc);
  else doc.registerFont(FONT_REGULAR, assets.regular).registerFont(FONT_BOLD, assets.bold);
  return doc;
}

/** The lines pdfkit's own LineWrapper emits for `text` (a height without limit: no page break). */
function pdfkitLines(doc: Wrapping, text: string, width: number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  doc._text(text, 50, 50, { width, height: Infinity }, (line, o) => lines.push([line, o.textWidth, o.wordCount, o.lineWidth]));
  return lines;
}

const ours = (doc: Wrapping, text: string, width: number) => wrapPlain(text, wrapperLineWidth(width), (word) => wrapperWordWidth(doc, word));

/** Variable texts of titres: names, amounts in figures and in words, references. */
const TITRE_TEXTS = [
  'Débiteur : commune de Le Villefranche 195, code officiel géographique 24195, SIREN 212419501',
  'Contribution-cible : 300,00 € + 0,06 € × 98 707 hab. = 6 222,42 € ; 6 222,42 € × 322,2 / 315,2 = 6 360,61 € (arrondi au centime)',
  'Arrêté à la somme de trois cent soixante-quinze euros et quatre-vingt-cinq centimes.',
  'Rappeler la référence «\u00a0exercice 2026, titre n°\u00a0302\u00a0» avec le paiement.',
  'Montant = min(375,85\u00a0€ ; 391,33\u00a0€) = 375,85\u00a0€ (contribution-cible atteinte : convergence)',
  'Commune de Mont-Thoissey-sur-Mer 251',
  'Deux lignes\nséparées, puis\n\nune vide',
  '  espaces  en tête et  doublés  ',
  '6\u202f360,61',
  '',
];

describe.each([
  ['pdfkit fonts', false],
  ['shared fonts', true],
])('wrapPlain (%s)', (_name, shared) => {
  it("breaks the titres' variable texts into pdfkit's lines, with its figures", () => {
    const doc = document(shared);
    for (const [font, size] of [[FONT_REGULAR, 9], [FONT_BOLD, 10.5], [FONT_REGULAR, 7.5]] as const) {
      doc.font(font).fontSize(size);
      for (const width of [60, 121.5, 250, 420.3]) {
        for (const text of TITRE_TEXTS) {
          const lines = ours(doc, text, width);
          if (lines !== undefined) expect(lines, `${text} @ ${width}`).toEqual(pdfkitLines(doc, text, width));
        }
      }
    }
  });

  it("gives pdfkit's lines for any text over the documents' characters, or leaves it to pdfkit", () => {
    const doc = document(shared);
    doc.font(FONT_REGULAR).fontSize(9);
    const units = [...FIXED_CHARACTERS, ' ', ' ', ' ', '\n', '-', '\u00a0', '\u202f'];
    let broken = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units), maxLength: 90 }), fc.integer({ min: 20, max: 300 }), (text, width) => {
        const lines = ours(doc, text, width);
        if (lines === undefined) return;
        broken++;
        expect(lines).toEqual(pdfkitLines(doc, text, width));
      }),
      { numRuns: 3_000 },
    );
    expect(broken).toBeGreaterThan(1_500);
  });

  it('leaves to pdfkit a word wider than a line and a soft hyphen', () => {
    const doc = document(shared);
    doc.font(FONT_REGULAR).fontSize(9);
    expect(ours(doc, 'Villers-Aubin-en-Bresse', 20)).toBeUndefined();
    expect(ours(doc, 'contri\u00adbution', 300)).toBeUndefined();
    expect(ours(doc, 'contribution', 300)).toEqual(pdfkitLines(doc, 'contribution', 300));
  });
});
