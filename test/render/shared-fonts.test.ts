import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { renderBordereauPdf } from '../../src/render/bordereau-pdf.js';
import type { PdfResources } from '../../src/render/pdf-document.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { createSharedFonts, FONT_BOLD, FONT_REGULAR } from '../../src/render/shared-fonts.js';
import { loadTemplates } from '../../src/render/templates.js';
import { renderTitrePdf } from '../../src/render/titre-pdf.js';
import { bordereauView, reductionView, titreView } from './fixtures.js';
import { sha256, toBuffer } from './pdf-tools.js';

const templates = loadTemplates();
const assets = loadPdfAssets();
/** pdfkit's ordinary way: every document parses the font buffers itself. */
const registered: PdfResources = {
  assets,
  fonts: {
    install(doc) {
      doc.registerFont(FONT_REGULAR, assets.regular).registerFont(FONT_BOLD, assets.bold);
      doc.font(FONT_REGULAR).font(FONT_BOLD); // font ids F1, F2 in this order
    },
  },
};

const titre = (r: PdfResources, view = titreView()) => toBuffer(finishedPdf(renderTitrePdf(view, templates, r))).then(sha256);

describe('fonts parsed once and shared by the documents', () => {
  it('give the same bytes as fonts registered in each document', async () => {
    const shared: PdfResources = { assets, fonts: createSharedFonts(assets) };
    expect(await titre(shared)).toBe(await titre(registered));
    expect(await titre(shared, reductionView('annulation'))).toBe(await titre(registered, reductionView('annulation')));
    const bordereau = async (r: PdfResources) => sha256(await toBuffer(finishedPdf(renderBordereauPdf(bordereauView(), templates, r))));
    expect(await bordereau(shared)).toBe(await bordereau(registered));
  });

  it('make a document independent of the documents rendered before it', async () => {
    const first: PdfResources = { assets, fonts: createSharedFonts(assets) };
    const busy: PdfResources = { assets, fonts: createSharedFonts(assets) };
    await titre(busy, reductionView());
    await titre(busy, titreView({ preview: true, numero: null, bordereau: null }));
    await toBuffer(finishedPdf(renderBordereauPdf(bordereauView({ preview: true }), templates, busy)));
    expect(await titre(busy)).toBe(await titre(first));
  });
});
