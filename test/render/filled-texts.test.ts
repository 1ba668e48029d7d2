import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecurringCache } from '../../src/engine/recurring-cache.js';
import { loadPdfAssets } from '../../src/render/assets.js';
import { filled, isFilled, keepingTexts, startDocument, stepText, withoutKeeping } from '../../src/render/filled-texts.js';
import { LineBreaks } from '../../src/render/line-breaks.js';
import { createSharedFonts, FONT_BOLD, FONT_REGULAR } from '../../src/render/shared-fonts.js';
import { useTextRuns } from '../../src/render/text-runs.js';

const fonts = createSharedFonts(loadPdfAssets());
const DATE = new Date(Date.UTC(2026, 5, 15));

/** Filled texts of a titre, the amount in words long enough to break. */
const TEXTS = [
  'Commune de Villers-Aubin-en-Bresse',
  'Référence à rappeler : exercice 2026, titre n°\u00a01\u00a0249',
  'Arrêté à la somme de deux mille sept cent cinquante euros et quatre-vingt-dix-neuf centimes.',
  '2\u202f750,99\u00a0€',
];

/** Measures, then draws each text (left, right-aligned, bold), as a page's blocks do; returns the uncompressed PDF. */
function drawn(breaks: LineBreaks, mark: boolean): Buffer {
  startDocument();
  const doc = new PDFDocument({ autoFirstPage: true, font: '', compress: false, info: { CreationDate: DATE, ModDate: DATE } });
  fonts.install(doc);
  breaks.install(doc);
  useTextRuns(doc);
  const texts = mark ? TEXTS.map(filled) : TEXTS;
  let y = 60;
  for (const [i, text] of texts.entries()) {
    doc.font(i % 2 === 0 ? FONT_REGULAR : FONT_BOLD).fontSize(9.5);
    const options = { width: 160, lineGap: 1.5, align: i === 3 ? ('right' as const) : ('left' as const) };
    const height = doc.heightOfString(text, options);
    doc.text(text, 60, y, options);
    expect(doc.y - y).toBe(height);
    y += height + 4;
  }
  doc.text(texts[1], 60, 700, { lineBreak: false }); // pdfkit's own drawing (a footer)
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const keptLines = (breaks: LineBreaks) => (breaks as unknown as { lines: RecurringCache<string, unknown> }).lines;

afterEach(() => startDocument());

describe('filled texts (filled-texts.ts)', () => {
  it('are drawn byte for byte as the same texts kept by the caches, and leave no line breaks kept', () => {
    const kept = new LineBreaks();
    const once = new LineBreaks();
    for (let pass = 0; pass < 2; pass++) {
      expect(drawn(once, true).equals(drawn(kept, false)), `pass ${pass}`).toBe(true);
    }
    for (const text of TEXTS) {
      expect(keptLines(kept).get(text)).toBeDefined();
      expect(keptLines(once).get(text)).toBeUndefined();
    }
  });

  it('are marked for their document only', () => {
    startDocument();
    const text = filled('Titre n° 17');
    expect(isFilled(text)).toBe(true);
    expect(isFilled('Titre n° 18')).toBe(false);
    startDocument();
    expect(isFilled(text)).toBe(false);
  });

  it('stop the caches keeping while they are set, even when the setting throws', () => {
    expect(keepingTexts()).toBe(true);
    expect(withoutKeeping(() => withoutKeeping(() => keepingTexts()))).toBe(false);
    expect(() =>
      withoutKeeping(() => {
        throw new Error('page full');
      }),
    ).toThrow('page full');
    expect(keepingTexts()).toBe(true);
  });

  it("mark a liquidation step's wording unless the previous document had it", () => {
    const index = 'Indice Syntec connu au 1er janvier 2026 : octobre 2025 = 322,2';
    startDocument();
    stepText(index);
    stepText('Population totale : 1 123 habitants');
    startDocument();
    expect(isFilled(stepText(index))).toBe(false);
    expect(isFilled(stepText('Population totale : 54 habitants'))).toBe(true);
    startDocument();
    expect(isFilled(stepText('Population totale : 1 123 habitants'))).toBe(true); // two documents ago
  });
});
