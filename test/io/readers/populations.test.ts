import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/io/read-input-file.js';
import { parsePopulations } from '../../../src/io/readers/populations.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/insee');
const fixture = (name: string) => decodeText(readFileSync(path.join(FIXTURES, name))).text;
const SRC = { path: 'data/populations/2026.csv', rel: 'populations/2026.csv' };
const COMMUNES = new Set(['69003', '69029', '69081', '69123']);
const figures = (t: ReturnType<typeof parsePopulations>['table'], code: string) => {
  const f = t.byCommune.get(code);
  return f && [f.municipale, f.totale, f.line];
};

describe('parsePopulations, simple form', () => {
  it('reads figures and keeps only the dataset communes, warning about others', () => {
    const text = 'code_insee;population_municipale;population_totale\n69081;17 944;18 243\n99999;1;1\n';
    const { table, problems } = parsePopulations(text, SRC, 2026, COMMUNES);
    expect(table).toMatchObject({ exercice: 2026, file: 'populations/2026.csv', format: 'simple' });
    expect(figures(table, '69081')).toEqual([17944, 18243, 2]);
    expect([...table.byCommune.keys()]).toEqual(['69081']);
    expect(problems).toMatchObject([{ code: 'POPULATION_UNKNOWN_COMMUNE', severity: 'warning', line: 3, column: 1 }]);
  });

  it('reports negative, non-integer, inconsistent and duplicate figures with positions', () => {
    const text = [
      'code_insee,population_municipale,population_totale',
      '69081,-5,18243',
      '69029,42982.5,43369',
      '69003,3103,3057',
      '69123,1,1',
      '69123,2,2',
    ].join('\n');
    const { problems } = parsePopulations(text, SRC, 2026, COMMUNES);
    expect(problems.map((p) => [p.code, p.file, p.line, p.column])).toEqual([
      ['NEGATIVE_POPULATION', 'data/populations/2026.csv', 2, 2],
      ['INVALID_INTEGER', 'data/populations/2026.csv', 3, 2],
      ['POPULATION_TOTALE_BELOW_MUNICIPALE', 'data/populations/2026.csv', 4, 3],
      ['DUPLICATE_POPULATION', 'data/populations/2026.csv', 6, 1],
    ]);
    expect(problems[0].message).toContain('« -5 »');
  });

  it('rejects an unknown header', () => {
    const { problems } = parsePopulations('insee,pop\n69081,1\n', SRC, 2026, COMMUNES);
    expect(problems).toMatchObject([{ code: 'POPULATION_FORMAT_UNKNOWN', line: 1 }]);
  });
});

describe('parsePopulations, INSEE donnees_communes.csv', () => {
  it('reads the 2021+ header (CRLF, ;) and sums Lyon from its arrondissements (R3)', () => {
    const { table, problems } = parsePopulations(fixture('donnees_communes_2023_extrait.csv'), SRC, 2026, COMMUNES);
    expect(problems).toEqual([]);
    expect(table.format).toBe('insee-2021');
    expect(figures(table, '69081')).toEqual([17944, 18243, 6]);
    expect(figures(table, '69003')).toEqual([3057, 3103, 4]);
    const lyon = table.byCommune.get('69123');
    expect(lyon).toMatchObject({ municipale: 519127, totale: 525314, line: 7 });
    expect(lyon?.sommeArrondissements).toEqual(['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389']);
    expect([...table.byCommune.keys()]).toEqual(['69003', '69029', '69081', '69123']);
  });

  it('reads the 2020 header, building the code from CODDEP + CODCOM', () => {
    const { table, problems } = parsePopulations(fixture('donnees_communes_2020_extrait.csv'), SRC, 2023, new Set(['69081', '69123', '97101']));
    expect(problems).toEqual([]);
    expect(table.format).toBe('insee-2020');
    expect(figures(table, '69081')).toEqual([18789, 19142, 2]);
    expect(table.byCommune.get('69123')).toMatchObject({ municipale: 519127, totale: 525314 });
    expect(figures(table, '97101')).toEqual([53008, 53816, 13]);
  });

  it('warns when Lyon is summed from an incomplete set of arrondissements', () => {
    const text = 'REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\r\n84;ARA;69;1;99;381;69381;Lyon 1er;10;1;11\r\n';
    const { table, problems } = parsePopulations(text, SRC, 2026, COMMUNES);
    expect(table.byCommune.get('69123')).toMatchObject({ municipale: 10, totale: 11, sommeArrondissements: ['69381'] });
    expect(problems).toMatchObject([{ code: 'LYON_ARRONDISSEMENTS_INCOMPLETE', severity: 'warning', line: 2 }]);
  });

  it('reads a whole-France file (~35 000 rows) keeping the right rows and lines', () => {
    const lines = ['REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT'];
    const expected = new Map<string, [number, number, number]>();
    for (let i = 0; i < 35_000; i++) {
      const dep = String(1 + (i % 95) + (i % 95 >= 68 ? 1 : 0)).padStart(2, '0'); // département 69 only below
      const codcom = String(100 + Math.floor(i / 95)).padStart(3, '0');
      let code = dep + codcom;
      if (i === 20_000) code = '69081';
      if (i === 30_000) code = '69003';
      if (i >= 25_000 && i < 25_009) code = `6938${i - 24_999}`;
      const pmun = 1000 + (i % 977);
      lines.push(`84;Région ${dep};${dep};1;01;${code.slice(2)};${code};Commune ${i};${pmun};7;${pmun + 7}`);
      if (code === '69081' || code === '69003') expected.set(code, [pmun, pmun + 7, lines.length]);
    }
    const text = lines.join('\r\n') + '\r\n';
    const { table, problems } = parsePopulations(text, SRC, 2026, COMMUNES);
    expect(problems).toEqual([]);
    expect(figures(table, '69081')).toEqual(expected.get('69081'));
    expect(figures(table, '69003')).toEqual(expected.get('69003'));
    expect(table.byCommune.get('69123')?.sommeArrondissements).toHaveLength(9);
    expect([...table.byCommune.keys()]).toEqual(['69003', '69081', '69123']);
  });
});
