/** R2 options (avenant n°1 art. 1): quantity × yearly unit price, added to the forfait; free services. */
import { describe, expect, it } from 'vitest';
import { optionsDetail, optionsTotal, optionUses } from '../../src/engine/options.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, config, d, dataset, ECULLY, EMPTY, thrownError, toodego } from './fixtures.js';

const service = toodego({
  options: new Map([
    ['connecteurs', { id: 'connecteurs', libelle: 'Maintenance des connecteurs', prixUnitaire: d('250.00') }],
    ['formation', { id: 'formation', libelle: 'Journées de formation', prixUnitaire: d('100.00') }],
    ['hebergement', { id: 'hebergement', libelle: 'Hébergement', prixUnitaire: d('40.00') }],
  ]),
});
// listed out of order, one with quantity 0, one unknown to the service (the readers reject those)
const twoOptions = adhesion({
  codeInsee: ECULLY,
  service: 'toodego',
  options: new Map([
    ['formation', 3],
    ['hebergement', 0],
    ['inconnue', 5],
    ['connecteurs', 2],
  ]),
});

describe('R2 options', () => {
  it('keeps the options with a quantity, in id order, each quantity × unit price', () => {
    const uses = optionUses(service, twoOptions);
    expect(uses.map((u) => [u.option.id, u.quantity, u.amount.toFixed(2)])).toEqual([
      ['connecteurs', 2, '500.00'],
      ['formation', 3, '300.00'],
    ]);
    expect(optionsTotal(uses).toFixed(2)).toBe('800.00');
    expect(optionsDetail(uses)).toBe('connecteurs=2×250.00|formation=3×100.00');
    expect(optionsTotal([]).toString()).toBe('0');
    expect(optionsDetail([])).toBe('');
  });

  it('two options on one adhesion: one line each, then the cible with F + options', () => {
    const titre = planExercice(dataset({ adhesions: [twoOptions], config: config([service]) }), EMPTY, at2026).documents[0];
    // (500 + 800 + 0,02 × 18 243) × 322,2/315,2 = 1 664,86 × 1,022208… = 1 701,83
    expect(titre.montant.toFixed(2)).toBe('1701.83');
    expect(titre.liquidation.filter((l) => l.ref.startsWith('R2') || l.ref.startsWith('R4 – art'))).toEqual([
      { ref: 'R2 – avenant n° 1, art. 1', libelle: 'Option « Maintenance des connecteurs » : 2 × 250,00 € = 500,00 € par an, ajoutés au forfait', montant: '500.00', source: 'option connecteurs' },
      { ref: 'R2 – avenant n° 1, art. 1', libelle: 'Option « Journées de formation » : 3 × 100,00 € = 300,00 € par an, ajoutés au forfait', montant: '300.00', source: 'option formation' },
      expect.objectContaining({ ref: 'R4 – art. 10.1', libelle: expect.stringMatching(/^Indice Syntec/) }),
      {
        ref: 'R4 – art. 10.1',
        libelle: "Contribution-cible : 500,00 € + 800,00 € d'options + 0,02 € × 18\u202f243 hab. = 1\u202f664,86 € ; 1\u202f664,86 € × 322,2 / 315,2 = 1\u202f701,83 € (arrondi au centime)",
        montant: '1701.83',
      },
      { ref: 'R4 – art. 10.1', libelle: "Montant dû au titre de l'exercice 2026 : 1\u202f701,83 €", montant: '1701.83' },
    ]);
    expect(titre.figures).toMatchObject({ optionsMontant: '800.00', optionsDetail: 'connecteurs=2×250.00|formation=3×100.00', forfait: '500.00', parHabitant: '0.02' });
  });

  it('an adhesion without options: no option line, no options figure, no options in the formula', () => {
    const titre = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY, service: 'toodego' })], config: config([service]) }), EMPTY, at2026).documents[0];
    expect(titre.montant.toFixed(2)).toBe('884.07');
    expect(titre.liquidation.some((l) => l.ref.startsWith('R2'))).toBe(false);
    expect(titre.liquidation.find((l) => l.libelle.startsWith('Contribution-cible'))?.libelle).toBe(
      'Contribution-cible : 500,00 € + 0,02 € × 18\u202f243 hab. = 864,86 € ; 864,86 € × 322,2 / 315,2 = 884,07 € (arrondi au centime)',
    );
    expect(titre.figures.optionsMontant).toBeUndefined();
    expect(titre.figures.optionsDetail).toBeUndefined();
  });

  it('free services never give a titre, each one says so', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: ECULLY, service: 'data-grandlyon' }), adhesion({ codeInsee: ECULLY, service: 'geonet' })] }),
      EMPTY,
      at2026,
    );
    expect(plan.documents).toEqual([]);
    expect(plan.sansTitre).toEqual([
      { codeInsee: ECULLY, commune: 'Écully', service: 'data-grandlyon', motif: 'gratuit', detail: "service gratuit « data.grandlyon.com » : aucun titre n'est émis (R2)" },
      { codeInsee: ECULLY, commune: 'Écully', service: 'geonet', motif: 'gratuit', detail: "service gratuit « Geonet » : aucun titre n'est émis (R2)" },
    ]);
  });

  it('an adhesion to a service absent from config.json is a data error on its line', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, service: 'inconnu' })] });
    const e = thrownError(() => planExercice(data, EMPTY, at2026));
    expect(e.kind).toBe('data');
    expect(e.problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_SERVICE', message: 'service « inconnu » absent de config.json', file: 'adhesions.csv', line: data.adhesions.at(0)!.line })]);
  });
});
