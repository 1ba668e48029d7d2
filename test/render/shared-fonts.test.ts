import PDFDocument from 'pdfkit';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadPdfAssets } from '../../src/render/assets.js';
import { renderBordereauPdf } from '../../src/render/bordereau-pdf.js';
import type { PdfResources } from '../../src/render/pdf-document.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { handHeld } from '../../src/render/native-writes.js';
import { widthsEntry } from '../../src/render/fixed-subset.js';
import { createSharedFonts, FONT_BOLD, FONT_REGULAR } from '../../src/render/shared-fonts.js';
import { loadTemplates } from '../../src/render/templates.js';
import { renderTitrePdf } from '../../src/render/titre-pdf.js';
import { bordereauView, ecully, reductionView, titreView } from './fixtures.js';
import { HAS_POPPLER, HAS_QPDF, pdfFonts, pdfText, POPPLER_MISSING, QPDF_MISSING, qpdfCheck, scratch, sha256, toBuffer } from './pdf-tools.js';

const templates = loadTemplates();
const assets = loadPdfAssets();
/** pdfkit's ordinary way: every document parses the font buffers and embeds its own subset. */
const registered: PdfResources = {
  assets,
  fonts: {
    install(doc) {
      doc.registerFont(FONT_REGULAR, assets.regular).registerFont(FONT_BOLD, assets.bold);
      doc.font(FONT_REGULAR).font(FONT_BOLD); // font ids F1, F2 in this order
    },
  },
};
const files = scratch();

const render = (r: PdfResources, view = titreView()) => toBuffer(finishedPdf(renderTitrePdf(view, templates, r)));
const titre = (r: PdfResources, view = titreView()) => render(r, view).then(sha256);

/** The embedded font programs (FontFile2 streams, still compressed) of a PDF, in file order. */
function fontPrograms(pdf: Buffer): Buffer[] {
  const programs: Buffer[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/\/Length1 \d+[^]*?\/Length (\d+)[^]*?>>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    programs.push(pdf.subarray(start, start + Number(m[1])));
  }
  return programs;
}

/** A commune whose name holds letters outside the fixed glyph set (Ł, ŵ, ğ). */
/** An embedded font program as fontkit reads it (through pdfkit, which brings fontkit). */
function parsedProgram(bytes: Buffer): { numGlyphs: number; getGlyph(g: number): { _decode(): { instructions?: number[] } | null } } {
  const doc = new PDFDocument({ autoFirstPage: false, font: '' }) as PDFKit.PDFDocument & { _font: { font: ReturnType<typeof parsedProgram> } };
  doc.font(bytes);
  return doc._font.font;
}

const rareLetters = { ...ecully, nom: 'Łódź-sur-Ŵye Ğ', ville: 'Łódź' };

describe('fonts parsed once and shared by the documents', () => {
  it('embed one font program per font, the same bytes in every document', async () => {
    const shared: PdfResources = { assets, fonts: createSharedFonts(assets) };
    const a = fontPrograms(await render(shared));
    const b = fontPrograms(await render(shared, reductionView('annulation')));
    const c = fontPrograms(await toBuffer(finishedPdf(renderBordereauPdf(bordereauView(), templates, shared))));
    expect(a).toHaveLength(2); // regular and bold
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('make a document independent of the documents rendered before it', async () => {
    const first: PdfResources = { assets, fonts: createSharedFonts(assets) };
    const busy: PdfResources = { assets, fonts: createSharedFonts(assets) };
    await titre(busy, reductionView());
    await titre(busy, titreView({ preview: true, numero: null, bordereau: null }));
    await titre(busy, titreView({ commune: rareLetters }));
    await toBuffer(finishedPdf(renderBordereauPdf(bordereauView({ preview: true }), templates, busy)));
    expect(await titre(busy)).toBe(await titre(first));
    expect(await titre(busy, titreView({ commune: rareLetters }))).toBe(await titre(first, titreView({ commune: rareLetters })));
  });

  it.skipIf(!HAS_POPPLER)('give back the same text as fonts registered in each document', async () => {
    const shared: PdfResources = { assets, fonts: createSharedFonts(assets) };
    for (const [name, view] of [
      ['titre', titreView()],
      ['annulation', reductionView('annulation')],
    ] as const) {
      const ours = await files.write(`shared-${name}.pdf`, await render(shared, view));
      const theirs = await files.write(`registered-${name}.pdf`, await render(registered, view));
      expect(pdfText(ours, 'raw')).toBe(pdfText(theirs, 'raw'));
    }
  });

  it('embed fonts without glyph instructions, the fixed set and a document’s own subset alike', async () => {
    const shared: PdfResources = { assets, fonts: createSharedFonts(assets) };
    for (const pdf of [await render(shared), await render(shared, titreView({ commune: rareLetters }))]) {
      for (const program of fontPrograms(pdf)) {
        const font = parsedProgram(inflateSync(program));
        const instructed = Array.from({ length: font.numGlyphs }, (_, g) => font.getGlyph(g)._decode()?.instructions?.length ?? 0);
        expect(instructed.filter((n) => n > 0)).toEqual([]);
        expect(font.numGlyphs).toBeGreaterThan(200);
      }
    }
  });

  it('hold the characters of the templates in the fixed set', async () => {
    const shared: PdfResources = { assets, fonts: createSharedFonts(assets, '→') }; // a template using « → »
    const arrow = fontPrograms(await render(shared, titreView({ commune: { ...ecully, nom: 'Écully → Lyon' } })));
    expect(arrow).toEqual(fontPrograms(await render(shared)));
  });

  it.skipIf(!HAS_POPPLER || !HAS_QPDF)('embed a font of its own in a document using letters outside the fixed set', async () => {
    const shared: PdfResources = { assets, fonts: createSharedFonts(assets) };
    const pdf = await render(shared, titreView({ commune: rareLetters }));
    const usual = fontPrograms(await render(shared));
    const programs = fontPrograms(pdf);
    expect(programs).toHaveLength(2);
    expect(programs).not.toEqual(usual); // the font the debtor's name is set in has its own subset
    const file = await files.write('rare-letters.pdf', pdf);
    expect(pdfText(file)).toContain('Łódź-sur-Ŵye Ğ');
    expect(qpdfCheck(file).status).toBe(0);
    expect(pdfFonts(file)).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });
});

type Encode = (text: string, features?: unknown) => [string[], object[]];

/** The embedded regular font of a new document sharing `fonts`, with pdfkit's own encode beside ours. */
function regularFont(fonts: ReturnType<typeof createSharedFonts>): { ours: Encode; pdfkits: Encode } {
  const doc = new PDFDocument({ autoFirstPage: false, font: '' });
  fonts.install(doc);
  doc.font(FONT_REGULAR);
  const font = (doc as unknown as { _font: { encode: Encode } })._font;
  const pdfkit = (Object.getPrototypeOf(font) as { encode: Encode }).encode;
  return { ours: (text) => font.encode(text), pdfkits: (text) => pdfkit.call(font, text) };
}

describe('texts encoded in the fixed glyph set (fixed-subset.ts)', () => {
  const texts = [
    'AVATAR, « Tél. 04 78 63 40 00 » : 1 210,00 €', // kerned pairs, no-break spaces
    'efficace, affiné, soufflé', // ligatures
    'deux  espaces\tune tabulation, une fin ', // runs cut after each space and tab
    'x',
    '',
  ];

  it('give pdfkit’s glyph numbers and positions, on the first encoding and from the kept ones', () => {
    const fonts = createSharedFonts(assets);
    for (const round of [1, 2]) {
      const { ours, pdfkits } = regularFont(fonts);
      for (const text of texts) expect(ours(text), `${text} (${round})`).toEqual(pdfkits(text));
    }
  });

  it('number the glyphs outside the set after it, in the order of first use, as pdfkit does', () => {
    const fonts = createSharedFonts(assets);
    const rare = ['Łódź ŵ', 'Ğ Łódź'];
    const first = regularFont(fonts);
    const second = regularFont(fonts);
    const ours = rare.map((text) => first.ours(text));
    expect(ours).toEqual(rare.map((text) => second.pdfkits(text)));
    expect(ours[1][0][0]).not.toBe(ours[0][0][0]); // Ğ after Ł, ó, ź, ŵ
  });
});

describe('the W entry of an embedded font (fixed-subset.ts)', () => {
  it('is printed as pdfkit prints [0, widths]', () => {
    const widths = [600, 317.87109375, 1000 / 3, 0.1 + 0.2, 0, 2048 / 2.048, 1e-7, 612.3046875];
    const printed = (w: unknown) => {
      const doc = new PDFDocument({ autoFirstPage: false, font: '', compress: false });
      (doc.ref({ W: w }) as unknown as { end(): void }).end();
      handHeld(doc); // what the document has written so far, into its stream
      return doc.read()?.toString('latin1');
    };
    expect(printed(widthsEntry(widths))).toBe(printed([0, widths]));
    expect(printed(widthsEntry(widths))).toContain('/W [0 [600 317.871094 333.333333 0.3 0 1000 0 612.304688]]');
  });
});

describe.skipIf(HAS_POPPLER && HAS_QPDF)('PDF tools', () => {
  it.skip(`${POPPLER_MISSING}; ${QPDF_MISSING}`, () => {});
});
