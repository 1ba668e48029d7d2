/** R7 which exercices are billed: premier exercice, convention life (6 years), end policy. */
import { describe, expect, it } from 'vitest';
import { adhesionEnd, adhesionStart, billingPeriod, conventionLifeEnd, END_CAUSE_FR } from '../../src/engine/billing-period.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, config, d, dataset, ECULLY, EMPTY, issued, laclasse, SMALL } from './fixtures.js';

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

describe('R7 boundaries of the billing period', () => {
  const at = (exercice: number) => ({ exercice, dateEmission: `${exercice}-06-15` });
  const period = (a: Parameters<typeof adhesion>[0], exercice: number) => billingPeriod(adhesion(a), convention, exercice);

  it('caps a date_fin after the 6-year life at the life end, as an expiry', () => {
    for (const dateFin of ['2033-06-30', '2031-12-17']) {
      expect(adhesionEnd(adhesion({ codeInsee: ECULLY, dateFin }), '2031-12-17'), dateFin).toEqual({ end: '2031-12-17', cause: 'expiration' });
    }
    expect(adhesionEnd(adhesion({ codeInsee: ECULLY, dateFin: '2031-12-16' }), '2031-12-17')).toEqual({ end: '2031-12-16', cause: 'fin' });
    expect(adhesionEnd(adhesion({ codeInsee: ECULLY, dateFin: '2028-03-31' }), '2031-12-17')).toEqual({ end: '2028-03-31', cause: 'fin' });
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2033-06-30' })] });
    expect(planExercice(data, EMPTY, at(2033)).sansTitre).toEqual([
      { codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', motif: 'expiree', detail: 'convention expirée le 17/12/2031' },
    ]);
  });

  it('bills an adhesion in force on 1 January only, for that one day', () => {
    expect(period({ codeInsee: ECULLY, dateFin: '2027-01-01' }, 2027)).toMatchObject({
      status: 'billed',
      start: '2027-01-01',
      end: '2027-01-01',
      endsInExercice: true,
    });
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2027-01-01' })], config: config([laclasse({ finEnCoursExercice: 'prorata' })]) });
    const titre = planExercice(data, EMPTY, at(2027)).documents[0];
    // (300 × 1/365 + 1 094,58) × 322,2/315,2 = 1 119,728… = 1 119,73
    expect(titre.figures).toMatchObject({ joursFactures: 1, joursAnnee: 365, dateDebut: '2027-01-01', dateFin: '2027-01-01' });
    expect(titre.montant.toFixed(2)).toBe('1119.73');
  });

  it('does not bill the year after an adhesion ending on 31 December, and says why', () => {
    expect(period({ codeInsee: ECULLY, dateFin: '2026-12-31' }, 2027)).toEqual({
      status: 'hors_periode',
      detail: 'adhésion terminée le 31/12/2026 (fin du service)',
      adhesionEnd: { end: '2026-12-31', cause: 'fin' },
    });
  });

  it('bills an adhesion ending on 31 December for the whole year, with no end line', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-12-31' })], config: config([laclasse({ finEnCoursExercice: 'prorata' })]) });
    expect(period({ codeInsee: ECULLY, dateFin: '2026-12-31' }, 2026)).toMatchObject({ status: 'billed', end: '2026-12-31', endsInExercice: false });
    const titre = planExercice(data, EMPTY, at2026).documents[0];
    expect(titre.montant.toFixed(2)).toBe('1425.55');
    expect(titre.regime).toBe('cible');
    expect(titre.figures.politiqueFin).toBeUndefined();
    expect(titre.liquidation.map((l) => l.ref)).toEqual(['R3 – art. 10.1', 'R4 – art. 10.1', 'R4 – annexe laclasse.com §6', 'R4 – annexe laclasse.com §6']);
    // ending on 30 December: the end is in the exercice
    expect(period({ codeInsee: ECULLY, dateFin: '2026-12-30' }, 2026)).toMatchObject({ endsInExercice: true, end: '2026-12-30' });
  });

  it('bills one day for an adhesion ending on its own start, nothing when it ends the day before', () => {
    expect(period({ codeInsee: SMALL, dateSignature: '2026-09-15', dateFin: '2026-09-15' }, 2026)).toMatchObject({
      status: 'billed',
      start: '2026-09-15',
      end: '2026-09-15',
    });
    expect(period({ codeInsee: SMALL, dateSignature: '2026-09-15', dateFin: '2026-09-14' }, 2026)).toEqual({
      status: 'hors_periode',
      detail: 'adhésion terminée le 14/09/2026 (fin du service)',
      adhesionEnd: { end: '2026-09-14', cause: 'fin' },
    });
  });

  it('starts at the latest of date_debut, the signature and 1 January of the first exercice', () => {
    expect(adhesionStart(adhesion({ codeInsee: ECULLY, dateSignature: '2025-06-01', dateDebut: '2025-09-01' }), 2026)).toBe('2026-01-01');
    expect(adhesionStart(adhesion({ codeInsee: ECULLY, dateSignature: '2026-03-01', dateDebut: '2026-02-01' }), 2026)).toBe('2026-03-01');
    expect(adhesionStart(adhesion({ codeInsee: ECULLY, dateSignature: '2026-03-01', dateDebut: '2026-04-01' }), 2026)).toBe('2026-04-01');
  });

  it('bills the first and the last day of a year, of a leap year: 1 day of 365, 1 day of 366', () => {
    expect(period({ codeInsee: SMALL, dateSignature: '2027-12-31' }, 2027)).toMatchObject({ status: 'billed', start: '2027-12-31', end: '2027-12-31', firstExercice: 2027 });
    const leap = planExercice(dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2028-12-31' })] }), EMPTY, { exercice: 2028, dateEmission: '2028-12-31' }).documents[0];
    // (300 × 1/366 + 186,18) × 322,2/315,2 = 191,15
    expect(leap.figures).toMatchObject({ joursFactures: 1, joursAnnee: 366 });
    expect(leap.montant.toFixed(2)).toBe('191.15');
    const first = planExercice(dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2028-01-01' })] }), EMPTY, at(2028)).documents[0];
    expect(first.regime).toBe('cible');
    expect(first.figures.joursFactures).toBeUndefined();
    expect(first.montant.toFixed(2)).toBe('496.98');
    const feb29 = planExercice(dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2028-02-29' })] }), EMPTY, at(2028)).documents[0];
    // 29/02 → 31/12/2028 = 307 days: (300 × 307/366 + 186,18) × 322,2/315,2 = 447,54
    expect(feb29.figures).toMatchObject({ joursFactures: 307, joursAnnee: 366 });
    expect(feb29.montant.toFixed(2)).toBe('447.54');
  });

  it('ends a life signed on 1 March 2026 on 29 February 2032, and one signed on 1 January on 31 December', () => {
    expect(conventionLifeEnd('2026-03-01', 6)).toBe('2032-02-29');
    expect(conventionLifeEnd('2026-01-01', 6)).toBe('2031-12-31');
    const leapEnd = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-03-01' })], config: config([laclasse({ finEnCoursExercice: 'prorata' })]) });
    const last = planExercice(leapEnd, EMPTY, at(2032)).documents[0];
    // 01/01 → 29/02/2032 = 60 days of 366: (300 × 60/366 + 186,18) × 322,2/315,2 = 240,59
    expect(last.figures).toMatchObject({ joursFactures: 60, joursAnnee: 366, dateFin: '2032-02-29' });
    expect(last.montant.toFixed(2)).toBe('240.59');
    expect(planExercice(leapEnd, EMPTY, at(2033)).sansTitre[0].detail).toBe('convention expirée le 29/02/2032');
    const yearEnd = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-01-01' })] });
    const y2031 = planExercice(yearEnd, EMPTY, at(2031)).documents[0];
    expect(y2031.montant.toFixed(2)).toBe('496.98');
    expect(y2031.liquidation.some((l) => l.libelle.startsWith('Fin de'))).toBe(false);
    expect(planExercice(yearEnd, EMPTY, at(2032)).sansTitre[0]).toMatchObject({ motif: 'expiree', detail: 'convention expirée le 31/12/2031' });
  });

  it('labels a late notice pushed to the end of the convention as an expiry', () => {
    const late = adhesion({ codeInsee: ECULLY, dateFin: '2030-12-17', motifFin: 'resiliation', datePreavis: '2030-10-01' });
    expect(adhesionEnd(late, '2031-12-17')).toMatchObject({ end: '2031-12-17', cause: 'expiration', notice: { end: '2031-12-17', adjusted: true } });
    const onTime = adhesion({ codeInsee: ECULLY, dateFin: '2030-12-17', motifFin: 'resiliation', datePreavis: '2030-09-17' });
    expect(adhesionEnd(onTime, '2031-12-17')).toMatchObject({ end: '2030-12-17', cause: 'resiliation', notice: { adjusted: false } });
    const titre = planExercice(dataset({ adhesions: [late] }), EMPTY, at(2031)).documents[0];
    expect(titre.liquidation.find((l) => l.libelle.startsWith('Fin de'))).toEqual({
      ref: 'R7 – art. 2',
      libelle:
        "Fin de l'adhésion le 17/12/2031 (expiration de la convention, art. 2) ; fin demandée le 17/12/2030, préavis tardif ou date hors fin d'année d'adhésion : convention reconduite jusqu'au 17/12/2031 ; la contribution de l'exercice reste due en entier",
      source: 'fin_en_cours_exercice = du',
    });
  });
});

describe('R7 wording of every cause without titre', () => {
  const who = { codeInsee: ECULLY, commune: 'Écully', service: 'laclasse' };
  const at2027 = { exercice: 2027, dateEmission: '2027-06-15' };
  const noTitre = (a: Partial<Parameters<typeof adhesion>[0]>, options = at2027) =>
    planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY, ...a })] }), EMPTY, options).sansTitre;

  it('names the end of each kind', () => {
    expect(noTitre({ dateFin: '2026-06-30', motifFin: 'manquement_commune' })).toEqual([
      { ...who, motif: 'hors_periode', detail: 'adhésion terminée le 30/06/2026 (résiliation pour manquement de la commune, art. 12.2)' },
    ]);
    expect(noTitre({ dateFin: '2026-06-30', motifFin: 'manquement_metropole' })).toEqual([
      { ...who, motif: 'hors_periode', detail: 'adhésion terminée le 30/06/2026 (résiliation pour manquement de la Métropole, art. 12.2)' },
    ]);
    expect(noTitre({ dateFin: '2026-12-17', motifFin: 'resiliation', datePreavis: '2026-09-01' })).toEqual([
      { ...who, motif: 'hors_periode', detail: 'adhésion terminée le 17/12/2026 (résiliation, art. 12.2)' },
    ]);
    expect(noTitre({ dateFin: '2026-06-30' })).toEqual([{ ...who, motif: 'hors_periode', detail: 'adhésion terminée le 30/06/2026 (fin du service)' }]);
    expect(END_CAUSE_FR.expiration).toBe('expiration de la convention, art. 2');
  });

  it('names an exercice before the convention, a start after the exercice and a free service', () => {
    expect(noTitre({}, { exercice: 2025, dateEmission: '2025-06-15' })).toEqual([
      { ...who, motif: 'hors_periode', detail: 'exercice 2025 antérieur au premier exercice de la convention-cadre (2026)' },
    ]);
    expect(noTitre({ dateSignature: '2028-01-01' })).toEqual([{ ...who, motif: 'hors_periode', detail: 'adhésion débutant le 01/01/2028' }]);
    expect(noTitre({ service: 'geonet' })).toEqual([
      { ...who, service: 'geonet', motif: 'gratuit', detail: "service gratuit « Geonet » : aucun titre n'est émis (R2)" },
    ]);
  });

  it('names the titre already issued', () => {
    const history = { documents: [issued({ exercice: 2027, numero: 4, codeInsee: ECULLY, montant: d('1425.55'), dateEmission: '2027-06-01' })] };
    expect(planExercice(dataset({ adhesions: [adhesion({ codeInsee: ECULLY })] }), history, at2027).sansTitre).toEqual([
      { ...who, motif: 'deja_emis', detail: "titre n° 4 de l'exercice 2027 déjà émis le 01/06/2027 (R9)" },
    ]);
    // an adhesion ending during that exercice, other than by a breach of the Métropole: nothing to refund (R8)
    const ending = adhesion({ codeInsee: ECULLY, dateFin: '2027-12-17', motifFin: 'resiliation', datePreavis: '2027-06-01' });
    expect(planExercice(dataset({ adhesions: [ending] }), history, at2027).sansTitre).toEqual([
      { ...who, motif: 'deja_emis', detail: "titre n° 4 de l'exercice 2027 déjà émis le 01/06/2027 (R9)" },
    ]);
  });
});
