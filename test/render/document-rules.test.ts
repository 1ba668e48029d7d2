/**
 * Issue 11: what every document sent to a commune must and must not carry, checked on every
 * template (avis, réduction, annulation, régularisation, état des annulations, preview, bordereaux) from the PDF itself:
 * no internal rule id, file path, line number or configuration key; the debtor's address in the
 * window of a DL/C5 envelope; font sizes; PDF/UA identification and consistent metadata.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { bordereauView, regularisationView, sampleDocuments } from './fixtures.js';
import { addresseeWindow, HAS_POPPLER, HAS_QPDF, linesOf, MM, normalise, pdfInfo, pdfText, POPPLER_MISSING, scratch, toBuffer, wordBoxes } from './pdf-tools.js';
import { keepTogether } from '../../src/engine/french-format.js';

const renderer = createPdfRenderer();
const tmp = scratch();

const DOCUMENTS = sampleDocuments(renderer);
const AVIS = ['titre', 'reduction', 'annulation', 'regularisation', 'etat', 'apercu'] as const;

async function file(name: keyof typeof DOCUMENTS): Promise<string> {
  return tmp.write(`${name}.pdf`, await DOCUMENTS[name]());
}

/** Internal artefacts that a document sent to a commune never shows (tariff-rules.md, issue 11). */
const FORBIDDEN: [string, RegExp][] = [
  ['rule id', /\bR\d{1,2}\b/],
  ['file name', /\.csv\b|\.json\b/i],
  ['line number', /\bligne \d/i],
  ['configuration key', /\b[a-z]+_[a-z_]+\b/],
  ['rounded coefficient', /1,022208/],
  ['« reste dû »', /reste dû/],
];

describe.skipIf(!HAS_POPPLER)(`every template (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, () => {
  for (const name of Object.keys(DOCUMENTS) as (keyof typeof DOCUMENTS)[]) {
    it(`${name}: no rule id, file, line or configuration key; one A4 page`, async () => {
      const pdf = await file(name);
      const text = pdfText(pdf);
      for (const [what, pattern] of FORBIDDEN) expect(text, what).not.toMatch(pattern);
      if (name !== 'bordereau') expect(pdfInfo(pdf).Pages).toBe('1');
    });
  }

  for (const name of AVIS) {
    it(`${name}: the addressee sits in the right-hand window of a DL/C5 envelope (word boxes)`, async () => {
      const window = addresseeWindow(wordBoxes(await file(name)));
      // Window: 100 × 45 mm, left edge ≈ 100 mm, top 45–55 mm: the text must fit whatever the fold.
      expect(window.block.x0 / MM).toBeGreaterThanOrEqual(102);
      expect(window.block.x1 / MM).toBeLessThanOrEqual(195);
      expect(window.block.y0 / MM).toBeGreaterThanOrEqual(50);
      expect(window.block.y1 / MM).toBeLessThanOrEqual(90);
      expect(window.intruders, 'nothing else printed inside the window').toEqual([]);
    });
  }

  it('keeps the window clear when finance gives a correction a title long enough to wrap (templates/correction.fr.json)', async () => {
    const templatesDir = mkdtempSync(join(tmpdir(), 'titres-templates-'));
    cpSync('templates', templatesDir, { recursive: true });
    const file = join(templatesDir, 'correction.fr.json');
    const long = 'Titre de réduction – régularisation après correction d’un titre antérieur';
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Titre de réduction – régularisation"', JSON.stringify(long)));
    const bytes = await toBuffer(createPdfRenderer({ templatesDir }).renderTitre(regularisationView()));
    rmSync(templatesDir, { recursive: true, force: true });
    const pdf = await tmp.write('regularisation-long-title.pdf', bytes);
    const title = linesOf(wordBoxes(pdf)).filter((l) => /régularisation|correction d’un|antérieur/.test(l.text));
    expect(title.length, 'the title wraps').toBeGreaterThanOrEqual(2);
    expect(addresseeWindow(wordBoxes(pdf)).intruders).toEqual([]);
    expect(pdfInfo(pdf).Pages).toBe('1');
  });

  it('keeps dates, references and amounts whole on a line (no-break spaces)', async () => {
    // pdftotext keeps the document's lines: each of these is found within one of them.
    const lines = execFileSync('pdftotext', ['-enc', 'UTF-8', await file('titre'), '-'], { encoding: 'utf8' }).split('\n').map(normalise);
    for (const whole of ['1er juillet 2025', '14 avril 2025', 'n° CP-2025-4074', 'n° 2025-07-01-R-0456', 'art. 10.1', 'L. 1617-5', '1 394,58 €', '18 243 hab.']) {
      expect(lines.some((l) => l.includes(whole)), whole).toBe(true);
    }
    expect(keepTogether('du 29 septembre 2025, n° 1, art. 10.1, 1 210,00 €')).toBe('du 29\u00a0septembre\u00a02025, n°\u00a01, art.\u00a010.1, 1\u202f210,00\u00a0€');
  });
});

describe.skipIf(!HAS_QPDF)('font sizes (qpdf, content streams)', () => {
  for (const name of Object.keys(DOCUMENTS) as (keyof typeof DOCUMENTS)[]) {
    it(`${name}: body text 9 pt, nothing under 8 pt`, async () => {
      const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', await file(name), '-'], { maxBuffer: 1 << 26 }).toString('latin1');
      const sizes = [...qdf.matchAll(/\/F\d+ ([\d.]+) Tf/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(10);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
      if (name !== 'bordereau') {
        const count = (size: number): number => sizes.filter((s) => s === size).length;
        const commonest = [...new Set(sizes)].sort((a, b) => count(b) - count(a))[0];
        expect(commonest).toBeGreaterThanOrEqual(8.5);
        expect(sizes).toContain(9);
      }
    });
  }
});

describe.skipIf(!HAS_QPDF || !HAS_POPPLER)('PDF/UA identification and metadata', () => {
  it('declares PDF/UA-1 and PDF/A-3b, with the same producer and dates in Info and XMP', async () => {
    const pdf = await file('titre');
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, '-'], { maxBuffer: 1 << 26 }).toString('utf8');
    expect(qdf).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(qdf).toContain('<pdfaid:part>3</pdfaid:part>');
    const info = pdfInfo(pdf);
    const producer = /<pdf:Producer>([^<]*)<\/pdf:Producer>/.exec(qdf)![1];
    expect(info.Producer).toBe(producer);
    expect(qdf).toContain('<xmp:ModifyDate>2026-06-15T00:00:00Z</xmp:ModifyDate>');
    expect(info.ModDate).toMatch(/^2026-06-15T00:00:00/);
    // Table headers carry their scope.
    expect(qdf).toMatch(/\/S \/TH[\s\S]{0,200}\/Scope \/Column|\/Scope \/Column[\s\S]{0,200}\/S \/TH/);
  });

  it('tags the bordereau lines as a table with scoped headers', async () => {
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', await file('bordereau'), '-'], { maxBuffer: 1 << 26 }).toString('utf8');
    expect(qdf).toContain('/S /Table');
    expect(qdf).toContain('/Scope /Column');
    expect((qdf.match(/\/S \/TR\b/g) ?? []).length).toBe(1 + bordereauView().lines.length);
  });
});
