/** R8 termination for a breach (art. 12.2), by the commune and by the Métropole, before and after issuance. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breachRefund, breachRefundMotif, isBreachRefundMotif, motifForDocument } from '../../src/engine/breach-refund.js';
import { addDays, daysBetween } from '../../src/engine/dates.js';
import { Decimal } from '../../src/engine/money.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, config, d, dataset, ECULLY, EMPTY, issued, issuePlan, laclasse } from './fixtures.js';

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

describe('R8 boundaries and wording', () => {
  const breach = (dateFin: string) => dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin, motifFin: 'manquement_metropole' })] });
  const titre4 = issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, montant: d('1425.55') });

  it('refunds nothing for a termination on 31 December: no réduction after issuance, the full titre before', () => {
    expect(breachRefund(d('1425.55'), '2026-12-31', 2026)).toMatchObject({ days: 0, yearDays: 365 });
    expect(breachRefund(d('1425.55'), '2026-12-31', 2026).refund.isZero()).toBe(true);
    const after = planExercice(breach('2026-12-31'), { documents: [titre4] }, at2026);
    expect(after.documents).toEqual([]);
    expect(after.sansTitre).toEqual([
      { codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', motif: 'deja_emis', detail: 'titre n° 4 déjà émis ; rien à restituer pour une résiliation le 31/12/2026 (R8)' },
    ]);
    const before = planExercice(breach('2026-12-31'), EMPTY, at2026).documents[0];
    expect(before.montant.toFixed(2)).toBe('1425.55');
    expect(before.figures.remboursement).toBeUndefined();
    expect(before.liquidation.some((l) => l.ref === 'R8 – art. 12.2')).toBe(false);
  });

  it('refunds one day for a termination on 30 December', () => {
    // 1 425,55 × 1 / 365 = 3,905… = 3,91
    const titre = planExercice(breach('2026-12-30'), EMPTY, at2026).documents[0];
    expect(titre.figures.remboursement).toBe('3.91');
    expect(titre.montant.toFixed(2)).toBe('1421.64');
    expect(titre.liquidation.at(-1)).toEqual({ ref: 'R8 – art. 12.2', libelle: "Montant dû au titre de l'exercice 2026 : 1\u202f421,64 €", montant: '1421.64' });
  });

  it('a refund that rounds to 0,00 € adds no line (threshold set to zero)', () => {
    // 1,00 € × 1 / 365 = 0,0027… → 0,00
    const service = laclasse({ forfait: d('1.00'), parHabitant: d('0'), indice: { serie: 'syntec', reference: '2025-10' } });
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-12-30', motifFin: 'manquement_metropole' })],
      config: { ...config([service]), seuilRecouvrement: d('0') },
    });
    const titre = planExercice(data, EMPTY, at2026).documents[0];
    expect(titre.montant.toFixed(2)).toBe('1.00');
    expect(titre.figures.remboursement).toBeUndefined();
    expect(titre.liquidation.some((l) => l.ref === 'R8 – art. 12.2')).toBe(false);
  });

  it('under the « prorata » end policy too, the titre is A − refund: the refund is the prorata, never applied twice', () => {
    const prorata = config([laclasse({ finEnCoursExercice: 'prorata' })]);
    const titre = planExercice(dataset({ ...breach('2026-06-30'), config: prorata }), EMPTY, at2026).documents[0];
    expect(titre.montant.toFixed(2)).toBe('706.92'); // 1 425,55 − 718,63, as under the « du » policy
    expect(titre.figures).toMatchObject({ remboursement: '718.63', joursAnnee: 365 });
    expect(titre.figures.joursFactures).toBeUndefined();
    expect(titre.figures.politiqueFin).toBeUndefined();
    expect(titre.liquidation.some((l) => l.ref === 'R6 – art. 10.3')).toBe(false);
    // a breach by the commune keeps the whole year due whatever the policy (art. 12.2)
    const commune = dataset({ config: prorata, adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-06-30', motifFin: 'manquement_commune' })] });
    expect(planExercice(commune, EMPTY, at2026).documents[0].montant.toFixed(2)).toBe('1425.55');
  });

  it('counts 366 days in a leap year: 30/06/2028 → 184 of 366', () => {
    expect(breachRefund(d('1425.55'), '2028-06-30', 2028)).toMatchObject({ days: 184, yearDays: 366 });
    // 1 425,55 × 184 / 366 = 716,67
    const titre = planExercice(breach('2028-06-30'), EMPTY, { exercice: 2028, dateEmission: '2028-06-15' }).documents[0];
    expect(titre.figures).toMatchObject({ remboursement: '716.67', joursAnnee: 366 });
    expect(titre.montant.toFixed(2)).toBe('708.88');
  });

  it('words the refund line before issuance', () => {
    const titre = planExercice(breach('2026-06-30'), EMPTY, at2026).documents[0];
    expect(titre.liquidation.filter((l) => l.ref === 'R8 – art. 12.2')).toEqual([
      {
        ref: 'R8 – art. 12.2',
        libelle:
          "Restitution prorata temporis pour manquement de la Métropole (résiliation le 30/06/2026, le jour de résiliation n'est pas restitué) : 1\u202f425,55 € × 184 / 365 = 718,63 €",
        montant: '-718.63',
      },
      { ref: 'R8 – art. 12.2', libelle: "Montant dû au titre de l'exercice 2026 : 706,92 €", montant: '706.92' },
    ]);
    expect(titre.liquidation.some((l) => l.libelle.startsWith('Fin de'))).toBe(false);
  });

  it('words the réduction after issuance, each line', () => {
    const reduced = { documents: [titre4, issued({ exercice: 2026, numero: 9, codeInsee: ECULLY, type: 'reduction', montant: d('100.00'), titreOrigine: { exercice: 2026, numero: 4 }, motif: 'erreur' })] };
    const doc = planExercice(breach('2026-06-30'), reduced, at2026).documents[0];
    const motif = 'manquement_metropole : restitution prorata temporis de la contribution, résiliation pour manquement de la Métropole le 30/06/2026 (art. 12.2)';
    expect(doc.motif).toBe(motif);
    expect(doc.liquidation).toEqual([
      { ref: 'R8 – art. 12.2', libelle: "Titre d'origine : n° 4 de l'exercice 2026, émis le 15/06/2026, montant 1\u202f425,55 €", montant: '1425.55' },
      { ref: 'R8 – art. 12.2', libelle: "Montant net du titre d'origine avant la présente correction (montant émis moins les réductions déjà prononcées) : 1\u202f325,55 €", montant: '1325.55' },
      {
        ref: 'R8 – art. 12.2',
        libelle:
          "Restitution prorata temporis pour manquement de la Métropole (résiliation le 30/06/2026, le jour de résiliation n'est pas restitué) : 1\u202f325,55 € × 184 / 365 = 668,22 €",
        montant: '-668.22',
      },
      { ref: 'R8 – art. 12.2', libelle: "Montant net du titre d'origine après la présente correction : 657,33 €", montant: '657.33' },
      { ref: 'R8 – art. 12.2', libelle: 'Montant de la réduction (motif : Restitution prorata temporis de la contribution, résiliation pour manquement de la Métropole le 30/06/2026 (art. 12.2)) : 668,22 €', montant: '668.22' },
    ]);
    expect(doc.figures).toEqual({ remboursement: '668.22', joursAnnee: 365, dateFin: '2026-06-30' });
    expect(doc).toMatchObject({ exercice: 2026, codeInsee: ECULLY, commune: 'Écully', service: 'laclasse' });
  });

  it('words the annulation when the refund is the whole net amount', () => {
    const history = {
      documents: [
        issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('15.00') }),
        issued({ exercice: 2026, numero: 2, codeInsee: ECULLY, type: 'reduction', montant: d('14.99'), titreOrigine: { exercice: 2026, numero: 1 } }),
      ],
    };
    const doc = planExercice(breach('2026-01-10'), history, at2026).documents[0];
    expect(doc.liquidation.at(-2)).toEqual({ ref: 'R8 – art. 12.2', libelle: "Montant net du titre d'origine après la présente correction : 0,00 €", montant: '0.00' });
    expect(doc.liquidation.at(-1)?.libelle).toMatch(/^Montant de l'annulation \(motif : Restitution prorata temporis .*\) : 0,01 €$/);
  });

  it('names the refund already issued', () => {
    const history = {
      documents: [titre4, issued({ exercice: 2026, numero: 5, codeInsee: ECULLY, type: 'reduction', montant: d('718.63'), titreOrigine: { exercice: 2026, numero: 4 }, motif: breachRefundMotif('2026-06-30') })],
    };
    expect(planExercice(breach('2026-06-30'), history, at2026).sansTitre).toEqual([
      { codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', motif: 'deja_emis', detail: 'restitution pour manquement de la Métropole déjà émise pour le titre n° 4 de 2026 (R8)' },
    ]);
    // the breach taken out of the data afterwards: the titre is simply issued, with what remains of it
    const noBreach = dataset({ adhesions: [adhesion({ codeInsee: ECULLY })] });
    expect(planExercice(noBreach, history, at2026).sansTitre).toEqual([
      { codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', motif: 'deja_emis', detail: "titre n° 4 de l'exercice 2026 déjà émis le 15/06/2026 (R9)" },
    ]);
    expect(isBreachRefundMotif(breachRefundMotif('2026-06-30'))).toBe(true);
    expect(isBreachRefundMotif('erreur de population')).toBe(false);
    expect(isBreachRefundMotif(undefined)).toBe(false);
    // printed without its data code, as a sentence; any other motif as it is
    expect(motifForDocument(breachRefundMotif('2026-06-30'))).toBe(
      'Restitution prorata temporis de la contribution, résiliation pour manquement de la Métropole le 30/06/2026 (art. 12.2)',
    );
    expect(motifForDocument('manquement_metropole:restitution')).toBe('Restitution');
    expect(motifForDocument('manquement_metropole  :  restitution : solde')).toBe('Restitution : solde');
    // a motif written by hand without the colon after the marker: only the marker goes, the colon
    // further in the text stays
    expect(motifForDocument('manquement_metropole restitution : solde')).toBe('Restitution : solde');
    expect(motifForDocument('erreur de population : doublon')).toBe('erreur de population : doublon');
  });

  it('a breach after issuance in another exercice than the titre is no refund: the titre is already issued', () => {
    const history = { documents: [issued({ exercice: 2027, numero: 2, codeInsee: ECULLY, montant: d('1425.55') })] };
    expect(planExercice(breach('2028-06-30'), history, { exercice: 2027, dateEmission: '2027-06-15' }).sansTitre[0]).toMatchObject({
      motif: 'deja_emis',
      detail: "titre n° 2 de l'exercice 2027 déjà émis le 15/06/2027 (R9)",
    });
  });
});

describe('R8 refund (properties)', () => {
  it('a termination on 1 January keeps one day, under the threshold: no titre', () => {
    const plan = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-01-01', motifFin: 'manquement_metropole' })] }), EMPTY, at2026);
    // 1 425,55 − round2(1 425,55 × 364 / 365) = 1 425,55 − 1 421,64 = 3,91
    expect(plan.sansTitre).toEqual([
      { codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', motif: 'seuil', detail: 'montant 3,91 € inférieur au seuil de mise en recouvrement de 15,00 € (art. D1611-1 CGCT)' },
    ]);
  });

  const dayOf2026 = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n));

  it('is round2(net × days after the termination / Y), between 0 and the net amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), dayOf2026, (netCents, date) => {
        const r = breachRefund(new Decimal(netCents).div(100), date, 2026);
        const days = BigInt(r.days);
        expect(r.days).toBe(daysBetween(date, '2026-12-31'));
        const expected = (2n * BigInt(netCents) * days + 365n) / (2n * 365n);
        expect(r.refund.times(100).toString()).toBe(expected.toString());
        expect(r.refund.gte(0) && r.refund.lte(new Decimal(netCents).div(100))).toBe(true);
      }),
    );
  });

  it('refund + the titre issued = the net amount, for any termination day before 31 December', () => {
    fc.assert(
      // from 4 January: the part kept for 1–3 January is under the threshold (below)
      fc.property(fc.integer({ min: 3, max: 363 }), (n) => {
        const date = addDays('2026-01-01', n);
        const titre = planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: date, motifFin: 'manquement_metropole' })] }), EMPTY, at2026).documents[0];
        expect(titre.montant.plus(d(titre.figures.remboursement ?? '0')).toFixed(2), date).toBe('1425.55');
      }),
      { numRuns: 40 },
    );
  });
});
