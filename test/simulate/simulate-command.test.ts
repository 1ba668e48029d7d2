import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as titres } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { EMETTEUR } from '../fixtures/dataset.js';
import { csvFile, HEADERS, SYNTEC_CSV } from '../io/helpers/minimal-dataset.js';
import { makeTempDir } from '../io/helpers/temp-dir.js';
import { AMOUNT_FORMAT } from '../../src/io/workbook.js';
import { loadWorkbook, sheetContent } from '../fixtures/workbook.js';

const CONFIG = {
  emetteur: EMETTEUR, // not shown by a simulation
  convention: { reference: 'CC-2025', premier_exercice: 2026, duree_max_annees: 6 },
  numerotation: { premier_numero: 1, premier_bordereau: 1 },
  delai_paiement_jours: 30,
  seuil_recouvrement: '15.00',
  services: {
    laclasse: {
      libelle: 'laclasse.com, espace numérique de travail des écoles',
      forfait: '300.00',
      par_habitant: '0.06',
      indice: { serie: 'syntec', reference: '2025-01' },
      transitoire: { hausse_premiere_annee: '0.10', hausse_annuelle: '0.05' },
    },
    geonet: { libelle: 'Geonet', gratuit: true },
  },
};

/** The files of test/simulate/fixtures.ts transitionalDataset: Écully capped, Cailloux new on 01/01/2026. */
const FILES: Record<string, string> = {
  'config.json': JSON.stringify(CONFIG, null, 2),
  'communes.csv': csvFile(HEADERS.communes, [
    '69081,Écully,216900811,Place de la mairie,69130,Écully',
    '69033,Cailloux-sur-Fontaines,216900332,Place de la mairie,69270,Cailloux-sur-Fontaines',
  ]),
  'populations/2026.csv': csvFile(HEADERS.populations, ['69081,17944,18243', '69033,3050,3103']),
  'adhesions.csv': csvFile(HEADERS.adhesions, [
    '69081,laclasse,2025-12-18,,1100.00,,,,',
    '69033,laclasse,2025-12-18,2026-01-01,,,,,',
    '69081,geonet,2025-12-18,,,,,,',
  ]),
  'indices/syntec.csv': SYNTEC_CSV,
};

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let dir: string;
let data: string;

beforeAll(async () => {
  tmp = await makeTempDir();
  dir = tmp.dir;
  data = path.join(dir, 'donnees');
  for (const [name, text] of Object.entries(FILES)) await tmp.write(path.join('donnees', name), text);
});

afterAll(async () => {
  await tmp.cleanup();
});

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, stderrIsTTY: false, stdoutIsTTY: false, cwd: dir };
}

/** `titres simulate --data DATA --from 2026 --to 2031` and more options (a later one wins), in `dir`. */
async function run(...options: string[]) {
  const io = captureIo();
  const code = await titres(['simulate', '--data', data, '--from', '2026', '--to', '2031', ...options], io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** The code of the usage error (exit 2) of these options, on a dataset that does not exist. */
async function usageCode(...options: string[]): Promise<string> {
  const { code, stderr } = await run('--data', path.join(dir, 'absent'), ...options);
  expect(code).toBe(2);
  return /erreur ([A-Z_]+):/.exec(stderr)![1];
}

describe('titres simulate: options', () => {
  it('refuses --from after --to', async () => {
    expect(await usageCode('--from', '2030', '--to', '2026')).toBe('SIMULATION_PERIODE_INVALIDE');
  });

  it('refuses more than 20 exercices', async () => {
    expect(await usageCode('--from', '2026', '--to', '2050')).toBe('SIMULATION_PERIODE_INVALIDE');
  });

  it('refuses a malformed year or rate before reading the dataset', async () => {
    expect(await usageCode('--from', '26')).toBe('INVALID_YEAR');
    expect(await usageCode('--indice', 'deux pour cent')).toBe('TAUX_INVALIDE');
    expect(await usageCode('--population', '3')).toBe('TAUX_INVALIDE');
  });
});

describe('titres simulate: outputs', () => {
  it('prints the table with the assumptions', async () => {
    const { code, stdout } = await run('--indice', '2%', '--population', '0.01');
    expect(code).toBe(0);
    expect(stdout).toContain('hypothèses : indice +2 %/an, population +1 %/an');
    expect(stdout).toContain('Écully (69081) – laclasse.com');
    expect(stdout).not.toContain('Geonet');
  });

  it('prints JSON only with --json', async () => {
    const { stdout } = await run('--json');
    const json = JSON.parse(stdout);
    expect(json.adhesions.map((a: { code_insee: string }) => a.code_insee)).toEqual(['69033', '69081']);
    expect(json.adhesions[1].annee_convergence).toBe(2030);
  });

  it('writes the CSV and one chart per paying service, paths relative to the working folder', async () => {
    const { stdout } = await run('--csv', 'simulation.csv', '--chart-dir', 'graphiques');
    const csv = await readFile(path.join(dir, 'simulation.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^code_insee,commune,service,exercice,contribution_cible,plafond,montant,/);
    expect(csv).toContain('69081,Écully,laclasse,2027,1425.55,1270.50,1270.50,transitoire,non,oui,oui,\n');
    expect(await readdir(path.join(dir, 'graphiques'))).toEqual(['convergence-laclasse.svg']);
    const svg = await readFile(path.join(dir, 'graphiques', 'convergence-laclasse.svg'), 'utf8');
    expect(svg).toContain('Convergence des contributions – laclasse.com (hypothèses : indice +0 %/an, population +0 %/an)');
    expect(stdout).toContain('Écrit : simulation.csv');
  });

  it('writes the projection as a workbook with --excel: amounts as numbers, codes as text, a total per exercice', async () => {
    const { stdout } = await run('--excel', 'projection.xlsx');
    expect(stdout).toContain('Écrit : projection.xlsx');
    const book = await loadWorkbook(path.join(dir, 'projection.xlsx'));
    expect(book.creator).toBe(EMETTEUR.nom);
    const projection = sheetContent(book.getWorksheet('Projection')!);
    const ecully2027 = projection.rows.find((r) => projection.cell(r, 'Code INSEE').value === '69081' && projection.cell(r, 'Exercice').value === 2027)!;
    expect(projection.cell(ecully2027, 'Montant projeté (€)')).toMatchObject({ value: 1270.5, numFmt: AMOUNT_FORMAT });
    expect(projection.cell(ecully2027, 'Contribution-cible (€)').value).toBe(1425.55);
    const byYear = sheetContent(book.getWorksheet('Montants par exercice')!);
    expect(byYear.headers.slice(3, 5)).toEqual(['2026 (€)', '2027 (€)']);
    const ecully = byYear.rows.find((r) => byYear.cell(r, 'Code INSEE').value === '69081')!;
    expect(byYear.cell(ecully, 'Année de convergence').value).toBe(2030);
    const total2027 = byYear.totalRow.getCell(byYear.column('2027 (€)')).value as { formula: string; result: number };
    const sum2027 = byYear.rows.reduce((s, r) => s + Number(byYear.cell(r, '2027 (€)').value ?? 0), 0);
    expect(total2027.result).toBeCloseTo(sum2027, 2);
    expect(total2027.formula).toMatch(/^SUBTOTAL\(9,E2:E\d+\)$/);
  });
});
