/** R3–R4 figures on the titre: population, index known on 1 January N, coefficient, contribution-cible. */
import { describe, expect, it } from 'vitest';
import { contributionCible } from '../../src/engine/contribution-cible.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, config, d, dataset, ECULLY, EMPTY, laclasse, point, syntec, toodego } from './fixtures.js';

describe('R4 contribution-cible', () => {
  it('E1: (F + options + h × population) × coef, every intermediate exact', () => {
    const coefficient = d('322.2').div(d('315.2'));
    const cc = contributionCible(d('300.00'), d('0'), d('0.06'), 18243, coefficient);
    expect(cc.fixed.toString()).toBe('300');
    expect(cc.perHeadTotal.toString()).toBe('1094.58');
    expect(cc.base.toString()).toBe('1394.58');
    expect(cc.exact.eq(d('1394.58').times(coefficient))).toBe(true);
    expect(cc.cible.toFixed(2)).toBe('1425.55');
    const withOptions = contributionCible(d('500.00'), d('800.00'), d('0.02'), 18243, d('1'));
    expect([withOptions.fixed.toString(), withOptions.base.toString(), withOptions.cible.toString()]).toEqual(['1300', '1664.86', '1664.86']);
  });

  it('E1 liquidation: population, index and cible lines, word for word', () => {
    const titre = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY })] }), EMPTY, at2026).documents[0];
    // toStrictEqual: a line without a source has no `source` key at all (--json and the embedded data
    // would print it as null), which toEqual would not tell from an undefined one
    expect(titre.liquidation).toStrictEqual([
      {
        ref: 'R3 – art. 10.1',
        libelle: 'Population totale en vigueur au 1er janvier 2026 (INSEE, populations légales millésime 2023) : 18\u202f243 habitants',
        source: 'populations/2026.csv, ligne 4',
      }, // 69033, 69071, 69081: the fixture's 3rd row
      {
        ref: 'R4 – art. 10.1',
        libelle:
          'Indice Syntec connu au 1er janvier 2026 : octobre 2025 = 322,2 (publié le 28/11/2025) ; indice de référence du tarif : janvier 2025 = 315,2 (publié le 28/02/2025)',
        source: 'coefficient = 322.2 / 315.2 = 1.022208121827',
      },
      { ref: 'R4 – annexe laclasse.com §6', libelle: 'Contribution-cible : 300,00 € + 0,06 € × 18\u202f243 hab. = 1\u202f394,58 € ; 1\u202f394,58 € × 322,2 / 315,2 = 1\u202f425,55 € (arrondi au centime)', montant: '1425.55' },
      { ref: 'R4 – annexe laclasse.com §6', libelle: "Montant dû au titre de l'exercice 2026 : 1\u202f425,55 €", montant: '1425.55' },
    ]);
    expect(titre.figures).toEqual({
      population: 18243,
      populationType: 'totale',
      populationFichier: 'populations/2026.csv',
      populationLigne: 4,
      indiceSerie: 'syntec',
      indiceMois: '2025-10',
      indiceValeur: '322.2',
      indicePublieLe: '2025-11-28',
      indiceReferenceMois: '2025-01',
      indiceReferenceValeur: '315.2',
      indiceReferencePublieLe: '2025-02-28',
      coefficient: '1.022208121827',
      forfait: '300.00',
      parHabitant: '0.06',
      contributionCible: '1425.55',
      dateDebut: '2026-01-01',
      dateFin: '2026-12-31',
    });
  });

  it('a value without publication date is deemed published at the end of the following month', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY })],
      indices: new Map([['syntec', syntec([point('2025-01', '315.2'), point('2025-11', '323.0')])]]),
    });
    const titre = planExercice(data, EMPTY, at2026).documents[0];
    expect(titre.liquidation[1].libelle).toBe(
      'Indice Syntec connu au 1er janvier 2026 : novembre 2025 = 323,0 (publication réputée le 31/12/2025, fin du mois suivant) ; ' +
        'indice de référence du tarif : janvier 2025 = 315,2 (publication réputée le 28/02/2025, fin du mois suivant)',
    );
    expect(titre.figures).toMatchObject({ indicePublieLe: '2025-12-31', indiceReferencePublieLe: '2025-02-28', indiceValeur: '323' });
  });

  it('a service without annex in the convention cites art. 10.1; a per-head price with 3 decimals keeps them', () => {
    const titre = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: ECULLY, service: 'toodego' })], config: config([laclasse(), toodego({ parHabitant: d('0.025') })]) }),
      EMPTY,
      at2026,
    ).documents[0];
    // (500 + 0,025 × 18 243) × 322,2/315,2 = 956,075 × 1,022208… = 977,31
    expect(titre.liquidation.find((l) => l.libelle.startsWith('Contribution-cible'))).toEqual({
      ref: 'R4 – art. 10.1',
      libelle: 'Contribution-cible : 500,00 € + 0,025 € × 18\u202f243 hab. = 956,075 € ; 956,075 € × 322,2 / 315,2 = 977,31 € (arrondi au centime)',
      montant: '977.31',
    });
    expect(titre.figures.parHabitant).toBe('0.025');
  });
});
