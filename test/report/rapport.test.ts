/**
 * `titres rapport` (issue 13): the yearly balance for the comité de pilotage. Its totals are
 * recomputed here from journal.csv alone; its charts are compared with golden PNG renders.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawChart } from '../../src/charts/pdf.js';
import type { Chart } from '../../src/charts/chart.js';
import { Decimal } from '../../src/engine/money.js';
import { readDataset } from '../../src/io/read-dataset.js';
import { loadPdfAssets } from '../../src/render/assets.js';
import { openPdf } from '../../src/render/pdf-document.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { createSharedFonts } from '../../src/render/shared-fonts.js';
import { StructureTree } from '../../src/render/structure-tree.js';
import { convergenceChart, servicesChart, shareCharts } from '../../src/report/report-charts.js';
import { buildReportFor } from '../../src/report/run-report.js';
import { loadWorkbook, sheetContent } from '../fixtures/workbook.js';
import { REPO, runCli, SAMPLES, tempDirs } from '../cli/run-cli.js';
import { HAS_POPPLER, POPPLER_MISSING } from '../render/pdf-tools.js';
import { formatNumberFr } from '../../src/engine/french-format.js';

const temp = tempDirs('all');
let out: string;
type Row = Record<string, string>;
let journal: Row[];
let cancelOutput: string;
let ecullyTitre: string;

beforeAll(async () => {
  out = await temp();
  const issue = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-06-15', '-q']);
  expect(issue.code, issue.stderr).toBe(0);
  const issued = parse(await readFile(path.join(out, 'journal.csv'), 'utf8'), { columns: true }) as Row[];
  ecullyTitre = `2026-${issued.find((r) => r.code_insee === '69081' && r.service === 'laclasse' && r.type === 'titre')!.numero}`;
  const cancel = await runCli(['cancel', '--out', out, '--titre', ecullyTitre, '--montant', '100,00', '--motif', 'Service interrompu en mai', '--date', '2026-09-01']);
  expect(cancel.code, cancel.stderr).toBe(0);
  cancelOutput = cancel.stdout;
  const rapport = await runCli(['rapport', '--out', out, '--year', '2026', '--date', '2027-03-15']);
  expect(rapport.code, rapport.stderr).toBe(0);
  journal = parse(await readFile(path.join(out, 'journal.csv'), 'utf8'), { columns: true }) as Row[];
}, 120_000);

/** Net of the journal's lines that pass `keep`, in cents: titres minus réductions and annulations. */
function journalNet(keep: (row: Row) => boolean): number {
  return journal.filter(keep).reduce((s, r) => s + (r.type === 'titre' ? 1 : -1) * Math.round(Number(r.montant) * 100), 0);
}
const cents = (v: unknown): number => Math.round(Number(v) * 100);

describe('titres rapport', () => {
  it('writes the PDF (tagged, PDF/A, the émetteur as author) and the workbook under OUT/rapports, and verify knows them', async () => {
    expect((await readdir(path.join(out, 'rapports'))).sort()).toEqual(['rapport-2026.pdf', 'rapport-2026.xlsx']);
    if (HAS_POPPLER) {
      const info = execFileSync('pdfinfo', [path.join(out, 'rapports/rapport-2026.pdf')], { encoding: 'utf8' });
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Author:\s+Métropole de Lyon/);
      expect(info).toMatch(/Title:\s+Bilan annuel de la convention-cadre — exercice 2026/);
    }
    const xmp = (await readFile(path.join(out, 'rapports/rapport-2026.pdf'))).toString('latin1');
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  });

  it('its totals per service are the journal’s, recomputed here from journal.csv', async () => {
    const book = await loadWorkbook(path.join(out, 'rapports/rapport-2026.xlsx'));
    expect(book.creator).toBe('Métropole de Lyon');
    const totals = sheetContent(book.getWorksheet('Totaux par service')!);
    const services = ['laclasse', 'toodego'];
    const dataset = await readDataset(path.join(REPO, SAMPLES));
    for (const service of services) {
      const libelle = (dataset.dataset.config.services.get(service) as { libelle: string }).libelle;
      const row = totals.rows.find((r) => totals.cell(r, 'Service').value === libelle)!;
      expect(cents(totals.cell(row, 'Exercice 2026 (€)').value)).toBe(journalNet((r) => r.service === service && r.exercice === '2026'));
      expect(cents(totals.cell(row, 'Exercice 2025 (€)').value)).toBe(journalNet((r) => r.service === service && r.exercice === '2025'));
    }
    const all = journalNet((r) => r.exercice === '2026');
    expect(cents((totals.totalRow.getCell(totals.column('Exercice 2026 (€)')).value as { result: number }).result)).toBe(all);
    if (!HAS_POPPLER) return; // the PDF's own figure: pdftotext, installed by CI
    const text = execFileSync('pdftotext', ['-layout', path.join(out, 'rapports/rapport-2026.pdf'), '-'], { encoding: 'utf8' });
    const spaces = (t: string): string => t.replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(spaces(text)).toContain(spaces(`Net facturé : ${formatNumberFr(new Decimal(all).div(100))} €`));
  });

  it('per commune and service: net of corrections, cible and share, each from the journal', async () => {
    const communes = sheetContent((await loadWorkbook(path.join(out, 'rapports/rapport-2026.xlsx'))).getWorksheet('Communes')!);
    expect(communes.rows.length).toBe(journal.filter((r) => r.type === 'titre').length);
    for (const row of communes.rows) {
      const code = communes.cell(row, 'Code INSEE').value as string;
      const service = communes.cell(row, 'Service').value as string;
      const pair = (r: Row) => r.code_insee === code && r.service === service && r.exercice === '2026';
      expect(cents(communes.cell(row, 'Net facturé (€)').value)).toBe(journalNet(pair));
      const titre = journal.find((r) => pair(r) && r.type === 'titre')!;
      expect(cents(communes.cell(row, 'Contribution-cible (€)').value)).toBe(cents(titre.contribution_cible));
      expect(communes.cell(row, 'Part de la cible atteinte (%)').value).toBeCloseTo(Number(titre.montant) / Number(titre.contribution_cible), 4);
    }
    const ecully = communes.rows.find((r) => communes.cell(r, 'Code INSEE').value === '69081' && communes.cell(r, 'Service').value === 'laclasse')!;
    expect(communes.cell(ecully, 'Corrections (€)').value).toBe(-100);
  });

  it('the same journal and date give the same bytes', async () => {
    const before = await Promise.all(['pdf', 'xlsx'].map((e) => readFile(path.join(out, `rapports/rapport-2026.${e}`))));
    expect((await runCli(['rapport', '--out', out, '--year', '2026', '--date', '2027-03-15'])).code).toBe(0);
    const after = await Promise.all(['pdf', 'xlsx'].map((e) => readFile(path.join(out, `rapports/rapport-2026.${e}`))));
    expect(after[0].equals(before[0])).toBe(true);
    expect(after[1].equals(before[1])).toBe(true);
    // registered once with their sha256, anchored on the journal: the same bytes add no line
    const register = parse(await readFile(path.join(out, 'rapports.csv'), 'utf8'), { columns: true }) as Row[];
    expect(register.map((r) => [r.exercice, r.date_etablissement, r.fichier])).toEqual([
      ['2026', '2027-03-15', 'rapports/rapport-2026.pdf'],
      ['2026', '2027-03-15', 'rapports/rapport-2026.xlsx'],
    ]);
    expect(register[0].sha256).toBe(createHash('sha256').update(after[0]).digest('hex'));
  });

  it('verify sees a modified report, a report missing from the register, and a registered report removed', async () => {
    const copy = await temp();
    await cp(out, copy, { recursive: true });
    await appendFile(path.join(copy, 'rapports/rapport-2026.xlsx'), 'x');
    await writeFile(path.join(copy, 'rapports/rapport-2025.pdf'), '%PDF-1.7');
    await rm(path.join(copy, 'rapports/rapport-2026.pdf'));
    const r = await runCli(['verify', '--out', copy, '--json']);
    expect(r.code).toBe(6);
    const { problemes } = JSON.parse(r.stdout) as { problemes: Array<{ code: string; fichier?: string; message: string }> };
    expect(problemes.map((p) => [p.code, path.relative(copy, p.fichier ?? '')])).toEqual(
      expect.arrayContaining([
        ['HASH_MISMATCH', 'rapports/rapport-2026.xlsx'],
        ['REPORT_UNREGISTERED', 'rapports/rapport-2025.pdf'],
        ['FILE_MISSING', 'rapports/rapport-2026.pdf'],
      ]),
    );
    expect(problemes).toHaveLength(3);
  });

  it('takes the lock and checks the folder first: a damaged folder is refused (exit 4), nothing written', async () => {
    const copy = await temp();
    await cp(out, copy, { recursive: true });
    const file = path.join(copy, 'journal.csv');
    await writeFile(file, (await readFile(file, 'utf8')).replace(',2750.00,', ',2950.00,'));
    const r = await runCli(['rapport', '--out', copy, '--year', '2026', '--date', '2027-04-01']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('OUT_DAMAGED');
    expect(await readFile(path.join(copy, 'rapports.csv'), 'utf8')).toBe(await readFile(path.join(out, 'rapports.csv'), 'utf8'));
  });

  it('cancel prints its amount in the French format, as issue does (issue 13 item 4)', () => {
    expect(cancelOutput).toContain(`émis : -100,00 € sur le titre ${ecullyTitre}`);
  });

  it('refuses a year without titres (exit 4), writing nothing', async () => {
    const r = await runCli(['rapport', '--out', out, '--year', '2030', '--date', '2031-03-15']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('REPORT_NOTHING_ISSUED');
    expect((await readdir(path.join(out, 'rapports'))).sort()).toEqual(['rapport-2026.pdf', 'rapport-2026.xlsx']);
  });

  it.skipIf(!HAS_POPPLER)(`its charts render as the golden PNGs, within a tolerance (${HAS_POPPLER ? 'pdftoppm' : POPPLER_MISSING})`, async () => {
    const { dataset } = await readDataset(path.join(REPO, SAMPLES));
    const { report } = await buildReportFor(out, dataset, 2026);
    const charts: Chart[] = [servicesChart(report), ...shareCharts(report), convergenceChart(report, report.services[0])!];
    const dir = await mkdtemp(path.join(tmpdir(), 'titres-charts-'));
    try {
      for (const [i, chart] of charts.entries()) {
        const name = `chart-${i + 1}`;
        const pdf = path.join(dir, `${name}.pdf`);
        await writeFile(pdf, await chartPdf(chart));
        execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', pdf, path.join(dir, name)]);
        await expectGoldenPng(name, await readFile(path.join(dir, `${name}.png`)));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A one-page PDF holding only `chart`, through the same machinery as the report. */
async function chartPdf(chart: Chart): Promise<Buffer> {
  const assets = loadPdfAssets();
  const doc = openPdf({ assets, fonts: createSharedFonts(assets) }, { title: chart.title, author: 'test', date: '2027-03-15' }, { top: 20, bottom: 20, left: 20, right: 20 });
  const structure = new StructureTree(doc);
  doc.addPage();
  drawChart(doc, structure, chart, 20, 20, 555);
  structure.end();
  doc.end();
  const chunks: Buffer[] = [];
  for await (const chunk of finishedPdf(doc)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Compares a render with test/report/golden/<name>.png: same size, and at most 0.5 % of the
 * pixels differ by more than 48 on a channel (anti-aliasing and poppler versions vary a little).
 * UPDATE_GOLDEN=1 writes the golden file.
 */
async function expectGoldenPng(name: string, actual: Buffer): Promise<void> {
  const file = path.join(REPO, 'test/report/golden', `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1') {
    await writeFile(file, actual);
    return;
  }
  const a = PNG.sync.read(actual);
  const g = PNG.sync.read(await readFile(file));
  expect([a.width, a.height]).toEqual([g.width, g.height]);
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(Math.abs(a.data[i] - g.data[i]), Math.abs(a.data[i + 1] - g.data[i + 1]), Math.abs(a.data[i + 2] - g.data[i + 2]));
    if (d > 48) differing++;
  }
  expect(differing / (a.width * a.height), `${name}: pixels that differ from the golden render`).toBeLessThanOrEqual(0.005);
}
