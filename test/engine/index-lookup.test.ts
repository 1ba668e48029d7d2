/** R4 index known on 1 January N, publication dates, the expected month and its warning. */
import { describe, expect, it } from 'vitest';
import { expectedIndexMonth, indexForExercice, indexKnownOn, indexPointOfMonth, publicationDate } from '../../src/engine/index-lookup.js';
import { dec } from '../../src/engine/money.js';
import { tariffIndex } from '../../src/engine/tariff-index.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, dataset, ECULLY, EMPTY, laclasse, point, SMALL, syntec } from './fixtures.js';

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

describe('R4 wording of the index problems', () => {
  it('a series absent from the dataset', () => {
    const r = tariffIndex(dataset({ adhesions: [], indices: new Map() }), laclasse(), 2026);
    expect(r.index).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        code: 'INDICE_SERIE_ABSENTE',
        file: 'indices/syntec.csv',
        message: "série d'indice « syntec » absente (fichier « indices/syntec.csv ») : elle révise le tarif du service « laclasse » (R4)",
      }),
    ]);
  });

  it('nothing known on 1 January N, and the reference month absent', () => {
    const data = dataset({ adhesions: [], indices: new Map([['syntec', syntec([point('2025-10', '322.2', '2025-11-28')])]]) });
    const r = tariffIndex(data, laclasse(), 2025);
    expect(r.index).toBeUndefined();
    expect(r.errors.map((e) => [e.file, e.message])).toEqual([
      ['indices/syntec.csv', "aucune valeur de la série « syntec » n'est publiée au 01/01/2025 : S(2025) est inconnu (R4)"],
      ['indices/syntec.csv', 'valeur de référence « 2025-01 » absente de la série « syntec » : S(ref) du service « laclasse » est inconnu (R4)'],
    ]);
    // the reference alone missing: no index either
    const noRef = tariffIndex(data, laclasse(), 2026);
    expect(noRef.index).toBeUndefined();
    expect(noRef.errors.map((e) => e.code)).toEqual(['INDEX_REFERENCE_MISSING']);
  });

  it('a month older than expected: the warning names both months and the line', () => {
    const r = tariffIndex(dataset({ adhesions: [] }), laclasse(), 2026);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'INDICE_MOIS_ANCIEN',
        severity: 'warning',
        file: 'indices/syntec.csv',
        line: 5,
        message: 'indice « syntec » connu au 01/01/2026 : « 10/2025 », plus ancien que le mois attendu « 11/2025 » ; la série est peut-être incomplète (R4)',
      }),
    ]);
    expect(r.index).toMatchObject({ serie: 'syntec', file: 'indices/syntec.csv', current: { mois: '2025-10' }, reference: { mois: '2025-01' } });
    expect(r.index?.coefficient.eq(dec('322.2').div(dec('315.2')))).toBe(true);
  });

  it('the plan carries that warning once, whatever the number of adhesions it concerns', () => {
    const plan = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY }), adhesion({ codeInsee: SMALL })] }), EMPTY, at2026);
    expect(plan.documents).toHaveLength(2);
    expect(plan.avertissements.map((w) => [w.code, w.line])).toEqual([['INDICE_MOIS_ANCIEN', 5]]);
  });

  it('the value known on a date: published that very day counts, the latest month wins whatever the order', () => {
    const series = { serie: 'syntec', file: 'x', points: [point('2025-10', '322.2', '2025-11-28'), point('2025-09', '321.7', '2025-10-30'), point('2025-11', '323', '2025-12-30')] };
    expect(indexKnownOn(series, '2025-11-28')?.mois).toBe('2025-10');
    expect(indexKnownOn(series, '2025-11-27')?.mois).toBe('2025-09');
    expect(indexKnownOn(series, '2025-10-29')).toBeUndefined();
    expect(indexKnownOn(series, '2026-01-01')?.mois).toBe('2025-11');
    expect(indexPointOfMonth(series, '2025-09')?.valeur.toString()).toBe('321.7');
    expect(indexPointOfMonth(series, '2025-08')).toBeUndefined();
  });
});
