import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { renderBordereauPdf } from '../../src/render/bordereau-pdf.js';
import { LineCounts } from '../../src/render/line-counts.js';
import type { PdfResources } from '../../src/render/pdf-document.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { createSharedFonts, FONT_REGULAR } from '../../src/render/shared-fonts.js';
import { loadTemplates } from '../../src/render/templates.js';
import { renderTitrePdf } from '../../src/render/titre-pdf.js';
import { bordereauView, reductionView, titreView } from './fixtures.js';
import { sha256, toBuffer } from './pdf-tools.js';

const templates = loadTemplates();
const assets = loadPdfAssets();
const fonts = createSharedFonts(assets);

const titre = (r: PdfResources, view = titreView()) => toBuffer(finishedPdf(renderTitrePdf(view, templates, r))).then(sha256);
const bordereau = (r: PdfResources) => toBuffer(finishedPdf(renderBordereauPdf(bordereauView(), templates, r))).then(sha256);

const TEXT =
  'Le présent titre est exécutoire dès sa signature ; il peut être contesté dans un délai de deux mois devant le ' +
  'tribunal administratif de Lyon, 184, rue Duguesclin, 69433 Lyon Cedex 03.\nSeconde ligne.';

describe('line counts kept across documents', () => {
  it("give pdfkit's own height, whatever the position and the texts measured before", () => {
    const counts = new LineCounts();
    for (const y of [72, 100.3, 517.77, 72]) {
      const plain = new PDFDocument({ autoFirstPage: true, font: '' });
      const counted = new PDFDocument({ autoFirstPage: true, font: '' });
      fonts.install(plain);
      fonts.install(counted);
      counts.install(counted);
      for (const doc of [plain, counted]) doc.font(FONT_REGULAR).fontSize(8.5).text('', 50, y);
      for (const width of [120, 300.5]) {
        expect(counted.heightOfString(TEXT, { width, lineGap: 1.5 })).toBe(plain.heightOfString(TEXT, { width, lineGap: 1.5 }));
        expect(counted.y).toBe(y);
      }
    }
  });

  it('leave the bytes of every document unchanged', async () => {
    const plain: PdfResources = { assets, fonts };
    const busy: PdfResources = { assets, fonts, lineCounts: new LineCounts() };
    await titre(busy, reductionView());
    await bordereau(busy);
    expect(await titre(busy)).toBe(await titre(plain));
    expect(await titre(busy, reductionView('annulation'))).toBe(await titre(plain, reductionView('annulation')));
    expect(await bordereau(busy)).toBe(await bordereau(plain));
  });
});
