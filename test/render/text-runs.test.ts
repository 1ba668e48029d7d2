import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
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
