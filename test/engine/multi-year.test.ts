/**
 * One transitional adhesion (Écully, P = 1 100,00 €, signed 18/12/2025) followed from 2026 to 2032,
 * each plan issued into the journal the next one reads: R5 cap, a Syntec drop, a population drop
 * below the former amount (convergence), uncapped target afterwards, the sixth-year expiry.
 */
import { describe, expect, it } from 'vitest';
import { planExercice } from '../../src/engine/plan-exercice.js';
import type { History } from '../../src/engine/history.js';
import { adhesion, amount, d, dataset, ECULLY, EMPTY, issuePlan, point, populations, SYNTEC_2025, syntec } from './fixtures.js';

const HIGH: [number, number] = [18100, 18400];
const LOW: [number, number] = [14800, 15000];

const data = dataset({
  adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })],
  populations: populations([2026, 2027, 2028, 2029, 2030, 2031, 2032], { [ECULLY]: LOW }, {
    2026: { [ECULLY]: [17944, 18243] },
    2027: { [ECULLY]: HIGH },
    2028: { [ECULLY]: HIGH },
    2029: { [ECULLY]: HIGH },
  }),
  indices: new Map([
    [
      'syntec',
      syntec([
        ...SYNTEC_2025,
        point('2026-10', '330.0', '2026-11-27'), // S(2027)
        point('2027-11', '325.0', '2027-12-20'), // S(2028): a drop
        point('2028-11', '330.0', '2028-12-20'), // S(2029)
        point('2029-11', '330.0', '2029-12-20'), // S(2030)
        point('2030-11', '335.0', '2030-12-20'), // S(2031)
      ]),
    ],
  ]),
});

describe('an adhesion followed over 2026–2032', () => {
  it('converges, then pays the revised target, then expires', () => {
    let journal: History = EMPTY;
    const seen: Record<number, { montant?: string; cible?: string; regime?: string; converge?: boolean; motif?: string }> = {};
    for (let year = 2026; year <= 2032; year++) {
      const plan = planExercice(data, journal, { exercice: year, dateEmission: `${year}-06-15` });
      const doc = plan.documents[0];
      seen[year] = doc
        ? { montant: amount(plan, ECULLY), cible: doc.contributionCible?.toFixed(2), regime: doc.regime, converge: doc.converge }
        : { motif: plan.sansTitre[0].motif };
      journal = issuePlan(journal, plan);
    }
    expect(seen).toEqual({
      2026: { montant: '1210.00', cible: '1425.55', regime: 'transitoire', converge: false },
      2027: { montant: '1270.50', cible: '1469.92', regime: 'transitoire', converge: false },
      // Syntec drop: C = 1 404 × 325 / 315,2 = 1 447,65; cap = 1 270,50 × 1,05 = 1 334,025 → 1 334,03
      2028: { montant: '1334.03', cible: '1447.65', regime: 'transitoire', converge: false },
      2029: { montant: '1400.73', cible: '1469.92', regime: 'transitoire', converge: false },
      // population drop: C = 1 200 × 330 / 315,2 = 1 256,35 ≤ 1 400,73 → converged
      2030: { montant: '1256.35', cible: '1256.35', regime: 'transitoire', converge: true },
      // converged: the target, uncapped; expiry on 17/12/2031 with policy du: full year
      2031: { montant: '1275.38', cible: '1275.38', regime: 'cible', converge: true },
      2032: { motif: 'expiree' },
    });
  });
});
