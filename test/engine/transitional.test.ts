/** R5 transitional regime: the cap and convergence. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transitionalAmount } from '../../src/engine/transitional.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { Decimal, round2 } from '../../src/engine/money.js';
import type { PlannedDocument } from '../../src/engine/plan-types.js';
import { adhesion, at2026, d, dataset, ECULLY, EMPTY, issued, point, populations, POPULATIONS_2026, syntec, SYNTEC_2025, thrownError } from './fixtures.js';

describe('R5 transitionalAmount', () => {
  it('caps the first exercice at P × 1,10 when the target is higher', () => {
    const out = transitionalAmount(d('1425.55'), d('1100.00'), d('0.10'));
    expect(out.amount.toFixed(2)).toBe('1210.00');
    expect(out.cap?.toFixed(2)).toBe('1210.00');
    expect(out.converged).toBe(false);
  });

  it('converges when the target equals the cap', () => {
    const out = transitionalAmount(d('1210.00'), d('1100.00'), d('0.10'));
    expect(out.amount.toFixed(2)).toBe('1210.00');
    expect(out.converged).toBe(true);
  });

  it('applies the target, with no cap, when it is below the former amount', () => {
    const out = transitionalAmount(d('1256.35'), d('1400.73'), d('0.05'));
    expect(out.amount.toFixed(2)).toBe('1256.35');
    expect(out.cap).toBeUndefined();
    expect(out.converged).toBe(true);
  });

  it('rounds the cap half up to the cent (1 270,50 × 1,05 = 1 334,025 → 1 334,03)', () => {
    expect(transitionalAmount(d('1447.65'), d('1270.50'), d('0.05')).amount.toFixed(2)).toBe('1334.03');
  });
});

describe('R5 amount bounds (properties)', () => {
  const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => new Decimal(c).div(100));
  const rate = fc.constantFrom('0.10', '0.05', '0.00', '0.125').map((r) => d(r));

  it('never exceeds the cible nor the cap, and equals the cible exactly when converged', () => {
    fc.assert(
      fc.property(cents(1_000_000), cents(1_000_000), rate, (target, basis, r) => {
        const out = transitionalAmount(target, basis, r);
        expect(out.amount.lte(target)).toBe(true);
        if (out.cap) {
          expect(out.cap.eq(round2(basis.times(r.plus(1))))).toBe(true);
          expect(out.amount.lte(out.cap)).toBe(true);
          expect(out.amount.eq(Decimal.min(target, out.cap))).toBe(true);
        } else {
          expect(target.lte(basis)).toBe(true);
        }
        expect(out.converged).toBe(out.amount.eq(target));
        if (target.lte(basis)) expect(out).toEqual({ amount: target, converged: true });
      }),
    );
  });
});

describe('R5 liquidation wording and basis', () => {
  const at2027 = { exercice: 2027, dateEmission: '2027-06-15' };
  /** E4's data: index 330,0 and population 18 400 in 2027. */
  function e4(a: Partial<Parameters<typeof adhesion>[0]> = {}) {
    return dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00'), ...a })],
      populations: populations([2026, 2027, 2028], POPULATIONS_2026, { 2027: { [ECULLY]: [18100, 18400] }, 2028: { [ECULLY]: [18100, 18400] } }),
      indices: new Map([['syntec', syntec([...SYNTEC_2025, point('2026-10', '330.0', '2026-11-27'), point('2027-10', '330.0', '2027-11-27')])]]),
    });
  }
  const r5 = (doc: PlannedDocument) => doc.liquidation.filter((l) => l.ref === 'R5 – art. 10.2');

  it('E2: the first exercice capped at P × 1,10', () => {
    const titre = planExercice(e4(), EMPTY, at2026).documents[0];
    expect(r5(titre)).toEqual([
      { ref: 'R5 – art. 10.2', libelle: 'Montant antérieur : 1\u202f100,00 € ; plafond 2026 = 1\u202f100,00 € × 1,10 = 1\u202f210,00 €' },
      { ref: 'R5 – art. 10.2', libelle: 'Montant = min(1\u202f425,55 € ; 1\u202f210,00 €) = 1\u202f210,00 € (contribution-cible non atteinte)', montant: '1210.00' },
      { ref: 'R5 – art. 10.2', libelle: "Montant dû au titre de l'exercice 2026 : 1\u202f210,00 €", montant: '1210.00' },
    ]);
    expect(titre.figures).toMatchObject({ montantAnterieur: '1100.00', plafond: '1210.00' });
    expect(titre.figures.montantPrecedent).toBeUndefined();
  });

  it('E3: a cible at or below P is applied, converged, with no cap', () => {
    const titre = planExercice(e4({ montantAnterieur: d('1425.55') }), EMPTY, at2026).documents[0];
    expect(r5(titre)[0]).toEqual({
      ref: 'R5 – art. 10.2',
      libelle: 'Montant antérieur : 1\u202f425,55 € ; contribution-cible 1\u202f425,55 € inférieure ou égale : contribution-cible appliquée (convergence atteinte)',
      montant: '1425.55',
    });
    expect(titre).toMatchObject({ regime: 'transitoire', converge: true });
    expect(titre.figures.plafond).toBeUndefined();
  });

  it('a cap exactly equal to the cible converges', () => {
    // P × 1,10 = 1 295,95 × 1,10 = 1 425,545 → 1 425,55 = C
    const titre = planExercice(e4({ montantAnterieur: d('1295.95') }), EMPTY, at2026).documents[0];
    expect(r5(titre)[1].libelle).toBe('Montant = min(1\u202f425,55 € ; 1\u202f425,55 €) = 1\u202f425,55 € (contribution-cible atteinte : convergence)');
    expect(titre.converge).toBe(true);
  });

  it('E4: the following exercice caps on A(N-1) from the journal, net of reductions', () => {
    const history = { documents: [issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1210.00'), converge: false })] };
    const titre = planExercice(e4(), history, at2027).documents[0];
    expect(r5(titre).map((l) => l.libelle)).toEqual([
      'Montant 2026 net des réductions (titre n° 1) : 1\u202f210,00 € ; plafond 2027 = 1\u202f210,00 € × 1,05 = 1\u202f270,50 €',
      'Montant = min(1\u202f469,92 € ; 1\u202f270,50 €) = 1\u202f270,50 € (contribution-cible non atteinte)',
      "Montant dû au titre de l'exercice 2027 : 1\u202f270,50 €",
    ]);
    expect(titre.figures).toMatchObject({ montantPrecedent: '1210.00', plafond: '1270.50' });
    expect(titre.figures.montantAnterieur).toBeUndefined();
    const reduced = {
      documents: [
        ...history.documents,
        issued({ exercice: 2026, numero: 2, codeInsee: ECULLY, type: 'reduction', montant: d('110.00'), titreOrigine: { exercice: 2026, numero: 1 } }),
      ],
    };
    // 1 100,00 × 1,05 = 1 155,00
    expect(planExercice(e4(), reduced, at2027).documents[0].montant.toFixed(2)).toBe('1155.00');
  });

  it('year 2 of an adhesion starting on 1 January caps on the journal amount, never on a recomputation', () => {
    // the journal says 1 200,00 (the data would give 1 210,00): cap = 1 200,00 × 1,05 = 1 260,00
    for (const dateSignature of ['2025-12-18', '2026-01-01']) {
      const history = { documents: [issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1200.00'), converge: false })] };
      const titre = planExercice(e4({ dateSignature }), history, at2027).documents[0];
      expect(titre.figures.montantPrecedent, dateSignature).toBe('1200.00');
      expect(titre.montant.toFixed(2), dateSignature).toBe('1260.00');
    }
  });

  it('after a prorated first year, caps on its full-year amount, scaled by the net when reduced', () => {
    const data = e4({ dateSignature: '2026-09-15' });
    const prorated = issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1026.72'), converge: false });
    const titre = planExercice(data, { documents: [prorated] }, at2027).documents[0];
    expect(r5(titre)[0].libelle).toBe(
      "Montant 2026 ramené à l'année entière (premier exercice proratisé, titre n° 1) : 1\u202f210,00 € ; plafond 2027 = 1\u202f210,00 € × 1,05 = 1\u202f270,50 €",
    );
    expect(titre.montant.toFixed(2)).toBe('1270.50');
    // reduced by 100,00: 1 210,00 × 926,72 / 1 026,72 = 1 092,15; cap 1 092,15 × 1,05 = 1 146,76
    const reduction = issued({ exercice: 2026, numero: 2, codeInsee: ECULLY, type: 'reduction', montant: d('100.00'), titreOrigine: { exercice: 2026, numero: 1 } });
    const after = planExercice(data, { documents: [prorated, reduction] }, at2027).documents[0];
    expect(after.figures).toMatchObject({ montantPrecedent: '1092.15', plafond: '1146.76' });
    expect(after.montant.toFixed(2)).toBe('1146.76');
    // the third year caps on the second year's titre as issued
    const second = issued({ exercice: 2027, numero: 1, codeInsee: ECULLY, montant: d('1270.50'), converge: false });
    const third = planExercice(data, { documents: [prorated, second] }, { exercice: 2028, dateEmission: '2028-06-15' }).documents[0];
    expect(r5(third)[0].libelle).toBe('Montant 2027 net des réductions (titre n° 1) : 1\u202f270,50 € ; plafond 2028 = 1\u202f270,50 € × 1,05 = 1\u202f334,03 €');
  });

  it('once converged, applies the cible with no cap and says so', () => {
    const history = { documents: [issued({ exercice: 2026, numero: 3, codeInsee: ECULLY, montant: d('1425.55'), converge: true })] };
    const titre = planExercice(e4(), history, at2027).documents[0];
    expect(titre).toMatchObject({ regime: 'cible', converge: true });
    expect(titre.montant.toFixed(2)).toBe('1469.92');
    expect(r5(titre)).toEqual([
      {
        ref: 'R5 – art. 10.2',
        libelle: "Contribution-cible atteinte en 2026 (titre n° 3) ou avant : elle s'applique désormais sans plafond, révision annuelle comprise",
      },
    ]);
    expect(titre.figures.plafond).toBeUndefined();
  });

  it('reports a missing N-1 titre as a state error naming it', () => {
    const data = e4();
    const e = thrownError(() => planExercice(data, EMPTY, at2027));
    expect(e.kind).toBe('state');
    expect(e.problems).toEqual([
      expect.objectContaining({
        code: 'TITRE_PRECEDENT_ABSENT',
        file: 'adhesions.csv',
        line: data.adhesions.at(0)!.line,
        message:
          "aucun titre de l'exercice « 2026 » pour la commune « 69081 » (Écully) et le service « laclasse » dans le journal : le régime transitoire de 2027 se calcule sur ce montant (R5) ; émettre d'abord l'exercice 2026",
      }),
    ]);
  });

  it('reports missing N-1 population or index after a prorated first year as data errors, not a crash', () => {
    const prorated = { documents: [issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1026.72'), converge: false })] };
    const noPopulation = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, dateSignature: '2026-09-15', montantAnterieur: d('1100.00') })],
      populations: populations([2027], POPULATIONS_2026),
    });
    const e = thrownError(() => planExercice(noPopulation, prorated, at2027));
    expect(e.kind).toBe('data');
    expect(e.problems.map((p) => [p.code, p.file])).toEqual([['POPULATION_FICHIER_ABSENT', 'populations/2026.csv']]);
    const noIndex = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, dateSignature: '2026-09-15', montantAnterieur: d('1100.00') })],
      // the reference month published only in 2026: nothing is known on 1 January 2026
      indices: new Map([['syntec', syntec([point('2025-01', '315.2', '2026-02-01'), point('2026-10', '330.0', '2026-11-27')])]]),
    });
    const e2 = thrownError(() => planExercice(noIndex, prorated, at2027));
    expect(e2.kind).toBe('data');
    expect(e2.problems.map((p) => p.code)).toEqual(['INDICE_NON_CONNU']);
  });
});
