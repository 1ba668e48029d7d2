/** R3 population: totale by default, municipale per service, Lyon's arrondissements, errors. */
import { describe, expect, it } from 'vitest';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { populationFor } from '../../src/engine/population.js';
import { adhesion, at2026, config, dataset, ECULLY, EMPTY, laclasse, LYON, populationTable, SMALL, thrownError } from './fixtures.js';

describe('R3 population', () => {
  it('uses the population totale by default and the municipale when the service says so', () => {
    const totale = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY })] }), EMPTY, at2026);
    expect(totale.documents[0].figures).toMatchObject({ population: 18243, populationType: 'totale' });
    const municipale = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: ECULLY })], config: config([laclasse({ population: 'municipale' })]) }),
      EMPTY,
      at2026,
    );
    // (300 + 0,06 × 17 944) × 322,2 / 315,2 = 1 376,64 × 1,022208… = 1 407,21
    expect(municipale.documents[0].montant.toFixed(2)).toBe('1407.21');
    expect(municipale.documents[0].liquidation.some((l) => l.libelle.startsWith('Population municipale en vigueur au 1er janvier 2026 (INSEE, populations légales millésime 2023) : 17\u202f944 habitants'))).toBe(true);
  });

  it('cites INSEE and the millésime on the document, the file and line in the source; Lyon is the sum of its arrondissements', () => {
    const table = populationTable(2026, { [LYON]: [500000, 510000] });
    table.byCommune.get(LYON)!.sommeArrondissements = ['69381', '69382', '69383'];
    const data = dataset({ adhesions: [adhesion({ codeInsee: LYON })], populations: new Map([[2026, table]]) });
    const line = planExercice(data, EMPTY, at2026).documents[0].liquidation.find((l) => l.ref.startsWith('R3'));
    expect(line?.libelle).toBe('Population totale en vigueur au 1er janvier 2026 (INSEE, populations légales millésime 2023) : 510\u202f000 habitants');
    expect(line?.source).toBe('somme des arrondissements 69381, 69382, 69383 ; populations/2026.csv, ligne 2');
  });

  it('reports a missing populations/N.csv, naming the file', () => {
    const r = populationFor(new Map(), ECULLY, 'Écully', 'totale', 2027, { file: 'adhesions.csv', line: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: 'POPULATION_FICHIER_ABSENT', file: 'populations/2027.csv' });
  });

  it('reports a commune missing from the table as a data error on the adhesion line, never a zero', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY }), adhesion({ codeInsee: SMALL })],
      populations: new Map([[2026, populationTable(2026, { [ECULLY]: [17944, 18243] })]]),
    });
    const e = thrownError(() => planExercice(data, EMPTY, at2026));
    expect(e.kind).toBe('data');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ code: 'POPULATION_COMMUNE_ABSENTE', file: 'adhesions.csv', line: data.adhesions.at(1)!.line });
    expect(e.problems[0].message).toContain('« populations/2026.csv »');
  });
});

describe('R3 wording of a missing population', () => {
  const source = { file: 'adhesions.csv', line: 3 };

  it('names the missing file and the exercice', () => {
    expect(populationFor(new Map(), ECULLY, 'Écully', 'totale', 2027, source)).toEqual({
      ok: false,
      problem: expect.objectContaining({
        code: 'POPULATION_FICHIER_ABSENT',
        file: 'populations/2027.csv',
        message: "fichier « populations/2027.csv » absent : les populations en vigueur au 01/01/2027 sont nécessaires pour l'exercice 2027 (R3)",
      }),
    });
  });

  it('names the commune, the file read and the exercice, on the adhesion line', () => {
    const populations = new Map([[2026, { ...populationTable(2026, { [SMALL]: [3050, 3103] }), file: 'populations/donnees_communes.csv' }]]);
    expect(populationFor(populations, ECULLY, 'Écully', 'totale', 2026, source)).toEqual({
      ok: false,
      problem: expect.objectContaining({
        code: 'POPULATION_COMMUNE_ABSENTE',
        file: 'adhesions.csv',
        line: 3,
        message: "population de la commune « 69081 » (Écully) absente de « populations/donnees_communes.csv » : elle est nécessaire pour l'exercice 2026 (R3)",
      }),
    });
  });

  it('returns the figure of the kind asked, with its file and line', () => {
    const populations = new Map([[2026, populationTable(2026, { [SMALL]: [3050, 3103] })]]);
    expect(populationFor(populations, SMALL, 'Cailloux', 'municipale', 2026, source)).toEqual({
      ok: true,
      population: { value: 3050, kind: 'municipale', exercice: 2026, file: 'populations/2026.csv', line: 2 },
    });
    expect(populationFor(populations, SMALL, 'Cailloux', 'totale', 2026, source)).toMatchObject({ ok: true, population: { value: 3103, kind: 'totale' } });
  });
});
