import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dec, sum, toAmountString } from '../../src/engine/money.js';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import type { BordereauLine } from '../../src/render/views.js';
import { bordereauLines, bordereauView } from './fixtures.js';
import { HAS_POPPLER, HAS_QPDF, pdfFonts, pdfInfo, pdfText, POPPLER_MISSING, QPDF_MISSING, qpdfCheck, scratch, sha256, bordereauBytes } from './pdf-tools.js';

const renderer = createPdfRenderer();
const tmp = scratch();

async function render(name: string, view = bordereauView()): Promise<string> {
  return tmp.write(name, await bordereauBytes(renderer, view));
}

const totalOf = (lines: BordereauLine[]): string => toAmountString(sum(lines.map((l) => dec(l.montant))));

const reductionLines: BordereauLine[] = [
  { numero: 40, type: 'reduction', codeInsee: '69081', commune: 'Écully', montant: '304.99', titreOrigine: '2026-12' },
  { numero: 41, type: 'annulation', codeInsee: '69003', commune: 'Albigny-sur-Saône', montant: '487.64', titreOrigine: '2026-13' },
];

describe('bordereau de titres', () => {
  it.skipIf(!HAS_POPPLER)(`lists its lines, the number of pieces, the total and the signatory (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const text = pdfText(await render('bordereau.pdf'), 'raw');
    for (const mention of [
      'Métropole de Lyon',
      'SIREN 200046977',
      'Bordereau de titres de recette n° 3 – exercice 2026',
      'Service : laclasse.com',
      "Date d'émission : 15/06/2026",
      'N° titre',
      'Code INSEE',
      '12 69081 Écully 1 210,00',
      '13 69003 Albigny-sur-Saône 487,64',
      "14 69233 Saint-Cyr-au-Mont-d'Or 681,39",
      'Nombre de pièces : 3',
      'Total du bordereau : 2 379,03 €',
      'deux mille trois cent soixante-dix-neuf euros et trois centimes',
      'D. 1617-23',
      'L. 1617-5 4°',
      "Cumul de l'exercice 2026 (bordereaux de même nature, celui-ci compris) : 15 420,77 €",
      'Ordonnateur : Pour le Président et par délégation, Hélène GÉRAUD, vice-présidente déléguée aux finances',
      'Délégation de signature : arrêté n° 2025-07-01-R-0456 du 1er juillet 2025.',
      'Date et signature :',
    ]) {
      expect(text, `« ${mention} »`).toContain(mention);
    }
    expect(text).not.toContain('PROJET');
  });

  it('refuses a total that is not the sum of its lines', async () => {
    await expect(bordereauBytes(renderer, bordereauView({ total: '2379.04' }))).rejects.toThrow(/sum of its lines/);
  });

  it('is byte-identical when rendered twice', async () => {
    const a = sha256(await bordereauBytes(renderer, bordereauView()));
    const b = sha256(await bordereauBytes(createPdfRenderer(), bordereauView()));
    expect(b).toBe(a);
  });

  it.skipIf(!HAS_POPPLER)(`of réductions / annulations shows each line's nature and original titre (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const view = bordereauView({ nature: 'reductions', numero: 2, lines: reductionLines, total: totalOf(reductionLines) });
    const text = pdfText(await render('reductions.pdf', view), 'raw');
    expect(text).toContain("Bordereau de titres de réduction et d'annulation n° 2 – exercice 2026");
    expect(text).toContain("Titre d'origine");
    expect(text).toContain('40 69081 Écully réduction 2026-12 304,99');
    expect(text).toContain('41 69003 Albigny-sur-Saône annulation 2026-13 487,64');
    expect(text).toContain('Total du bordereau : 792,63 €');
  });

  it.skipIf(!HAS_POPPLER || !HAS_QPDF)(`runs over several pages with the table header repeated (${HAS_POPPLER && HAS_QPDF ? 'pdftotext, qpdf' : `${POPPLER_MISSING}; ${QPDF_MISSING}`})`, async () => {
    const lines = bordereauLines(150);
    const file = await render('long.pdf', bordereauView({ lines, total: totalOf(lines) }));
    const pages = Number(pdfInfo(file).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(file, 'raw');
    expect(text.split('Code INSEE').length - 1).toBe(pages);
    expect(text.split('(suite)').length - 1).toBe(pages - 1);
    expect(text).toContain('Commune n° 150');
    expect(text).toContain('Nombre de pièces : 150');
    expect(text).toContain(`page ${pages}`);
    expect(qpdfCheck(file).status).toBe(0);
    expect(pdfFonts(file)).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it.skipIf(!HAS_POPPLER)(`in preview prints no number and « PROJET – non émis » (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const lines = Array.from(bordereauView().lines, (l) => ({ ...l, numero: null }));
    const text = pdfText(await render('preview.pdf', bordereauView({ preview: true, numero: null, lines })), 'raw');
    expect(text).toContain('Projet de bordereau de titres de recette – exercice 2026');
    expect(text).not.toMatch(/Bordereau de titres [^–]*n° \d/);
    expect(text).toContain('– 69081 Écully 1 210,00');
    expect(text).not.toMatch(/\b1[234] 69/);
  });
});

type PdfObjects = Record<string, { value?: Record<string, unknown> }>;

/** The file's objects as qpdf reads them (qpdf --json=2): « obj:N 0 R » → { value }. */
function pdfObjects(file: string): PdfObjects {
  const run = spawnSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return (JSON.parse(run.stdout) as { qpdf: [unknown, PdfObjects] }).qpdf[1];
}

describe('bordereau table structure (PDF/UA), its written rows dropped from memory (issue 12)', () => {
  it.skipIf(!HAS_QPDF)(`lists every row in the table, every cell in its row and each page's parent tree (${HAS_QPDF ? 'qpdf' : QPDF_MISSING})`, async () => {
    const lines = bordereauLines(150);
    const objects = pdfObjects(await render('structure.pdf', bordereauView({ lines, total: totalOf(lines) })));
    const get = (ref: unknown): Record<string, unknown> => objects[`obj:${String(ref)}`].value!;
    const tables = Object.entries(objects).filter(([, o]) => o.value?.['/S'] === '/Table');
    expect(tables).toHaveLength(1);
    const [tableKey, table] = tables[0];
    const rows = table.value!['/K'] as string[];
    expect(rows).toHaveLength(151); // the headings, then every line
    const parentTreeCells = new Set<string>();
    const root = Object.values(objects).find((o) => o.value?.['/Type'] === '/StructTreeRoot')!.value!;
    const nums = (root['/ParentTree'] as { '/Nums': unknown[] })['/Nums'];
    for (let i = 1; i < nums.length; i += 2) for (const ref of nums[i] as string[]) parentTreeCells.add(ref);
    rows.forEach((rowRef, r) => {
      const row = get(rowRef);
      expect(row['/S']).toBe('/TR');
      expect(row['/P']).toBe(tableKey.slice('obj:'.length));
      const cells = row['/K'] as string[];
      expect(cells).toHaveLength(4);
      for (const cellRef of cells) {
        const cell = get(cellRef);
        expect(cell['/S']).toBe(r === 0 ? '/TH' : '/TD');
        expect(cell['/P']).toBe(rowRef);
        expect(cell['/Pg']).toBeDefined();
        expect(parentTreeCells.has(cellRef)).toBe(true);
      }
    });
    const pages = new Set(rows.slice(1).map((rowRef) => get((get(rowRef)['/K'] as string[])[0])['/Pg']));
    expect(pages.size).toBeGreaterThanOrEqual(3);
  });
});

