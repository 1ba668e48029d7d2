/** R7 which exercices are billed: premier exercice, convention life (6 years), end policy. */
import { describe, expect, it } from 'vitest';
import { billingPeriod, conventionLifeEnd } from '../../src/engine/billing-period.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, config, dataset, ECULLY, EMPTY, laclasse } from './fixtures.js';

const convention = config().convention;

describe('R7 billing period', () => {
  it('ends the convention the day before the sixth anniversary of the signature', () => {
    expect(conventionLifeEnd('2025-12-18', 6)).toBe('2031-12-17');
  });

  it('bills nothing before the first exercice of the convention', () => {
    const p = billingPeriod(adhesion({ codeInsee: ECULLY }), convention, 2025);
    expect(p.status).toBe('hors_periode');
  });

  it('starts an adhesion signed in 2025 on 1 January 2026 (days of 2025 belong to the former conventions)', () => {
    const p = billingPeriod(adhesion({ codeInsee: ECULLY, dateSignature: '2025-06-01' }), convention, 2026);
    expect(p).toMatchObject({ status: 'billed', start: '2026-01-01', end: '2026-12-31', firstExercice: 2026 });
  });

  it('bills the sixth year in full (policy du) and reports the seventh as expired', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY })] });
    const y2031 = planExercice(data, EMPTY, { exercice: 2031, dateEmission: '2031-06-15' });
    expect(y2031.documents[0].montant.toFixed(2)).toBe('1425.55');
    expect(y2031.documents[0].liquidation.some((l) => l.libelle.includes('Fin de l\'adhésion le 17/12/2031'))).toBe(true);
    const y2032 = planExercice(data, EMPTY, { exercice: 2032, dateEmission: '2032-06-15' });
    expect(y2032.documents).toEqual([]);
    expect(y2032.sansTitre[0]).toMatchObject({ motif: 'expiree', detail: 'convention expirée le 17/12/2031' });
  });

  it('prorates the last year to the expiry with the policy « prorata »', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY })],
      config: config([laclasse({ finEnCoursExercice: 'prorata' })]),
    });
    const titre = planExercice(data, EMPTY, { exercice: 2031, dateEmission: '2031-06-15' }).documents[0];
    // (300 × 351/365 + 1 094,58) × 322,2/315,2 = 1 413,79
    expect(titre.figures).toMatchObject({ joursFactures: 351, politiqueFin: 'prorata', dateFin: '2031-12-17' });
    expect(titre.montant.toFixed(2)).toBe('1413.79');
  });

  it('reports an adhesion starting after the exercice as hors période', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateSignature: '2027-02-01' })] });
    const plan = planExercice(data, EMPTY, { exercice: 2026, dateEmission: '2026-06-15' });
    expect(plan.sansTitre[0]).toMatchObject({ motif: 'hors_periode', detail: 'adhésion débutant le 01/02/2027' });
  });
});
