/** R7 seuil de mise en recouvrement (art. D1611-1 CGCT). */
import { describe, expect, it } from 'vitest';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, config, d, dataset, EMPTY, laclasse, TINY } from './fixtures.js';

/** A tariff revised by a coefficient of 1 (reference month = the month known on 1 January 2026). */
function planWithForfait(forfait: string) {
  const service = laclasse({ forfait: d(forfait), parHabitant: d('0'), indice: { serie: 'syntec', reference: '2025-10' } });
  return planExercice(dataset({ adhesions: [adhesion({ codeInsee: TINY })], config: config([service]) }), EMPTY, at2026);
}

describe('R7 threshold', () => {
  it('issues no titre just under 15,00 € and says why', () => {
    const plan = planWithForfait('14.99');
    expect(plan.documents).toEqual([]);
    expect(plan.sansTitre[0]).toMatchObject({
      motif: 'seuil',
      detail: 'montant 14,99 € inférieur au seuil de mise en recouvrement de 15,00 € (art. D1611-1 CGCT)',
    });
  });

  it('issues the titre at exactly 15,00 €', () => {
    expect(planWithForfait('15.00').documents[0].montant.toFixed(2)).toBe('15.00');
  });
});
