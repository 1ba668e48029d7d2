/**
 * « A dataset whose populations file is INSEE's download and whose adhesions come from Excel-FR issues
 * the same amounts as its UTF-8 twin. »
 *
 * Twin A: the samples (UTF-8, `,`, LF, ISO dates, `1100.00`), plus one commune whose name is a formula.
 * Twin B: the same data as a finance officer gets it:
 *   - populations/2026.csv = INSEE's whole-France `donnees_communes.csv` (UTF-8, `;`, CRLF, header
 *     REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT), Lyon only as its 9 arrondissements
 *     (69381–69389, millésime 2023 figures of /work/shared/reference/data/README.md, sum 519 127 / 525 314),
 *     and a few thousand synthetic communes of other départements;
 *   - communes.csv and adhesions.csv saved by Excel-FR: Windows-1252, `;`, CRLF, dates DD/MM/YYYY,
 *     amounts `1 100,00` with a no-break space (0xA0 in Windows-1252).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { copySamples, runCli, tempDirs } from './run-cli.js';
import { loadWorkbook, sheetContent } from '../fixtures/workbook.js';

type Row = Record<string, string>;

const temp = tempDirs('all');

const FORMULA_NAME = '=HYPERLINK("http://x")';
const FORMULA_CODE = '69998'; // fictitious commune, SIREN 216999987 and SIRET 21699998710002 (Luhn keys valid)

/** Lyon's arrondissements, millésime 2023 (in force 1/1/2026): code, name, PMUN, PCAP, PTOT. */
const LYON_ARRONDISSEMENTS: [string, string, number, number, number][] = [
  ['69381', 'Lyon 1er Arrondissement', 28717, 856, 29573],
  ['69382', 'Lyon 2e Arrondissement', 29981, 344, 30325],
  ['69383', 'Lyon 3e Arrondissement', 100679, 817, 101496],
  ['69384', 'Lyon 4e Arrondissement', 34752, 511, 35263],
  ['69385', 'Lyon 5e Arrondissement', 47777, 888, 48665],
  ['69386', 'Lyon 6e Arrondissement', 49385, 726, 50111],
  ['69387', 'Lyon 7e Arrondissement', 88326, 598, 88924],
  ['69388', 'Lyon 8e Arrondissement', 85943, 998, 86941],
  ['69389', 'Lyon 9e Arrondissement', 53567, 449, 54016],
];

const REGIONS: Record<string, [string, string]> = {
  '01': ['84', 'Auvergne-Rhône-Alpes'],
  '13': ['93', "Provence-Alpes-Côte d'Azur"],
  '2A': ['94', 'Corse'],
  '29': ['53', 'Bretagne'],
  '38': ['84', 'Auvergne-Rhône-Alpes'],
  '59': ['32', 'Hauts-de-France'],
  '67': ['44', 'Grand Est'],
  '75': ['11', 'Île-de-France'],
  '97': ['01', 'Guadeloupe'],
};

async function csvRows(file: string): Promise<Row[]> {
  return parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

/** What Excel-FR writes for one cell: quoted only when it holds `;`, `"` or a line break. */
function excelCell(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
function excelFile(header: string[], rows: string[][]): Buffer {
  const text = [header, ...rows].map((r) => r.map(excelCell).join(';')).join('\r\n') + '\r\n';
  expect(iconv.encodingExists('windows-1252')).toBe(true);
  return iconv.encode(text, 'windows-1252');
}
const frDate = (iso: string): string => (iso ? iso.split('-').reverse().join('/') : '');
/** `1100.00` → `1 100,00` with U+00A0 (Windows-1252 0xA0) as Excel-FR displays and saves it. */
function frAmount(v: string): string {
  if (!v) return '';
  const [int, dec] = v.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${dec}`;
}

/** INSEE's donnees_communes.csv for the in-force-2026 figures, whole France (synthetic outside the Métropole). */
function inseeFile(communes: Row[], populations: Row[]): string {
  const names = new Map(communes.map((c) => [c.code_insee, c.nom]));
  const rows: string[][] = [];
  // deterministic synthetic communes of other départements
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const synthetic = (dep: string, count: number) => {
    const [reg, region] = REGIONS[dep];
    for (let i = 1; i <= count; i++) {
      const codcom = dep === '97' ? `1${String(i).padStart(2, '0')}` : String(i).padStart(3, '0');
      const pmun = Math.floor(50 + rand() * 20000);
      const pcap = Math.floor(rand() * 300);
      rows.push([reg, region, dep, String(1 + (i % 4)), String(1 + (i % 30)).padStart(2, '0'), codcom, `${dep}${codcom}`, `Commune synthétique ${dep}-${codcom}`, String(pmun), String(pcap), String(pmun + pcap)]);
    }
  };
  synthetic('01', 390);
  synthetic('13', 119);
  synthetic('29', 277);
  synthetic('2A', 124);
  synthetic('38', 512);
  synthetic('59', 648);
  synthetic('67', 514);
  // the Métropole (Rhône): every commune but Lyon, then the arrondissements, in code order
  const rhone: string[][] = [];
  for (const p of populations) {
    if (p.code_insee === '69123') continue;
    const pmun = Number(p.population_municipale);
    const ptot = Number(p.population_totale);
    rhone.push(['84', 'Auvergne-Rhône-Alpes', '69', '1', '99', p.code_insee.slice(2), p.code_insee, names.get(p.code_insee) ?? p.code_insee, String(pmun), String(ptot - pmun), String(ptot)]);
  }
  for (const [code, nom, pmun, pcap, ptot] of LYON_ARRONDISSEMENTS) {
    rhone.push(['84', 'Auvergne-Rhône-Alpes', '69', '1', '99', code.slice(2), code, nom, String(pmun), String(pcap), String(ptot)]);
  }
  rhone.sort((a, b) => a[6].localeCompare(b[6]));
  // a Rhône commune outside the Métropole, to make sure only the dataset's codes matter
  rows.push(...rhone, ['84', 'Auvergne-Rhône-Alpes', '69', '2', '01', '001', '69001', 'Affoux', '388', '9', '397']);
  synthetic('75', 20);
  synthetic('97', 32);
  const header = 'REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT';
  return [header, ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n';
}

/**
 * A liquidation line without its parenthesis citing the population file (name, line, and for Lyon the
 * arrondissements summed), which legitimately differs between the two files.
 */
function comparable(source: string | undefined): string | undefined {
  return source?.replace(/^.*populations\/2026\.csv, ligne \d+$/, 'populations/2026.csv');
}

function parseExcelCsv(buf: Buffer): Row[] {
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  const text = buf.toString('utf8');
  expect(text).toContain('\r\n');
  return parse(text, { columns: true, delimiter: ';', bom: true, skip_empty_lines: true }) as Row[];
}
const fromFr = (v: string): string => v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');

describe('an INSEE + Excel-FR dataset and its UTF-8 twin', () => {
  let utf8: string;
  let excel: string;

  beforeAll(async () => {
    utf8 = await copySamples();
    excel = await copySamples();
    temp.track(utf8, excel);

    // the formula-named commune, in both twins, with an adhesion (new on 1/1/2026) and a population
    const extraCommune = [FORMULA_CODE, FORMULA_NAME, '216999987', '21699998710002', 'Hôtel de ville', '69999', 'Nulle-Part'];
    const extraAdhesion = [FORMULA_CODE, 'laclasse', '2025-12-01', '2026-01-01', '', '', '', '', ''];
    const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    await writeFile(path.join(utf8, 'communes.csv'), (await readFile(path.join(utf8, 'communes.csv'), 'utf8')) + extraCommune.map(quote).join(',') + '\n');
    await writeFile(path.join(utf8, 'adhesions.csv'), (await readFile(path.join(utf8, 'adhesions.csv'), 'utf8')) + extraAdhesion.join(',') + '\n');
    await writeFile(path.join(utf8, 'populations/2026.csv'), (await readFile(path.join(utf8, 'populations/2026.csv'), 'utf8')) + `${FORMULA_CODE},1234,1250\n`);

    const communes = await csvRows(path.join(utf8, 'communes.csv'));
    const adhesions = await csvRows(path.join(utf8, 'adhesions.csv'));
    const populations = await csvRows(path.join(utf8, 'populations/2026.csv'));
    expect(communes.find((c) => c.code_insee === FORMULA_CODE)?.nom).toBe(FORMULA_NAME);

    // Twin B
    const communeCols = ['code_insee', 'nom', 'siren', 'siret', 'adresse', 'code_postal', 'ville'];
    await writeFile(path.join(excel, 'communes.csv'), excelFile(communeCols, communes.map((c) => communeCols.map((k) => c[k]))));
    const adhesionCols = ['code_insee', 'service', 'date_signature', 'date_debut', 'montant_anterieur', 'date_fin', 'motif_fin', 'date_preavis', 'options'];
    await writeFile(
      path.join(excel, 'adhesions.csv'),
      excelFile(
        adhesionCols,
        adhesions.map((a) => [a.code_insee, a.service, frDate(a.date_signature), frDate(a.date_debut), frAmount(a.montant_anterieur), frDate(a.date_fin), a.motif_fin, frDate(a.date_preavis), a.options]),
      ),
    );
    await writeFile(path.join(excel, 'populations/2026.csv'), inseeFile(communes, populations));
  });

  it('the Excel-FR files are what Excel writes (Windows-1252 0xA0 / 0xE9, `;`, CRLF) and the INSEE file is whole-France', async () => {
    const adhesions = await readFile(path.join(excel, 'adhesions.csv'));
    expect(adhesions.includes(Buffer.from('1\xa0100,00', 'latin1'))).toBe(true); // Écully's montant antérieur
    expect(adhesions.includes(Buffer.from('18/12/2025', 'latin1'))).toBe(true);
    expect(adhesions.includes(Buffer.from(';', 'latin1'))).toBe(true);
    const communes = await readFile(path.join(excel, 'communes.csv'));
    expect(communes.includes(Buffer.from('\xc9cully', 'latin1'))).toBe(true); // É = 0xC9
    expect(communes.includes(Buffer.from('"=HYPERLINK(""http://x"")"', 'latin1'))).toBe(true);
    expect(communes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const insee = await readFile(path.join(excel, 'populations/2026.csv'), 'utf8');
    const lines = insee.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT');
    expect(lines.length).toBeGreaterThan(2500);
    expect(lines.some((l) => l.split(';')[6] === '69123')).toBe(false);
    const lyon = lines.filter((l) => /^[^;]*;[^;]*;69;[^;]*;[^;]*;[^;]*;6938\d;/.test(l));
    expect(lyon).toHaveLength(9);
    expect(lyon.reduce((s, l) => s + Number(l.split(';')[10]), 0)).toBe(525314);

    const check = await runCli(['check', '--data', excel, '--year', '2026', '--json']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('`issue --dry-run --json` gives the same titres on both twins', async () => {
    const run = async (data: string) => {
      const r = await runCli(['issue', '--data', data, '--year', '2026', '--dry-run', '--json', '--date', '2026-09-15']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const a = await run(utf8);
    const b = await run(excel);
    expect(a.titres).toHaveLength(23); // the samples' 22 (dated 15/09/2026: Albigny has signed, R9) + the formula-named commune
    expect(b.total).toBe(a.total);
    expect(b.sans_titre).toEqual(a.sans_titre);
    const figures = (plan: any) =>
      plan.titres.map((t: any) => ({
        ...t,
        // the R3 line's source names populations/2026.csv and its line number, which differ between the
        // two files; everything else (the printed wording, the figure itself, the amounts) must be equal
        liquidation: t.liquidation.map((l: any) => ({ ...l, source: comparable(l.source) })),
      }));
    expect(figures(b)).toEqual(figures(a));
    // and the R3 lines' sources cite the file: the population figure is the same, only the line differs
    const lyonA = a.titres.find((t: any) => t.code_insee === '69123');
    const lyonB = b.titres.find((t: any) => t.code_insee === '69123');
    expect(lyonA).toMatchObject({ montant: '31900.00', contribution_cible: '32525.48' });
    const r3 = (t: any) => t.liquidation.find((l: any) => l.ref.startsWith('R3'));
    expect(r3(lyonA).libelle.replace(/[\u00a0\u202f]/g, ' ')).toContain('525 314 habitants');
    expect(r3(lyonB).source).toMatch(/^somme des arrondissements 69381, 69382, 69383, 69384, 69385, 69386, 69387, 69388, 69389 ; populations\/2026\.csv, ligne \d+$/);
    expect(r3(lyonA).source).toMatch(/^populations\/2026\.csv, ligne \d+$/);
    // Écully (E2) from `1 100,00` in Windows-1252
    expect(b.titres.find((t: any) => t.code_insee === '69081' && t.service === 'laclasse')).toMatchObject({ montant: '1210.00', contribution_cible: '1425.55' });
    // the formula-named commune: C = round2((300 + 0,06 × 1 250) × 322,2/315,2) = round2(375 × 1,022208…) = 383,33
    expect(b.titres.find((t: any) => t.code_insee === FORMULA_CODE)).toMatchObject({ commune: FORMULA_NAME, montant: '383.33', regime: 'cible' });
  });

  it('`issue --excel`: journal, ledgers and bordereaux as workbooks with the journal’s amounts; a formula name stays text', async () => {
    const out = await temp();
    const r = await runCli(['issue', '--data', excel, '--year', '2026', '--out', out, '--date', '2026-09-15', '--excel', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const journal = parse(await readFile(path.join(out, 'journal.csv'), 'utf8'), { columns: true }) as Row[];
    expect(journal).toHaveLength(23);
    expect(journal.find((j) => j.code_insee === '69081' && j.service === 'laclasse')!.montant).toBe('1210.00'); // journal.csv stays machine form
    const cents = (v: unknown): number => Math.round(Number(v) * 100);

    // journal.xlsx: same rows, amounts as numbers
    const je = sheetContent((await loadWorkbook(path.join(out, 'journal.xlsx'))).getWorksheet('Journal')!);
    expect(je.rows).toHaveLength(journal.length);
    for (const [i, row] of je.rows.entries()) {
      expect(String(je.cell(row, 'N° du document').value)).toBe(journal[i].numero);
      expect(je.cell(row, 'Code INSEE').value).toBe(journal[i].code_insee);
      expect(cents(je.cell(row, 'Montant (€, corrections en négatif)').value)).toBe(cents(journal[i].montant));
    }

    // bordereaux: one per service, rows = journal rows of that bordereau, total = Σ
    const bordDir = path.join(out, '2026/bordereaux');
    const books = (await readdir(bordDir)).filter((f) => f.endsWith('.xlsx')).sort();
    expect(books).toEqual(['bordereau-2026-titres-0001-laclasse.xlsx', 'bordereau-2026-titres-0002-toodego.xlsx']);
    let formulaSeen = false;
    for (const [i, f] of books.entries()) {
      const sheet = sheetContent((await loadWorkbook(path.join(bordDir, f))).getWorksheet(1)!);
      const amount = sheet.column('Montant (€, corrections en négatif)');
      const inJournal = journal.filter((j) => j.bordereau === String(i + 1));
      expect(sheet.rows.map((l) => [String(l.getCell(1).value), sheet.cell(l, 'Code INSEE').value, cents(l.getCell(amount).value)])).toEqual(
        inJournal.map((j) => [j.numero, j.code_insee, cents(j.montant)]),
      );
      const sum = inJournal.reduce((s, j) => s + cents(j.montant), 0);
      expect(cents((sheet.totalRow.getCell(amount).value as { result: number }).result)).toBe(sum);
      const formula = sheet.rows.find((l) => sheet.cell(l, 'Code INSEE').value === FORMULA_CODE);
      if (formula) {
        formulaSeen = true;
        expect(sheet.cell(formula, 'Commune').value).toBe(FORMULA_NAME); // a string cell: shown as text, never run
      }
    }
    expect(formulaSeen).toBe(true);

    // ledgers: one workbook per commune × service beside its CSV
    const ledgerDir = path.join(out, 'registres/laclasse');
    const files = (await readdir(ledgerDir)).filter((f) => f.endsWith('.xlsx'));
    const formulaLedger = files.find((f) => f.startsWith(`${FORMULA_CODE}-`))!;
    expect(formulaLedger).toBeDefined();
    expect(formulaLedger).not.toMatch(/[="()/:]/); // a safe file name
    const fl = sheetContent((await loadWorkbook(path.join(ledgerDir, formulaLedger))).getWorksheet(1)!);
    expect(fl.cell(fl.rows[0], 'Commune').value).toBe(FORMULA_NAME);
    expect(fl.cell(fl.rows[0], 'Montant (€, corrections en négatif)').value).toBe(383.33);
    const ecully = sheetContent((await loadWorkbook(path.join(ledgerDir, '69081-ecully.xlsx'))).getWorksheet(1)!);
    expect(ecully.rows).toHaveLength(1);
    const e = (title: string) => ecully.cell(ecully.rows[0], title).value;
    expect([e('Commune'), e('Contribution-cible (€)'), e('Montant antérieur (€)'), e('Plafond de convergence (€)'), e('Population (habitants)')]).toEqual([
      'Écully', 1425.55, 1100, 1210, 18243,
    ]);
    const lyon = sheetContent((await loadWorkbook(path.join(ledgerDir, '69123-lyon.xlsx'))).getWorksheet(1)!);
    expect(lyon.cell(lyon.rows[0], 'Population (habitants)').value).toBe(525314); // the sum of the arrondissements

    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  });
});
