/** The worked examples E1–E7 of tariff-rules.md, to the cent, through planExercice. */
import { describe, expect, it } from 'vitest';
import { planExercice } from '../../src/engine/plan-exercice.js';
import {
  adhesion,
  amount,
  at2026,
  late2026,
  config,
  d,
  dataset,
  ECULLY,
  EMPTY,
  issued,
  laclasse,
  point,
  populations,
  POPULATIONS_2026,
  SMALL,
  SYNTEC_2025,
  syntec,
} from './fixtures.js';

describe('worked examples of tariff-rules.md', () => {
  it('E1 cible 2026: Écully, population totale 18 243 → 1 425,55 €', () => {
    const plan = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY })] }), EMPTY, at2026);
    const titre = plan.documents[0];
    expect(titre.montant.toFixed(2)).toBe('1425.55');
    expect(titre.regime).toBe('cible');
    expect(titre.contributionCible?.toFixed(2)).toBe('1425.55');
    expect(titre.figures.coefficient).toBe(d('322.2').div(d('315.2')).toFixed(12));
    // no montant antérieur: no transitional regime, so no convergence flag at all (the journal's
    // « converge » column stays empty, R5)
    expect('converge' in titre).toBe(false);
  });

  it('E2 transitoire 2026, capped: P = 1 100,00 € → 1 210,00 €, not converged', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })] }),
      EMPTY,
      at2026,
    );
    const titre = plan.documents[0];
    expect(titre.montant.toFixed(2)).toBe('1210.00');
    expect(titre.regime).toBe('transitoire');
    expect(titre.converge).toBe(false);
    expect(titre.figures.plafond).toBe('1210.00');
    expect(titre.contributionCible?.toFixed(2)).toBe('1425.55');
  });

  it('E3 transitoire 2026, lower target: P = 2 000,00 € → 1 425,55 €, converged', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('2000.00') })] }),
      EMPTY,
      at2026,
    );
    expect(plan.documents[0].montant.toFixed(2)).toBe('1425.55');
    expect(plan.documents[0].converge).toBe(true);
  });

  it('E4 transitoire 2027: index 330,0, population 18 400, A(2026) = 1 210,00 € → 1 270,50 €', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })],
      populations: populations([2026, 2027], POPULATIONS_2026, { 2027: { [ECULLY]: [18100, 18400] } }),
      indices: new Map([['syntec', syntec([...SYNTEC_2025, point('2026-10', '330.0', '2026-11-27')])]]),
    });
    const history = {
      documents: [
        issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1210.00'), regime: 'transitoire', converge: false, contributionCible: d('1425.55') }),
      ],
    };
    const plan = planExercice(data, history, { exercice: 2027, dateEmission: '2027-06-15' });
    const titre = plan.documents[0];
    expect(titre.contributionCible?.toFixed(2)).toBe('1469.92');
    expect(titre.figures.plafond).toBe('1270.50');
    expect(titre.montant.toFixed(2)).toBe('1270.50');
    expect(titre.converge).toBe(false);
  });

  it('E5 new adhesion 15/09/2026, forfait mode, population 3 103 → 108 days, 281,05 €', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-09-15' })] }),
      EMPTY,
      late2026,
    );
    const titre = plan.documents[0];
    expect(titre.figures.joursFactures).toBe(108);
    expect(titre.figures.joursAnnee).toBe(365);
    expect(titre.montant.toFixed(2)).toBe('281.05');
    expect(titre.regime).toBe('prorata');
  });

  it('E6 same adhesion, total mode → 147,05 €', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-09-15' })],
      config: config([laclasse({ prorata: 'total' })]),
    });
    expect(amount(planExercice(data, EMPTY, late2026), SMALL)).toBe('147.05');
  });

  it('E7 new adhesion 01/03/2028 (leap year), forfait mode, coef(2026) → 306 of 366 days, 446,70 €', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2028-02-10', dateDebut: '2028-03-01' })] }),
      EMPTY,
      { exercice: 2028, dateEmission: '2028-06-15' },
    );
    const titre = plan.documents[0];
    expect(titre.figures.joursFactures).toBe(306);
    expect(titre.figures.joursAnnee).toBe(366);
    expect(titre.figures.indiceMois).toBe('2025-10');
    expect(titre.montant.toFixed(2)).toBe('446.70');
  });
});
