/** R6 prorata temporis: day counting, both modes, options, the first-year of a transitional adhesion. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, round2 } from '../../src/engine/money.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { prorataAmount, prorataDays } from '../../src/engine/prorata.js';
import { adhesion, amount, at2026, config, late2026, d, dataset, ECULLY, EMPTY, issuePlan, laclasse, point, populations, POPULATIONS_2026, SMALL, syntec, SYNTEC_2025 } from './fixtures.js';

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

describe('R6 prorata (properties)', () => {
  const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => new Decimal(c).div(100));
  const coefficient = fc.tuple(fc.integer({ min: 2500, max: 4000 }), fc.integer({ min: 2500, max: 4000 })).map(([s, r]) => new Decimal(s).div(r));
  const mode = fc.constantFrom<'forfait' | 'total'>('forfait', 'total');
  const yearDays = fc.constantFrom(365, 366);

  it('a whole year is the full amount round2((fixed + per head) × coef), in both modes', () => {
    fc.assert(
      fc.property(mode, cents(200_000), cents(5_000_000), coefficient, yearDays, (m, fixed, perHead, coef, y) => {
        expect(prorataAmount(m, fixed, perHead, coef, y, y).eq(round2(fixed.plus(perHead).times(coef)))).toBe(true);
      }),
    );
  });

  it('is monotonic in the days', () => {
    fc.assert(
      fc.property(mode, cents(200_000), cents(5_000_000), coefficient, yearDays, fc.integer({ min: 1, max: 365 }), fc.integer({ min: 1, max: 365 }), (m, fixed, perHead, coef, y, a, b) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(prorataAmount(m, fixed, perHead, coef, few, y).lte(prorataAmount(m, fixed, perHead, coef, many, y))).toBe(true);
      }),
    );
  });

  it('forfait mode keeps the whole per-head part, total mode prorates it', () => {
    fc.assert(
      fc.property(cents(200_000), cents(5_000_000), fc.integer({ min: 1, max: 365 }), (fixed, perHead, days) => {
        const one = new Decimal(1);
        expect(prorataAmount('forfait', fixed, perHead, one, days, 365).eq(round2(fixed.times(days).div(365).plus(perHead)))).toBe(true);
        expect(prorataAmount('total', fixed, perHead, one, days, 365).eq(round2(fixed.plus(perHead).times(days).div(365)))).toBe(true);
      }),
    );
  });
});

describe('R6 liquidation wording', () => {
  const e5 = (service = laclasse()) =>
    planExercice(dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-09-15' })], config: config([service]) }), EMPTY, late2026).documents[0];

  it('E5, forfait mode: period, days, formula and amount', () => {
    const titre = e5();
    expect(titre.liquidation.filter((l) => l.ref.startsWith('R6') || l.ref.startsWith('R7'))).toEqual([
      {
        ref: 'R7 – art. 2 et 10.3',
        libelle: "Adhésion en vigueur du 15/09/2026 au 31/12/2026 (début de l'adhésion : 15/09/2026, jamais avant la signature de la convention-cadre)",
      },
      { ref: 'R6 – art. 10.3', libelle: 'Prorata temporis du 15/09/2026 au 31/12/2026 : 108 jours sur 365 (mode forfait : seuls le forfait et les options sont proratisés)' },
      { ref: 'R6 – art. 10.3', libelle: 'Montant proratisé : (300,00 € × 108 / 365 + 0,06 € × 3\u202f103 hab.) × 322,2 / 315,2 = 281,05 €', montant: '281.05' },
      { ref: 'R6 – art. 10.3', libelle: "Montant dû au titre de l'exercice 2026 : 281,05 €", montant: '281.05' },
    ]);
    expect(titre.figures).toMatchObject({ joursFactures: 108, joursAnnee: 365, prorataMode: 'forfait', dateDebut: '2026-09-15', dateFin: '2026-12-31' });
  });

  it('E6, total mode', () => {
    const titre = e5(laclasse({ prorata: 'total' }));
    expect(titre.liquidation.filter((l) => l.ref === 'R6 – art. 10.3').map((l) => l.libelle)).toEqual([
      'Prorata temporis du 15/09/2026 au 31/12/2026 : 108 jours sur 365 (mode total : toute la contribution est proratisée)',
      'Montant proratisé : (300,00 € + 0,06 € × 3\u202f103 hab.) × 322,2 / 315,2 × 108 / 365 = 147,05 €',
      "Montant dû au titre de l'exercice 2026 : 147,05 €",
    ]);
    expect(titre.figures.prorataMode).toBe('total');
  });

  it('a capped transitional amount prorated mid-year, in both modes', () => {
    const plan = (prorata: 'forfait' | 'total') =>
      planExercice(
        dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateSignature: '2026-09-15', montantAnterieur: d('1100.00') })], config: config([laclasse({ prorata })]) }),
        EMPTY,
        late2026,
      ).documents[0];
    const forfait = plan('forfait');
    expect(forfait.liquidation.find((l) => l.libelle.startsWith('Montant proratisé'))?.libelle).toBe(
      'Montant proratisé : 1\u202f210,00 € × (300,00 € × 108 / 365 + 1\u202f094,58 €) / 1\u202f394,58 € (part de la contribution-cible due pour la période) = 1\u202f026,72 €',
    );
    expect(forfait).toMatchObject({ regime: 'transitoire', converge: false });
    const total = plan('total');
    // 1 210,00 × 108 / 365 = 358,027… = 358,03
    expect(total.liquidation.find((l) => l.libelle.startsWith('Montant proratisé'))?.libelle).toBe('Montant proratisé : 1\u202f210,00 € × 108 / 365 = 358,03 €');
    expect(total.montant.toFixed(2)).toBe('358.03');
  });

  it('a converged transitional adhesion starting mid-year is prorated by the R6 formula itself', () => {
    const titre = planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-09-15', montantAnterieur: d('600.00') })] }),
      EMPTY,
      late2026,
    ).documents[0];
    expect(titre).toMatchObject({ regime: 'transitoire', converge: true });
    expect(titre.montant.toFixed(2)).toBe('281.05');
  });
});

describe('R7 end during the exercice: policies du and prorata', () => {
  const ending = (finEnCoursExercice: 'du' | 'prorata', motifFin?: 'manquement_commune') =>
    planExercice(
      dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-06-30', motifFin })], config: config([laclasse({ finEnCoursExercice })]) }),
      EMPTY,
      at2026,
    ).documents[0];

  it('du: the full contribution, with the end line', () => {
    const titre = ending('du');
    expect(titre.montant.toFixed(2)).toBe('1425.55');
    expect(titre.figures.politiqueFin).toBe('du');
    expect(titre.liquidation[0]).toEqual({
      ref: 'R7 – art. 2 et 10.3',
      libelle: "Adhésion en vigueur du 01/01/2026 au 30/06/2026 (début de l'adhésion : 01/01/2026, jamais avant la signature de la convention-cadre)",
    });
    expect(titre.liquidation.find((l) => l.libelle.startsWith('Fin de'))).toEqual({
      ref: 'R7 – art. 12.2',
      libelle: "Fin de l'adhésion le 30/06/2026 (fin du service) ; la contribution de l'exercice reste due en entier",
      source: 'fin_en_cours_exercice = du',
    });
  });

  it('prorata: 181 days of 365, with the end line', () => {
    const titre = ending('prorata');
    // (300 × 181/365 + 1 094,58) × 322,2/315,2 = 1 270,959… = 1 270,96
    expect(titre.montant.toFixed(2)).toBe('1270.96');
    expect(titre.figures).toMatchObject({ politiqueFin: 'prorata', joursFactures: 181, dateFin: '2026-06-30' });
    expect(titre.liquidation.find((l) => l.libelle.startsWith('Fin de'))?.libelle).toBe(
      "Fin de l'adhésion le 30/06/2026 (fin du service) ; la contribution de l'exercice est due au prorata des jours d'adhésion jusqu'à la date de fin",
    );
    expect(titre.liquidation.at(-1)?.ref).toBe('R6 – art. 10.3');
  });

  it('a breach by the commune stays due in full even with the policy prorata', () => {
    const titre = ending('prorata', 'manquement_commune');
    expect(titre.montant.toFixed(2)).toBe('1425.55');
    expect(titre.figures.politiqueFin).toBeUndefined();
    expect(titre.figures.joursFactures).toBeUndefined();
    expect(titre.liquidation.find((l) => l.ref === 'R8 – art. 12.2')?.libelle).toBe(
      "Résiliation pour manquement de la commune le 30/06/2026 : la contribution de l'année d'adhésion en cours reste due dans son intégralité (art. 12.2)",
    );
  });
});
