/** R10 corrections: annulation, réduction, errors, and R5 computed on the net amount afterwards. */
import { describe, expect, it } from 'vitest';
import { planCancellation, planCorrection } from '../../src/engine/plan-cancellation.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, COMMUNES, d, dataset, ECULLY, EMPTY, issued, issuePlan, point, populations, POPULATIONS_2026, syntec, SYNTEC_2025, thrownError } from './fixtures.js';
import type { History } from '../../src/engine/history.js';

const context = { communes: COMMUNES };
/** A correction in the autumn of the titre's exercice (its window is open, R9). */
const AUTUMN = '2026-09-01';
const titre = issued({ exercice: 2026, numero: 3, codeInsee: ECULLY, montant: d('1210.00'), regime: 'transitoire', converge: false, contributionCible: d('1425.55') });
const history: History = { documents: [titre] };

describe('R10 planCancellation', () => {
  it('annuls the whole remaining net amount when no amount is given', () => {
    const doc = planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'erreur de population' }, context);
    expect(doc).toMatchObject({ type: 'annulation', codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', titreOrigine: { exercice: 2026, numero: 3 }, motif: 'erreur de population' });
    expect(doc.montant.toFixed(2)).toBe('1210.00');
  });

  it('reduces a part, with the liquidation of the net before and after', () => {
    const doc = planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'geste', montant: d('100.00') }, context);
    expect(doc.type).toBe('reduction');
    expect(doc.liquidation.map((l) => l.montant)).toEqual(['1210.00', '1210.00', '1110.00', '100.00']);
    expect(doc.liquidation.at(-1)?.libelle).toContain('100,00 €');
  });

  it('treats an amount equal to the remaining net as an annulation', () => {
    const reduced: History = { documents: [titre, issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, type: 'reduction', montant: d('10.00'), titreOrigine: { exercice: 2026, numero: 3 } })] };
    expect(planCancellation(reduced, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'x', montant: d('1200.00') }, context).type).toBe('annulation');
  });

  it('rejects an unknown titre, a reduction as target, a bad amount and a fully annulled titre', () => {
    expect(thrownError(() => planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 8, motif: 'x' }, context))).toMatchObject({ kind: 'usage', problems: [{ code: 'TITRE_INCONNU' }] });
    const withReduction: History = { documents: [titre, issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, type: 'reduction', montant: d('10.00'), titreOrigine: { exercice: 2026, numero: 3 } })] };
    expect(thrownError(() => planCancellation(withReduction, { date: AUTUMN, exercice: 2026, numero: 4, motif: 'x' }, context))).toMatchObject({
      kind: 'usage',
      problems: [{ code: 'TITRE_EST_UNE_REDUCTION' }],
    });
    for (const montant of ['0', '-5.00', '1210.01', '10.005']) {
      expect(thrownError(() => planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'x', montant: d(montant) }, context)).problems[0].code).toBe('MONTANT_REDUCTION_INVALIDE');
    }
    const both = thrownError(() => planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: ' ', montant: d('0') }, context));
    expect(both.problems.map((p) => p.code)).toEqual(['MOTIF_CORRECTION_ABSENT', 'MONTANT_REDUCTION_INVALIDE']);
    expect(both.kind).toBe('usage');
    const annulled: History = { documents: [titre, issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, type: 'annulation', montant: d('1210.00'), titreOrigine: { exercice: 2026, numero: 3 } })] };
    expect(thrownError(() => planCancellation(annulled, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'x' }, context))).toMatchObject({ kind: 'state', problems: [{ code: 'TITRE_DEJA_ANNULE' }] });
  });

  it('refuses a correction dated before the titre it corrects; the titre\'s own day is allowed (R9, R10)', () => {
    const e = thrownError(() => planCancellation(history, { date: '2026-06-14', exercice: 2026, numero: 3, motif: 'x' }, context));
    expect(e).toMatchObject({ kind: 'usage', problems: [{ code: 'DATE_AVANT_TITRE' }] });
    expect(e.problems[0].message).toContain('le 15/06/2026');
    expect(planCancellation(history, { date: '2026-06-15', exercice: 2026, numero: 3, motif: 'x' }, context).type).toBe('annulation');
  });

  it('a closed exercice (after 31 January N+1) gets the statement of a mandat on compte 673 of the current exercice, never a titre of N (R10)', () => {
    expect(planCancellation(history, { date: '2027-01-31', exercice: 2026, numero: 3, motif: 'x', montant: d('100.00') }, context)).toMatchObject({
      type: 'reduction',
      exercice: 2026,
    });
    const etat = planCancellation(history, { date: '2027-02-01', exercice: 2026, numero: 3, motif: 'Erreur de population', montant: d('100.00') }, context);
    expect(etat).toMatchObject({ type: 'etat_annulation', exercice: 2027, titreOrigine: { exercice: 2026, numero: 3 }, motif: 'Erreur de population' });
    expect(etat.montant.toFixed(2)).toBe('100.00');
    expect(etat.liquidation[0].libelle).toContain("Exercice 2026 clos le 31/01/2027");
    expect(etat.liquidation[0].libelle).toContain('compte 673');
    expect(etat.liquidation.map((l) => l.montant).slice(1)).toEqual(['1210.00', '1210.00', '1110.00', '100.00']);
    // the whole remaining amount: still a statement, never an annulation of 2026
    expect(planCancellation(history, { date: '2027-09-01', exercice: 2026, numero: 3, motif: 'x' }, context).type).toBe('etat_annulation');
  });

  it('caps the next year on the net amount after a manual partial reduction (R5, R10)', () => {
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })],
      populations: populations([2026, 2027], POPULATIONS_2026, { 2027: { [ECULLY]: [18100, 18400] } }),
      indices: new Map([['syntec', syntec([...SYNTEC_2025, point('2026-10', '330.0', '2026-11-27')])]]),
    });
    const p2026 = planExercice(data, EMPTY, { exercice: 2026, dateEmission: '2026-06-15' });
    let journal = issuePlan(EMPTY, p2026);
    const reduction = planCancellation(journal, { date: AUTUMN, exercice: 2026, numero: 1, motif: 'erreur', montant: d('100.00') }, context);
    journal = issuePlan(journal, { ...p2026, documents: [reduction] });
    const p2027 = planExercice(data, journal, { exercice: 2027, dateEmission: '2027-06-15' });
    // A(2026) net = 1 110,00; cap = 1 110,00 × 1,05 = 1 165,50
    expect(p2027.documents[0].figures).toMatchObject({ montantPrecedent: '1110.00', plafond: '1165.50' });
    expect(p2027.documents[0].montant.toFixed(2)).toBe('1165.50');
  });
});

describe('R10 wording of corrections and of their refusals', () => {
  it('words each line of a réduction', () => {
    const doc = planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: '  erreur de population  ', montant: d('100.00') }, context);
    expect(doc.motif).toBe('erreur de population');
    expect(doc.liquidation).toEqual([
      { ref: 'R10', libelle: "Titre d'origine : n° 3 de l'exercice 2026, émis le 15/06/2026, montant 1\u202f210,00 €", montant: '1210.00' },
      {
        ref: 'R10',
        libelle: "Montant net du titre d'origine avant la présente correction (montant émis moins les réductions déjà prononcées) : 1\u202f210,00 €",
        montant: '1210.00',
      },
      { ref: 'R10', libelle: "Montant net du titre d'origine après la présente correction : 1\u202f110,00 €", montant: '1110.00' },
      { ref: 'R10', libelle: 'Montant de la réduction (motif : erreur de population) : 100,00 €', montant: '100.00' },
    ]);
    expect(doc.figures).toEqual({ contributionCible: '1425.55' });
  });

  it('words an annulation of what remains after a reduction, and names an unknown commune by its code', () => {
    const reduced: History = {
      documents: [
        { ...titre, codeInsee: '69999', contributionCible: undefined },
        issued({ exercice: 2026, numero: 4, codeInsee: '69999', type: 'reduction', montant: d('10.00'), titreOrigine: { exercice: 2026, numero: 3 } }),
      ],
    };
    const doc = planCancellation(reduced, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'doublon', montant: d('1200.00') }, context);
    expect(doc).toMatchObject({ type: 'annulation', commune: '69999', codeInsee: '69999' });
    expect(doc.figures).toEqual({});
    expect(doc.liquidation.slice(1).map((l) => l.libelle)).toEqual([
      "Montant net du titre d'origine avant la présente correction (montant émis moins les réductions déjà prononcées) : 1\u202f200,00 €",
      "Montant net du titre d'origine après la présente correction : 0,00 €",
      "Montant de l'annulation (motif : doublon) : 1\u202f200,00 €",
    ]);
  });

  it('words the statement of a closed exercice, each line, with the figures of the titre it corrects', () => {
    const etat = planCancellation(history, { exercice: 2026, numero: 3, motif: 'erreur de population', montant: d('100.00'), date: '2027-03-15' }, context);
    expect(etat).toMatchObject({ type: 'etat_annulation', exercice: 2027, commune: 'Écully' });
    expect(etat.figures).toEqual({ contributionCible: '1425.55' });
    expect(etat.liquidation).toEqual([
      {
        ref: 'R10 – instruction M57, compte 673',
        libelle:
          "Exercice 2026 clos le 31/01/2027 : la correction ne peut plus être un titre de réduction ou d'annulation de 2026 ; elle est constatée par un mandat de l'exercice 2027 au compte 673 « Titres annulés (sur exercices antérieurs) » (instruction M57), que le présent état justifie",
      },
      // only the closure cites the M57; the correction's own lines are R10's, word for word those of the réduction it replaces
      ...planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'erreur de population', montant: d('100.00') }, context).liquidation,
    ]);
    expect(etat.liquidation.slice(1).map((l) => l.ref)).toEqual(['R10', 'R10', 'R10', 'R10']);
    // a titre without a recorded contribution-cible, of a commune no longer in communes.csv
    const bare: History = { documents: [{ ...titre, codeInsee: '69999', contributionCible: undefined }] };
    const other = planCancellation(bare, { exercice: 2026, numero: 3, motif: 'doublon', date: '2028-02-01' }, context);
    expect(other).toMatchObject({ type: 'etat_annulation', exercice: 2028, commune: '69999', codeInsee: '69999' });
    expect(other.figures).toEqual({});
    expect(other.liquidation[0].libelle).toContain("mandat de l'exercice 2028 au compte 673");
    expect(other.liquidation.at(-1)?.libelle).toBe("Montant de l'annulation (motif : doublon) : 1\u202f210,00 €");
  });

  it('reduces by exactly the net amount less one cent, not more', () => {
    expect(planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'x', montant: d('1209.99') }, context).type).toBe('reduction');
    expect(planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'x', montant: d('0.01') }, context).montant.toFixed(2)).toBe('0.01');
  });

  it('words each refusal', () => {
    const messages = (fn: () => unknown) => thrownError(fn).problems.map((p) => p.message);
    expect(messages(() => planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 8, motif: 'x' }, context))).toEqual([
      'titre « 2026-8 » introuvable dans le journal des titres émis (R10)',
    ]);
    const withCorrections: History = {
      documents: [
        titre,
        issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, type: 'reduction', montant: d('10.00'), titreOrigine: { exercice: 2026, numero: 3 } }),
        issued({ exercice: 2026, numero: 5, codeInsee: ECULLY, type: 'annulation', montant: d('1200.00'), titreOrigine: { exercice: 2026, numero: 3 } }),
      ],
    };
    expect(messages(() => planCancellation(withCorrections, { date: AUTUMN, exercice: 2026, numero: 4, motif: 'x' }, context))).toEqual([
      'le document « 2026-4 » est un titre de réduction : seul un titre de recette peut être corrigé (R10)',
    ]);
    expect(messages(() => planCancellation(withCorrections, { date: AUTUMN, exercice: 2026, numero: 5, motif: 'x' }, context))).toEqual([
      "le document « 2026-5 » est un titre d'annulation : seul un titre de recette peut être corrigé (R10)",
    ]);
    expect(messages(() => planCancellation(withCorrections, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'x' }, context))).toEqual([
      'le titre « 2026-3 » est déjà entièrement annulé : son montant net est nul (R10)',
    ]);
    expect(messages(() => planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: '', montant: d('1210.01') }, context))).toEqual([
      'motif absent pour la correction du titre « 2026-3 » (R10)',
      'montant de réduction « 1210.01 » invalide pour le titre « 2026-3 » : il doit être positif, au centime, et au plus égal au montant net restant de 1\u202f210,00 € (R10)',
    ]);
  });
});

describe('R10 the plan of a correction (what titres cancel issues)', () => {
  it('holds the one correction, dated the request, in its exercice; it adds to the reductions, not to the titres', () => {
    const plan = planCorrection(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'geste', montant: d('100.00') }, context);
    expect(plan).toMatchObject({ exercice: 2026, dateEmission: AUTUMN, sansTitre: [], avertissements: [] });
    expect(plan.documents).toEqual([planCancellation(history, { date: AUTUMN, exercice: 2026, numero: 3, motif: 'geste', montant: d('100.00') }, context)]);
    expect([plan.total.toFixed(2), plan.totalReductions.toFixed(2)]).toEqual(['0.00', '100.00']);
  });

  it('a statement of compte 673 belongs to the current exercice, the closed one stays its titre’s', () => {
    const plan = planCorrection(history, { date: '2027-03-01', exercice: 2026, numero: 3, motif: 'x', montant: d('100.00') }, context);
    expect([plan.exercice, plan.documents[0].type, plan.dateEmission]).toEqual([2027, 'etat_annulation', '2027-03-01']);
  });
});
