import { adhesionFields } from '../../src/engine/adhesion-table.js';
import iconv from 'iconv-lite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adhesionSource, type Dataset } from '../../src/engine/dataset.js';
import { formatProblem, type Problem } from '../../src/errors/problem.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { readDataset } from '../../src/io/read-dataset.js';
import { MINIMAL } from './helpers/minimal-dataset.js';
import { makeTempDir } from './helpers/temp-dir.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function dataset(files: Record<string, string | Uint8Array>): Promise<string> {
  const tmp = await makeTempDir();
  cleanups.push(tmp.cleanup);
  for (const [rel, content] of Object.entries(files)) await tmp.write(rel, content);
  return tmp.dir;
}

async function problemsOf(dir: string): Promise<Problem[]> {
  try {
    await readDataset(dir);
  } catch (e) {
    if (e instanceof TitresError && e.kind === 'data') return [...e.problems];
    throw e;
  }
  throw new Error('expected a data error');
}

/** A comparable summary of a dataset (Decimals as strings). */
function summary(d: Dataset) {
  return JSON.stringify(
    {
      communes: [...d.communes.values()],
      populations: [...d.populations.values()].map((t) => ({ ...t, byCommune: [...t.byCommune] })),
      adhesions: Array.from(d.adhesions, (a) => ({ ...adhesionFields(a), options: [...a.options] })),
      indices: [...d.indices.values()],
    },
    (_k, v) => (v !== null && typeof v === 'object' && typeof v.toFixed === 'function' ? v.toString() : v),
  );
}

describe('readDataset', () => {
  it('reads the bundled Métropole de Lyon sample with no problem', async () => {
    const dir = path.join(ROOT, 'samples/metropole-de-lyon');
    const { dataset: d, warnings } = await readDataset(dir);
    expect(warnings).toEqual([]);
    expect(d.communes.size).toBe(58);
    expect([...d.populations.keys()]).toEqual([2025, 2026, 2027]);
    expect(d.populations.get(2026)?.byCommune.get('69081')).toMatchObject({ municipale: 17944, totale: 18243 });
    expect(Array.from(d.adhesions).find((a) => a.codeInsee === '69081' && a.service === 'laclasse')?.montantAnterieur?.toFixed(2)).toBe('1100.00');
    const syntec = d.indices.get('syntec');
    const point = (mois: string) => syntec?.points.find((p) => p.mois === mois);
    expect([point('2025-01')?.valeur.toString(), point('2025-01')?.publieLe]).toEqual(['315.2', '2025-02-28']);
    expect([point('2025-10')?.valeur.toString(), point('2025-10')?.publieLe]).toEqual(['322.2', '2025-11-28']);
    expect(d.config.services.get('data-grandlyon')?.gratuit).toBe(true);
  });

  it('cites dataset-relative files in the dataset and user paths in problems', async () => {
    const dir = await dataset({ ...MINIMAL, 'adhesions.csv': MINIMAL['adhesions.csv'] + '69081,laclasse,2025-12-18,,,,,,\n' });
    const problems = await problemsOf(dir);
    expect(problems.map(formatProblem)).toEqual([
      `${path.join(dir, 'adhesions.csv')}:6:2: erreur DUPLICATE_ADHESION: adhésion de « 69081 » au service « laclasse » déjà décrite ligne 2 (une ligne par commune et service)`,
    ]);
    const ok = await readDataset(await dataset(MINIMAL));
    expect(adhesionSource(ok.dataset.adhesions.at(0)!)).toEqual({ file: 'adhesions.csv', line: 2 });
    expect(ok.dataset.populations.get(2026)?.file).toBe('populations/2026.csv');
    expect(ok.dataset.populations.get(2026)?.byCommune.get('69081')?.line).toBe(2);
  });

  it('reports every problem of every file at once, sorted by file and line', async () => {
    const config = JSON.parse(MINIMAL['config.json']);
    config.services.laclasse.indice.reference = '2024-12';
    config.services.toodego.indice.serie = 'insee';
    config.delai_paiement_jours = -1;
    const dir = await dataset({
      'config.json': JSON.stringify(config, null, 2),
      'communes.csv': 'code_insee,nom,siren,adresse,code_postal,ville\n69081,Écully,216900812,Hôtel de ville,69130,Écully\n',
      'populations/2026.csv': 'code_insee,population_municipale,population_totale\n69081,18243,17944\n',
      'populations/notes.csv': 'x\n',
      'adhesions.csv': 'code_insee,service,date_signature,options\n69082,laclasse,2025-12-32,\n69081,toodego,2025-12-18,connecteur=1\n',
      'indices/syntec.csv': 'mois,valeur\n2025-10,abc\n',
    });
    const problems = await problemsOf(dir);
    const rel = (p: Problem) => path.relative(dir, p.file ?? '');
    expect(problems.map((p) => [rel(p), p.line, p.column, p.code, p.severity])).toEqual([
      ['adhesions.csv', 2, 1, 'UNKNOWN_COMMUNE', 'error'],
      ['adhesions.csv', 2, 3, 'INVALID_DATE', 'error'],
      ['adhesions.csv', 3, 4, 'UNKNOWN_OPTION', 'error'],
      ['communes.csv', 2, 3, 'INVALID_SIREN', 'error'],
      ['config.json', 40, 22, 'INDEX_REFERENCE_MISSING', 'error'],
      ['config.json', 63, 27, 'CONFIG_INVALID_VALUE', 'error'],
      ['indices/insee.csv', undefined, undefined, 'INPUT_FILE_MISSING', 'error'],
      ['indices/syntec.csv', 2, 2, 'INVALID_AMOUNT', 'error'],
      ['populations/2026.csv', 2, 3, 'POPULATION_TOTALE_BELOW_MUNICIPALE', 'error'],
      ['populations/notes.csv', undefined, undefined, 'POPULATION_FILE_IGNORED', 'warning'],
    ]);
    expect(problems.find((p) => p.code === 'INPUT_FILE_MISSING')?.message).toContain('« toodego »');
    expect(problems.find((p) => p.code === 'INDEX_REFERENCE_MISSING')?.message).toContain('« 2024-12 »');
  });

  it('a montant antérieur on a free service is a warning: the dataset is read, the batch not blocked (data contract, R2)', async () => {
    const dir = await dataset({ ...MINIMAL, 'adhesions.csv': MINIMAL['adhesions.csv'].replace('69081,geonet,2025-12-18,,,', '69081,geonet,2025-12-18,,"350,00",') });
    const { dataset: d, warnings } = await readDataset(dir);
    expect(warnings.map((p) => [path.relative(dir, p.file ?? ''), p.line, p.column, p.code, p.severity])).toEqual([
      ['adhesions.csv', 5, 5, 'FREE_SERVICE_AMOUNT_IGNORED', 'warning'],
    ]);
    expect(Array.from(d.adhesions).find((a) => a.service === 'geonet')?.montantAnterieur).toBeUndefined();
  });

  it('reports missing files and folders', async () => {
    const dir = await dataset({ 'config.json': MINIMAL['config.json'] });
    const problems = await problemsOf(dir);
    expect(problems.map((p) => [path.relative(dir, p.file ?? ''), p.code])).toEqual([
      ['adhesions.csv', 'INPUT_FILE_MISSING'],
      ['communes.csv', 'INPUT_FILE_MISSING'],
      ['indices/syntec.csv', 'INPUT_FILE_MISSING'],
      ['populations', 'INPUT_FILE_MISSING'],
    ]);
  });

  it('reads Windows-1252 files with ; and French formats exactly like their UTF-8 twin', async () => {
    const utf8 = await readDataset(await dataset(MINIMAL));
    const win = await readDataset(
      await dataset({
        ...MINIMAL,
        'communes.csv': iconv.encode(
          'code_insee;nom;siren;adresse;code_postal;ville\r\n69081;Écully;216900811;Hôtel de ville;69130;Écully\r\n69123;Lyon;216901231;1, place de la Comédie;69001;Lyon\r\n69003;Albigny-sur-Saône;216900035;Hôtel de ville;69250;Albigny-sur-Saône\r\n',
          'win1252',
        ),
        'populations/2026.csv': iconv.encode('code_insee;population_municipale;population_totale\r\n69081;17\u00a0944;18\u00a0243\r\n69123;519\u00a0127;525\u00a0314\r\n69003;3\u00a0057;3\u00a0103\r\n', 'win1252'),
        'adhesions.csv': iconv.encode(
          'code_insee;service;date_signature;date_debut;montant_anterieur;date_fin;motif_fin;date_preavis;options\r\n69081;laclasse;18/12/2025;;1\u00a0100,00;;;;\r\n69003;laclasse;15/09/2026;;;;;;\r\n69123;toodego;15/12/2025;01/01/2026;;;;;connecteurs=2\r\n69081;geonet;18/12/2025;;;;;;\r\n',
          'win1252',
        ),
        'indices/syntec.csv': iconv.encode('mois;valeur;publie_le\r\n01/2025;315,2;28/02/2025\r\n10/2025;322,2;28/11/2025\r\n', 'win1252'),
      }),
    );
    expect(win.warnings).toEqual([]);
    expect(summary(win.dataset)).toEqual(summary(utf8.dataset));
    expect(win.dataset.communes.get('69003')?.nom).toBe('Albigny-sur-Saône');
  });

  it('strips a UTF-8 BOM before the header', async () => {
    const bom = '\ufeff';
    const d = await readDataset(await dataset({ ...MINIMAL, 'communes.csv': bom + MINIMAL['communes.csv'], 'config.json': bom + MINIMAL['config.json'] }));
    expect(d.dataset.communes.get('69081')?.codeInsee).toBe('69081');
  });
});
