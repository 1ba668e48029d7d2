/** R6 prorata temporis: day counting, both modes, options, the first-year of a transitional adhesion. */
import { describe, expect, it } from 'vitest';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { prorataAmount, prorataDays } from '../../src/engine/prorata.js';
import { adhesion, amount, at2026, late2026, d, dataset, ECULLY, EMPTY, issuePlan, point, populations, POPULATIONS_2026, SMALL, syntec, SYNTEC_2025 } from './fixtures.js';

describe('R6 prorata temporis', () => {
  it('counts the start day: 15/09 → 108 days, 31/12 → 1 day, 01/03 of a leap year → 306 days', () => {
    expect(prorataDays('2026-09-15', '2026-12-31')).toBe(108);
    expect(prorataDays('2026-12-31', '2026-12-31')).toBe(1);
    expect(prorataDays('2028-03-01', '2028-12-31')).toBe(306);
  });

  it('prorates only the forfait in forfait mode and everything in total mode', () => {
    const one = d('1');
    expect(prorataAmount('forfait', d('300'), d('186.18'), one, 73, 365).toFixed(2)).toBe('246.18');
    expect(prorataAmount('total', d('300'), d('186.18'), one, 73, 365).toFixed(2)).toBe('97.24');
  });

  it('bills a full year, with no prorata, for an adhesion starting on 1 January', () => {
    const plan = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateSignature: '2026-01-01' })] }), EMPTY, at2026);
    expect(plan.documents[0].montant.toFixed(2)).toBe('1425.55');
    expect(plan.documents[0].regime).toBe('cible');
    expect(plan.documents[0].figures.joursFactures).toBeUndefined();
  });

  it('bills one day for an adhesion starting on 31 December', () => {
    const plan = planExercice(dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-12-31' })] }), EMPTY, late2026);
    // (300 × 1/365 + 186,18) × 1,022208… = 191,15
    expect(plan.documents[0].figures.joursFactures).toBe(1);
    expect(plan.documents[0].montant.toFixed(2)).toBe('191.15');
  });

  it('never bills days before the signature, even when date_debut is earlier', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-09-15', dateDebut: '2026-03-01' })] }),
      EMPTY,
      late2026,
    );
    expect(plan.documents[0].montant.toFixed(2)).toBe('281.05');
  });

  it('prorates the options with the forfait (R2)', () => {
    const plan = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: SMALL, service: 'toodego', dateSignature: '2026-09-15', options: new Map([['connecteurs', 2]]) })] }),
      EMPTY,
      late2026,
    );
    const titre = plan.documents[0];
    // ((500 + 2 × 250) × 108/365 + 0,02 × 3 103) × 322,2/315,2 = (295,890411 + 62,06) × 1,022208 = 365,90
    expect(titre.montant.toFixed(2)).toBe('365.90');
    expect(titre.figures).toMatchObject({ optionsMontant: '500.00', optionsDetail: 'connecteurs=2×250.00' });
    expect(titre.liquidation.find((l) => l.ref.startsWith('R2'))?.libelle).toContain('2 × 250,00 €');
  });

  it('Decision: a transitional adhesion starting mid-year prorates its R5 amount, and the next year caps on the full-year amount', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, dateSignature: '2026-09-15', montantAnterieur: d('1100.00') })],
      populations: populations([2026, 2027], POPULATIONS_2026, { 2027: { [ECULLY]: [18100, 18400] } }),
      indices: new Map([['syntec', syntec([...SYNTEC_2025, point('2026-10', '330.0', '2026-11-27')])]]),
    });
    const plan2026 = planExercice(data, EMPTY, late2026);
    // 1 210,00 × (300 × 108/365 + 1 094,58) / 1 394,58 = 1 210,00 × 0,848533… = 1 026,72
    expect(amount(plan2026, ECULLY)).toBe('1026.72');
    expect(plan2026.documents[0].regime).toBe('transitoire');
    const plan2027 = planExercice(data, issuePlan(EMPTY, plan2026), { exercice: 2027, dateEmission: '2027-06-15' });
    expect(plan2027.documents[0].figures.montantPrecedent).toBe('1210.00');
    expect(amount(plan2027, ECULLY)).toBe('1270.50');
  });
});
