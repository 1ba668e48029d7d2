import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { renderBordereauPdf } from '../../src/render/bordereau-pdf.js';
import { LineBreaks } from '../../src/render/line-breaks.js';
import { useNativeWrites } from '../../src/render/native-writes.js';
import type { PdfResources } from '../../src/render/pdf-document.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { createSharedFonts, FONT_BOLD, FONT_REGULAR } from '../../src/render/shared-fonts.js';
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

const DATE = new Date(Date.UTC(2026, 5, 15));

/** A bare document with the shared fonts, dated (same bytes for the same content), uncompressed. */
function bareDocument(breaks?: LineBreaks): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: true, font: '', compress: false, info: { CreationDate: DATE, ModDate: DATE } });
  fonts.install(doc);
  breaks?.install(doc);
  return doc;
}

/** The whole file: pdfkit writes it synchronously on end(). */
function finished(doc: PDFKit.PDFDocument): Buffer {
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
  return bytes;
}

describe('line breaks kept across documents', () => {
  it("give pdfkit's own height, whatever the position and the texts measured before", () => {
    const breaks = new LineBreaks();
    for (const y of [72, 100.3, 517.77, 72]) {
      const plain = bareDocument();
      const counted = bareDocument(breaks);
      for (const doc of [plain, counted]) doc.font(FONT_REGULAR).fontSize(8.5).text('', 50, y);
      for (const width of [120, 300.5]) {
        expect(counted.heightOfString(TEXT, { width, lineGap: 1.5 })).toBe(plain.heightOfString(TEXT, { width, lineGap: 1.5 }));
        expect(counted.y).toBe(y);
      }
    }
  });

  it('keep the lines of one text apart by font, size and width', () => {
    const breaks = new LineBreaks();
    const settings = [
      [FONT_REGULAR, 8.5, 120],
      [FONT_BOLD, 8.5, 120],
      [FONT_REGULAR, 11, 120],
      [FONT_REGULAR, 8.5, 160],
    ] as const;
    for (const round of [1, 2]) {
      for (const [font, size, width] of settings) {
        const plain = bareDocument().font(font).fontSize(size);
        const counted = bareDocument(breaks).font(font).fontSize(size);
        const options = { width, lineGap: 1.5 };
        expect(counted.heightOfString(TEXT, options), `${font} ${size} ${width} (${round})`).toBe(plain.heightOfString(TEXT, options));
      }
    }
  });

  it("draw a text as pdfkit's wrapper does, measured or drawn before or not, and leave the position where pdfkit does", () => {
    /** Draws TEXT in several fonts, widths and alignments, then near the page's bottom; returns the positions after each. */
    const draw = (doc: PDFKit.PDFDocument): number[] => {
      const positions: number[] = [];
      doc.font(FONT_REGULAR).fontSize(8.5);
      doc.heightOfString(TEXT, { width: 200, lineGap: 1.5 });
      for (const [y, width, align] of [[80, 200, 'left'], [150.25, 300.5, 'right'], [260, 120, 'center'], [400, 200, 'left']] as const) {
        doc.font(align === 'center' ? FONT_BOLD : FONT_REGULAR);
        doc.text(TEXT, 60, y, { width, lineGap: 1.5, align });
        positions.push(doc.x, doc.y);
      }
      // where the wrapper goes on to a new page (a text whose lines are known: measured just before)
      doc.font(FONT_REGULAR).heightOfString(TEXT, { width: 120, lineGap: 1.5 });
      doc.text(TEXT, 60, doc.page.maxY() - 12, { width: 120, lineGap: 1.5 });
      positions.push(doc.x, doc.y, doc.bufferedPageRange().start);
      return positions;
    };
    const breaks = new LineBreaks();
    // the second pass finds every text already broken into lines by the first
    for (let pass = 0; pass < 2; pass++) {
      const plain = bareDocument();
      const cached = bareDocument(breaks);
      expect(draw(cached)).toEqual(draw(plain));
      expect(finished(cached).equals(finished(plain))).toBe(true);
    }
  });

  it('leave the bytes of every document unchanged', async () => {
    const plain: PdfResources = { assets, fonts };
    const busy: PdfResources = { assets, fonts, lineBreaks: new LineBreaks() };
    await titre(busy, reductionView());
    await bordereau(busy);
    expect(await titre(busy)).toBe(await titre(plain));
    expect(await titre(busy, reductionView('annulation'))).toBe(await titre(plain, reductionView('annulation')));
    expect(await bordereau(busy)).toBe(await bordereau(plain));
  });
});

describe("Node's conversion of written strings", () => {
  it('keeps the low byte of each character, as pdfkit 0.20 does (« é » is E9, « € » U+20AC is AC)', () => {
    useNativeWrites();
    const doc = new PDFDocument({ autoFirstPage: true, font: '', compress: false });
    doc.addContent('%é€x');
    const bytes = finished(doc);
    expect(bytes.includes(Buffer.from([0x25, 0xe9, 0xac, 0x78, 0x0a]))).toBe(true);
  });
});
