import { describe, expect, it } from 'vitest';
import { Decimal, round2 } from '../../src/engine/money.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulatedAdhesion, Simulation, SimulationRow } from '../../src/simulate/types.js';
import { point, populations, POPULATIONS_2026, SYNTEC_2025, syntec } from '../fixtures/dataset.js';
import { ECULLY, growth, NO_GROWTH, SMALL, transitionalDataset } from './fixtures.js';

function adhesionOf(s: Simulation, code: string): SimulatedAdhesion {
  return s.adhesions.find((a) => a.codeInsee === code)!;
}

function titre(row: SimulationRow | undefined) {
  if (row?.kind !== 'titre') throw new Error(`no titre in ${JSON.stringify(row)}`);
  return row;
}

const amounts = (a: SimulatedAdhesion) => a.rows.map((r) => (r.kind === 'titre' ? r.montant.toFixed(2) : r.motif));

describe('simulate: R5 convergence of a transitional adhesion', () => {
  const sim = simulate(transitionalDataset(), NO_GROWTH, { from: 2026, to: 2032 });
  const ecully = adhesionOf(sim, ECULLY);

  it('caps 2026 at P × 1,10, then rises by 5 % a year until the target is reached in 2030', () => {
    expect(amounts(ecully)).toEqual(['1210.00', '1270.50', '1334.03', '1400.73', '1425.55', '1425.55', 'expiree']);
    expect(ecully.anneeConvergence).toBe(2030);
  });

  it('reports the target every year and the cap while transitional', () => {
    const rows = ecully.rows.slice(0, 6).map(titre);
    expect(rows.map((r) => r.contributionCible.toFixed(2))).toEqual(Array(6).fill('1425.55'));
    expect(rows.map((r) => r.plafond?.toFixed(2))).toEqual(['1210.00', '1270.50', '1334.03', '1400.73', '1470.77', undefined]);
    expect(rows.map((r) => r.regime)).toEqual(['transitoire', 'transitoire', 'transitoire', 'transitoire', 'transitoire', 'cible']);
    expect(rows.map((r) => r.converge)).toEqual([false, false, false, false, true, true]);
  });

  it('gives the reason when there is no titre (convention expired after 6 years, R7)', () => {
    const last = ecully.rows[6];
    expect(last).toMatchObject({ kind: 'sans_titre', exercice: 2032, motif: 'expiree' });
  });

  it('lists the adhesions to paying services only, by service then code INSEE', () => {
    expect(sim.adhesions.map((a) => a.codeInsee)).toEqual([SMALL, ECULLY]);
    expect(sim.services.map((s) => s.id)).toEqual(['laclasse', 'toodego']);
  });

  it('computes the years before --from to find A(N-1), and reports only from --from on', () => {
    const later = adhesionOf(simulate(transitionalDataset(), NO_GROWTH, { from: 2028, to: 2029 }), ECULLY);
    expect(later.rows.map((r) => r.exercice)).toEqual([2028, 2029]);
    expect(amounts(later)).toEqual(['1334.03', '1400.73']);
    expect(later.anneeConvergence).toBeNull();
  });
});

describe('simulate: projected figures', () => {
  const known = transitionalDataset({
    populations: populations([2026, 2027]),
    indices: new Map([
      ['syntec', syntec([...SYNTEC_2025, point('2025-11', '322.5', '2025-12-30'), point('2026-11', '330.0', '2026-12-31')])],
    ]),
  });
  const sim = simulate(known, NO_GROWTH, { from: 2026, to: 2028 });

  it('flags the years whose population or index was projected', () => {
    expect(adhesionOf(sim, ECULLY).rows.map((r) => r.projected)).toEqual([
      { population: false, index: false },
      { population: false, index: false },
      { population: true, index: true },
    ]);
  });

  it('records what was projected, and from what', () => {
    expect(sim.projections.populations).toEqual([{ exercice: 2028, depuis: 2027 }]);
    const months = sim.projections.indices;
    expect(months.map((i) => i.mois)).toHaveLength(12); // 2026-12 … 2027-11
    expect([months[0].mois, months[11].mois, months[11].valeur.toString()]).toEqual(['2026-12', '2027-11', '330']);
  });

  it('uses the last known values by default: 2028 is billed like 2027', () => {
    const [, y2027, y2028] = adhesionOf(sim, SMALL).rows.map(titre);
    expect(y2028.contributionCible.eq(y2027.contributionCible)).toBe(true);
  });
});

describe('simulate: growth assumptions', () => {
  const range = { from: 2026, to: 2031 };
  const base = simulate(transitionalDataset(), NO_GROWTH, range);
  const cible = (s: Simulation, year: number) => titre(adhesionOf(s, ECULLY).rows[year - 2026]).contributionCible;

  it('an index rising 2 % a year raises the target by 2 % from one exercice to the next', () => {
    const sim = simulate(transitionalDataset(), growth('0.02', '0'), range);
    expect(cible(sim, 2026).toFixed(2)).toBe('1425.55'); // S(2026) = the last known value
    // S(2027) = 322,2 × 1,02; base F + h × 18 243 = 1 394,58
    expect(cible(sim, 2027).toFixed(2)).toBe(round2(new Decimal('1394.58').times('322.2').times('1.02').div('315.2')).toFixed(2));
    expect(cible(sim, 2030).gt(cible(base, 2030))).toBe(true);
    expect(adhesionOf(sim, ECULLY).anneeConvergence).toBeNull(); // the target runs away from the +5 % cap
  });

  it('a population rising 1 % a year raises the target, rounded to whole inhabitants', () => {
    const sim = simulate(transitionalDataset(), growth('0', '0.01'), range);
    const population2027 = Math.round(POPULATIONS_2026[ECULLY][1] * 1.01); // 18 425,43 → 18 425
    expect(population2027).toBe(18425);
    const expected = round2(new Decimal(300).plus(new Decimal('0.06').times(population2027)).times('322.2').div('315.2'));
    expect(cible(sim, 2027).toFixed(2)).toBe(expected.toFixed(2));
    expect(cible(sim, 2031).gt(cible(base, 2031))).toBe(true);
  });

  it('a falling population lowers the target', () => {
    const sim = simulate(transitionalDataset(), growth('0', '-0.02'), range);
    expect(cible(sim, 2029).lt(cible(base, 2029))).toBe(true);
  });
});

describe('simulate: period', () => {
  it('refuses from > to and more than 20 exercices', () => {
    const attempt = (from: number, to: number) => () => simulate(transitionalDataset(), NO_GROWTH, { from, to });
    expect(attempt(2030, 2026)).toThrow(TitresError);
    expect(attempt(2026, 2046)).toThrow(/au plus 20 exercices/);
    expect(attempt(2026, 2045)).not.toThrow();
  });
});
