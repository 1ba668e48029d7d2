/** R8 termination for a breach (art. 12.2), by the commune and by the Métropole, before and after issuance. */
import { describe, expect, it } from 'vitest';
import { breachRefund } from '../../src/engine/breach-refund.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, d, dataset, ECULLY, EMPTY, issued, issuePlan } from './fixtures.js';

const at2027 = { exercice: 2027, dateEmission: '2027-06-15' };

describe('R8 breach by the commune', () => {
  it('keeps the contribution of the adhesion year in progress due in full, and nothing after', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-06-30', motifFin: 'manquement_commune' })] });
    const plan = planExercice(data, EMPTY, at2026);
    expect(plan.documents[0].montant.toFixed(2)).toBe('1425.55');
    const line = plan.documents[0].liquidation.find((l) => l.ref === 'R8 – art. 12.2');
    expect(line?.libelle).toContain('reste due dans son intégralité');
    expect(planExercice(data, EMPTY, at2027).sansTitre[0].motif).toBe('hors_periode');
  });
});

describe('R8 breach by the Métropole', () => {
  const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-06-30', motifFin: 'manquement_metropole' })] });

  it('does not refund the termination day: 30/06 → 184 days of 365', () => {
    const r = breachRefund(d('1425.55'), '2026-06-30', 2026);
    expect(r).toMatchObject({ days: 184, yearDays: 365 });
    expect(r.refund.toFixed(2)).toBe('718.63'); // 1 425,55 × 184 / 365 = 718,627…
  });

  it('before issuance: issues the titre for A − refund with the refund line', () => {
    const plan = planExercice(data, EMPTY, at2026);
    const titre = plan.documents[0];
    expect(titre.type).toBe('titre');
    expect(titre.montant.toFixed(2)).toBe('706.92');
    expect(titre.figures.remboursement).toBe('718.63');
    expect(titre.liquidation.find((l) => l.montant === '-718.63')?.ref).toBe('R8 – art. 12.2');
    expect(titre.liquidation.at(-1)?.montant).toBe('706.92');
  });

  it('after issuance: plans one reduction of the net amount referencing the titre, once only', () => {
    const history = {
      documents: [
        issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, montant: d('1425.55') }),
        issued({ exercice: 2026, numero: 9, codeInsee: ECULLY, type: 'reduction', montant: d('100.00'), titreOrigine: { exercice: 2026, numero: 4 }, motif: 'erreur' }),
      ],
    };
    const plan = planExercice(data, history, at2026);
    const reduction = plan.documents[0];
    expect(reduction).toMatchObject({ type: 'reduction', titreOrigine: { exercice: 2026, numero: 4 } });
    // 1 325,55 × 184 / 365 = 668,22
    expect(reduction.montant.toFixed(2)).toBe('668.22');
    expect(reduction.motif?.startsWith('manquement_metropole')).toBe(true);
    expect(plan.totalReductions.toFixed(2)).toBe('668.22');
    expect(plan.total.toFixed(2)).toBe('0.00');
    const again = planExercice(data, issuePlan(history, plan), at2026);
    expect(again.documents).toEqual([]);
    expect(again.sansTitre[0].motif).toBe('deja_emis');
  });

  it('plans an annulation when the refund is the whole net amount', () => {
    const early = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-01-10', motifFin: 'manquement_metropole' })] });
    const history = {
      documents: [
        issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('15.00') }),
        issued({ exercice: 2026, numero: 2, codeInsee: ECULLY, type: 'reduction', montant: d('14.99'), titreOrigine: { exercice: 2026, numero: 1 } }),
      ],
    };
    const plan = planExercice(early, history, at2026);
    expect(plan.documents[0]).toMatchObject({ type: 'annulation' });
    expect(plan.documents[0].montant.toFixed(2)).toBe('0.01');
    const again = planExercice(early, issuePlan(history, plan), at2026);
    expect(again.documents).toEqual([]);
  });

  it('bills nothing for the exercices after the termination', () => {
    expect(planExercice(data, EMPTY, at2027).sansTitre[0].motif).toBe('hors_periode');
  });
});
