import { describe, expect, it } from 'vitest';
import { parseIndexSeries } from '../../../src/io/readers/index-series.js';

const SRC = { path: 'data/indices/syntec.csv', rel: 'indices/syntec.csv' };

describe('parseIndexSeries', () => {
  it('reads points sorted by month, skipping rows without value (gaps of the real series)', () => {
    const text = 'mois,valeur,publie_le,source\n2025-10,322.2,2025-11-28,"juristique, octobre"\n2025-11,,,NOT FOUND\n01/2025,"315,2",28/02/2025,x\n';
    const { series, problems } = parseIndexSeries(text, SRC, 'syntec');
    expect(problems).toEqual([]);
    expect(series.serie).toBe('syntec');
    expect(series.points.map((p) => [p.mois, p.valeur.toString(), p.publieLe, p.source.line])).toEqual([
      ['2025-01', '315.2', '2025-02-28', 4],
      ['2025-10', '322.2', '2025-11-28', 2],
    ]);
  });

  it('reports bad months, values, publication dates and duplicates', () => {
    const text = ['mois,valeur,publie_le', '2025-13,300,', '2025-01,0,', '2025-02,abc,', '2025-03,310,2025-03-15', '2025-04,311,', '2025-04,312,'].join('\n');
    const { problems } = parseIndexSeries(text, SRC, 'syntec');
    expect(problems.map((p) => [p.code, p.file, p.line, p.column])).toEqual([
      ['INVALID_MONTH', 'data/indices/syntec.csv', 2, 1],
      ['INDEX_NOT_POSITIVE', 'data/indices/syntec.csv', 3, 2],
      ['INVALID_AMOUNT', 'data/indices/syntec.csv', 4, 2],
      ['INDEX_PUBLISHED_TOO_EARLY', 'data/indices/syntec.csv', 5, 3],
      ['DUPLICATE_INDEX_MONTH', 'data/indices/syntec.csv', 7, 1],
    ]);
  });
});
