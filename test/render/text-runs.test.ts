import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { withoutKeeping } from '../../src/render/filled-texts.js';
import { FIXED_CHARACTERS } from '../../src/render/fixed-subset.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { createSharedFonts, FONT_BOLD, FONT_REGULAR } from '../../src/render/shared-fonts.js';
import { useTextRuns } from '../../src/render/text-runs.js';
import { toBuffer } from './pdf-tools.js';

const fonts = createSharedFonts(loadPdfAssets());

type Fragment = (...args: unknown[]) => unknown;

/**
 * Lines of every kind the documents draw (kerned pairs, no-break spaces, right and centred amounts,
 * a wrapped paragraph, bold), then lines pdfkit must draw itself (justified, underlined). Returns the
 * uncompressed PDF and how many lines went through pdfkit's own _fragment.
 */
async function draw(withRuns: boolean, twice = false): Promise<{ pdf: string; byPdfkit: number }> {
  const doc = new PDFDocument({ compress: false, autoFirstPage: true, font: '', info: { CreationDate: new Date(0) } });
  fonts.install(doc);
  const internals = doc as unknown as { _fragment: Fragment };
  const original = internals._fragment;
  let byPdfkit = 0;
  internals._fragment = function (this: unknown, ...args: unknown[]) {
    byPdfkit++;
    return original.apply(this, args);
  };
  if (withRuns) useTextRuns(doc);
  for (let round = 0; round < (twice ? 2 : 1); round++) {
    doc.font(FONT_REGULAR).fontSize(9);
    doc.text('AVATAR, « Tél. 04 78 63 40 00 » : 1 210,00 €', 50, 50, { width: 300 });
    doc.text('1 210,00 €', 50, 80, { width: 120, align: 'right' });
    doc.text('Titre n° 12', 50, 100, { width: 300, align: 'center' });
    doc.font(FONT_BOLD).fontSize(13.5);
    doc.text('Voies et délais de recours : le présent titre peut être contesté devant le tribunal administratif dans un délai de deux mois.', 50, 120, { width: 200, lineGap: 1.5 });
    doc.text('baseline', 50, 220, { width: 100, baseline: 2 });
    doc.font(FONT_REGULAR).fontSize(8);
    doc.text('justifié sur toute la largeur de la colonne, ligne après ligne, jusqu’à la fin', 50, 260, { width: 150, align: 'justify' });
    doc.text('souligné', 50, 320, { width: 150, underline: true });
  }
  doc.end();
  return { pdf: (await toBuffer(finishedPdf(doc))).toString('latin1'), byPdfkit };
}

describe('kept text operators (text-runs.ts)', () => {
  it('write the same bytes as pdfkit, and draw the plain lines without pdfkit’s line drawing', async () => {
    const plain = await draw(false);
    const kept = await draw(true);
    expect(kept.pdf).toBe(plain.pdf);
    expect(plain.pdf).toContain('] TJ');
    // Only the justified and underlined lines go through pdfkit's own drawing.
    expect(kept.byPdfkit).toBeGreaterThan(0);
    expect(kept.byPdfkit).toBeLessThan(plain.byPdfkit / 2);
  });

  it('write the same bytes when the operators come from the kept ones (second drawing of the same texts)', async () => {
    expect((await draw(true, true)).pdf).toBe((await draw(false, true)).pdf);
  });
});

/** `lines` drawn one by one, wide enough not to wrap, by pdfkit's _fragment or by text-runs.ts (then once kept, once filled). */
async function drawLines(lines: readonly string[], withRuns: boolean): Promise<string> {
  const doc = new PDFDocument({ compress: false, autoFirstPage: true, font: '', info: { CreationDate: new Date(0) } });
  fonts.install(doc);
  if (withRuns) useTextRuns(doc);
  const sizes = [9, 13.5];
  lines.forEach((line, i) => {
    doc.font(i % 2 === 0 ? FONT_REGULAR : FONT_BOLD).fontSize(sizes[i % 2]);
    const draw = () => doc.text(line, 20, 20 + (i % 40) * 18, { width: 2_000, align: i % 3 === 0 ? 'right' : 'left' });
    draw();
    withoutKeeping(draw); // a filled text: its operator composed again, not kept
    draw(); // from the kept operator
  });
  doc.end();
  return (await toBuffer(finishedPdf(doc))).toString('latin1');
}

describe('line operators composed from their words (line-operators.ts)', () => {
  // The documents' characters, glyphs outside the fixed set (numbered per document, in order of
  // first use) and combining marks (glyph offsets: pdfkit draws the line itself).
  const characters = [...FIXED_CHARACTERS, 'Ł', 'ŵ', 'Ğ', '\u0301', '\u0323', ' ', ' ', '\t'];

  it('write the bytes of pdfkit’s _fragment for any line over those characters', async () => {
    const lines = fc.sample(fc.string({ unit: fc.constantFrom(...characters), maxLength: 40 }), { numRuns: 300, seed: 12 });
    lines.push('AVATAR, « Tél. » : Villers-Aubin-en-Bresse ', 'efficace, affiné', 'Łódź ŵ AV', 'é AVA', ' ', '');
    expect(await drawLines(lines, true)).toBe(await drawLines(lines, false));
  });
});
