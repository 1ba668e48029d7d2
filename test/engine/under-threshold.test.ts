/**
 * R5 « Under the threshold » (tariff-rules.md, added 2026-11-30): when N-1 gave no titre because its
 * amount fell under the recovery threshold (R7), A(N-1) is N-1's R5 amount recomputed from N-1's
 * data; the liquidation says so, and the batch is never blocked by TITRE_PRECEDENT_ABSENT.
 */
import { describe, expect, it } from 'vitest';
import type { History } from '../../src/engine/history.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import type { Plan } from '../../src/engine/plan-types.js';
import { adhesion, amount, config, d, dataset, ECULLY, EMPTY, issuePlan, laclasse, populations, thrownError, TINY } from './fixtures.js';

const plan = (data: ReturnType<typeof dataset>, journal: History, year: number): Plan =>
  planExercice(data, journal, { exercice: year, dateEmission: `${year}-06-15` });

/** Plans 2026 → last, each plan issued into the journal the next one reads. */
function year(data: ReturnType<typeof dataset>, last: number): Record<number, Plan> {
  let journal: History = EMPTY;
  const plans: Record<number, Plan> = {};
  for (let y = 2026; y <= last; y++) {
    plans[y] = plan(data, journal, y);
    journal = issuePlan(journal, plans[y]);
  }
  return plans;
}

describe('R5 under the threshold', () => {
  // P = 12,50 €: 2026 cap 13,75 € and 2027 cap 14,44 € fall under the 15 € threshold; 2028's cap
  // round2(14,44 × 1,05) = 15,16 € does not. C (laclasse, ~310 €) stays far above: capped every year.
  const capped = dataset({ adhesions: [adhesion({ codeInsee: TINY, montantAnterieur: d('12.50') })] });

  it('two years under the threshold, then a titre on the recomputed A(N-1), never TITRE_PRECEDENT_ABSENT', () => {
    const plans = year(capped, 2028);
    expect(plans[2026].documents).toEqual([]);
    expect(plans[2026].sansTitre[0]).toMatchObject({ codeInsee: TINY, motif: 'seuil' });
    expect(plans[2026].sansTitre[0].detail).toContain('13,75 €');
    expect(plans[2027].documents).toEqual([]);
    expect(plans[2027].sansTitre[0]).toMatchObject({ codeInsee: TINY, motif: 'seuil' });
    expect(plans[2027].sansTitre[0].detail).toContain('14,44 €');
    expect(amount(plans[2028], TINY)).toBe('15.16');
    const titre = plans[2028].documents[0];
    expect(titre).toMatchObject({ regime: 'transitoire', converge: false });
    expect(titre.figures).toMatchObject({ montantPrecedent: '14.44', plafond: '15.16' });
    expect(titre.liquidation.map((l) => l.libelle)).toContain(
      'Montant 2027 liquidé sous le seuil de recouvrement, non émis : 14,44 € ; plafond 2028 = 14,44 € × 1,05 = 15,16 €',
    );
  });

  it('a later year under the threshold reads the recomputed year before it (the chain follows)', () => {
    // The journal holds nothing at all: 2028 recomputes 2027, which recomputes 2026 from P.
    expect(amount(plan(capped, EMPTY, 2028), TINY)).toBe('15.16');
  });

  it('after a prorated first year under the threshold, A(N-1) is its full-year amount, and the wording says so', () => {
    // P = 14,00 €, signed 15/09/2026: 2026's full-year amount is 15,40 € (P + 10 %), its prorated part
    // (108 days, forfait mode) falls under 15 €: no titre. 2027 caps on the full year, 15,40 €.
    const autumn = dataset({ adhesions: [adhesion({ codeInsee: TINY, montantAnterieur: d('14.00'), dateSignature: '2026-09-15' })] });
    const p2026 = planExercice(autumn, EMPTY, { exercice: 2026, dateEmission: '2026-12-15' });
    expect(p2026.sansTitre.map((s) => s.motif)).toEqual(['seuil']);
    const p2027 = plan(autumn, EMPTY, 2027);
    expect(amount(p2027, TINY)).toBe('16.17');
    expect(p2027.documents[0].liquidation.map((l) => l.libelle)).toContain(
      "Montant 2026 liquidé sous le seuil de recouvrement, non émis, ramené à l'année entière (premier exercice proratisé) : 15,40 € ; plafond 2027 = 15,40 € × 1,05 = 16,17 €",
    );
  });

  it('N-1 above the threshold but not issued is still the missing-titre error (state)', () => {
    const missing = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })] });
    const e = thrownError(() => plan(missing, EMPTY, 2027));
    expect(e.kind).toBe('state');
    expect(e.problems.map((p) => p.code)).toEqual(['TITRE_PRECEDENT_ABSENT']);
  });

  it('a converged year under the threshold lets the next year pay its target with no cap', () => {
    // A per-inhabitant service with no forfait: Petiteville's C(2026) = 0,72 × coef = 0,74 € ≤ P = 5 €
    // (converged, under the threshold); in 2028 its population grows and C exceeds the threshold.
    const perHead = laclasse({ forfait: d('0'), parHabitant: d('0.06') });
    const data = dataset({
      config: config([perHead]),
      adhesions: [adhesion({ codeInsee: TINY, montantAnterieur: d('5.00') })],
      populations: populations([2026, 2027, 2028], { [TINY]: [10, 12] }, { 2028: { [TINY]: [1000, 1000] } }),
    });
    const plans = year(data, 2028);
    expect(plans[2026].sansTitre[0]).toMatchObject({ motif: 'seuil' });
    expect(plans[2027].sansTitre[0]).toMatchObject({ motif: 'seuil' });
    const titre = plans[2028].documents[0];
    expect(titre).toMatchObject({ regime: 'cible', converge: true });
    expect(titre.montant.toFixed(2)).toBe(titre.contributionCible?.toFixed(2));
    expect(titre.liquidation.map((l) => l.libelle).join('\n')).toContain(
      'Contribution-cible atteinte en 2027 (montant 2027 de 0,74 € liquidé sous le seuil de recouvrement, non émis) ou avant',
    );
  });
});
