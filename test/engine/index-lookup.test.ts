/** R4 index known on 1 January N, publication dates, the expected month and its warning. */
import { describe, expect, it } from 'vitest';
import { expectedIndexMonth, indexForExercice, publicationDate } from '../../src/engine/index-lookup.js';
import { tariffIndex } from '../../src/engine/tariff-index.js';
import { dataset, laclasse, point, syntec } from './fixtures.js';

describe('R4 index lookup', () => {
  it('takes the last day of the following month when the publication date is absent', () => {
    expect(publicationDate(point('2025-09', '321.7'))).toBe('2025-10-31');
    expect(publicationDate(point('2024-01', '300'))).toBe('2024-02-29');
    expect(publicationDate(point('2025-10', '322.2', '2025-11-28'))).toBe('2025-11-28');
  });

  it('takes the latest month published on or before 1 January N', () => {
    const series = syntec([
      point('2025-10', '322.2', '2025-11-28'),
      point('2025-11', '323.0'), // published by default on 31/12/2025: known on 1 January 2026
      point('2025-12', '324.0', '2026-01-02'), // published after 1 January
    ]);
    expect(indexForExercice(series, 2026)?.mois).toBe('2025-11');
    const early = syntec([point('2025-10', '322.2', '2025-11-28'), point('2025-11', '323.0', '2026-01-01')]);
    expect(indexForExercice(early, 2026)?.mois).toBe('2025-11');
  });

  it('expects November N-1', () => {
    expect(expectedIndexMonth(2026)).toBe('2025-11');
    expect(expectedIndexMonth(2028)).toBe('2027-11');
  });

  it('warns when the month found is older than expected, not otherwise', () => {
    const old = tariffIndex(dataset({ adhesions: [] }), laclasse(), 2026);
    expect(old.warnings.map((w) => w.code)).toEqual(['INDICE_MOIS_ANCIEN']);
    expect(old.warnings[0].severity).toBe('warning');
    const complete = dataset({
      adhesions: [],
      indices: new Map([['syntec', syntec([point('2025-01', '315.2', '2025-02-28'), point('2025-11', '323.0')])]]),
    });
    expect(tariffIndex(complete, laclasse(), 2026).warnings).toEqual([]);
  });

  it('reports an exercice with no value known on 1 January, and a missing reference month', () => {
    const data = dataset({ adhesions: [], indices: new Map([['syntec', syntec([point('2025-10', '322.2', '2025-11-28')])]]) });
    expect(tariffIndex(data, laclasse(), 2025).errors.map((e) => e.code)).toEqual(['INDICE_NON_CONNU', 'INDEX_REFERENCE_MISSING']);
  });
});
