/** R7 termination notice (art. 12.2): effective end and warnings; a new adhesion followed to its end. */
import { describe, expect, it } from 'vitest';
import { effectiveTerminationEnd } from '../../src/engine/termination-notice.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import type { Problem } from '../../src/errors/problem.js';
import { adhesion, amount, config, dataset, EMPTY, issuePlan, laclasse, SMALL } from './fixtures.js';

const LIFE_END = '2031-12-17';

describe('R7 effective end of a resiliation', () => {
  it('keeps date_fin when it ends an adhesion year with 3 months of notice', () => {
    expect(effectiveTerminationEnd('2025-12-18', '2027-12-17', '2027-09-18', LIFE_END)).toEqual({
      end: '2027-12-17',
      adjusted: false,
      noticeMissing: false,
    });
  });

  it('renews for one year when the notice is late', () => {
    expect(effectiveTerminationEnd('2025-12-18', '2027-12-17', '2027-09-19', LIFE_END)).toMatchObject({
      end: '2028-12-17',
      adjusted: true,
    });
  });

  it('moves a date_fin that is not the end of an adhesion year to the next one', () => {
    expect(effectiveTerminationEnd('2025-12-18', '2027-06-30', '2027-01-10', LIFE_END)).toMatchObject({
      end: '2027-12-17',
      adjusted: true,
    });
  });

  it('takes a missing notice date as valid', () => {
    expect(effectiveTerminationEnd('2025-12-18', '2027-12-17', undefined, LIFE_END)).toEqual({
      end: '2027-12-17',
      adjusted: false,
      noticeMissing: true,
    });
  });

  it('never goes beyond the convention life', () => {
    expect(effectiveTerminationEnd('2025-12-18', '2031-12-17', '2031-11-01', LIFE_END).end).toBe(LIFE_END);
  });
});

describe('R7 a new adhesion mid-year, then a resiliation', () => {
  const signed = { codeInsee: SMALL, dateSignature: '2026-09-15' };

  it('with valid notice: prorata in 2026, full 2027 (policy du), nothing in 2028', () => {
    const data = dataset({ adhesions: [adhesion({ ...signed, dateFin: '2027-09-14', motifFin: 'resiliation', datePreavis: '2027-05-02' })] });
    const p2026 = planExercice(data, EMPTY, { exercice: 2026, dateEmission: '2026-09-15' });
    expect(amount(p2026, SMALL)).toBe('281.05');
    const p2027 = planExercice(data, issuePlan(EMPTY, p2026), { exercice: 2027, dateEmission: '2027-06-15' });
    expect(p2027.avertissements).not.toContainEqual(expect.objectContaining({ code: 'PREAVIS_TARDIF' }));
    // 2027 full: (300 + 186,18) × 1,022208 = 496,98
    expect(amount(p2027, SMALL)).toBe('496.98');
    const p2028 = planExercice(data, EMPTY, { exercice: 2028, dateEmission: '2028-06-15' });
    expect(p2028.sansTitre[0]).toMatchObject({ motif: 'hors_periode' });
    expect(p2028.sansTitre[0].detail).toContain('14/09/2027');
  });

  it('with late notice: warns, renews and bills up to the next end of adhesion year (policy prorata)', () => {
    const data = dataset({
      adhesions: [adhesion({ ...signed, dateFin: '2027-09-14', motifFin: 'resiliation', datePreavis: '2027-07-01' })],
      config: config([laclasse({ finEnCoursExercice: 'prorata' })]),
    });
    const p2027 = planExercice(data, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' });
    const warning = p2027.avertissements.find((w) => w.code === 'PREAVIS_TARDIF');
    expect(warning?.message).toContain("préavis tardif : convention reconduite jusqu'au 14/09/2028");
    expect(amount(p2027, SMALL)).toBe('496.98'); // the renewal covers all of 2027
    const p2028 = planExercice(data, EMPTY, { exercice: 2028, dateEmission: '2028-06-15' });
    const titre = p2028.documents[0];
    // 01/01/2028 → 14/09/2028 = 258 days of 366: (300 × 258/366 + 186,18) × 1,022208 = 406,49
    expect(titre.figures).toMatchObject({ joursFactures: 258, joursAnnee: 366, politiqueFin: 'prorata' });
    expect(titre.montant.toFixed(2)).toBe('406.49');
    // The policy in plain French on the document; the configuration key only in the source.
    const end = titre.liquidation.find((l) => l.source === 'fin_en_cours_exercice = prorata');
    expect(end?.libelle).toContain("la contribution de l'exercice est due au prorata des jours d'adhésion jusqu'à la date de fin");
    expect(end?.libelle).not.toContain('fin_en_cours_exercice');
  });

  it('warns when a resiliation has no notice date and takes it as valid', () => {
    const data = dataset({ adhesions: [adhesion({ ...signed, dateFin: '2027-09-14', motifFin: 'resiliation' })] });
    const p2027 = planExercice(data, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' });
    expect(p2027.avertissements.map((w) => w.code)).toContain('PREAVIS_ABSENT');
    expect(p2027.avertissements.map((w) => w.code)).not.toContain('PREAVIS_TARDIF');
  });
});

/** The notice warnings only (the fixture's Syntec series also warns that its month is old, R4). */
function noticeWarnings(warnings: Problem[]): Problem[] {
  return warnings.filter((w) => w.code.startsWith('PREAVIS_'));
}

describe('R7 notice received on days 1–9 and 28–31 of a month', () => {
  it('days 1–9: a notice that reaches 3 months on the anniversary itself is on time, one day later is late', () => {
    // signed 06/01/2026: adhesion years end on 5 January
    const life = '2032-01-05';
    expect(effectiveTerminationEnd('2026-01-06', '2027-01-05', '2026-10-05', life)).toEqual({ end: '2027-01-05', adjusted: false, noticeMissing: false });
    expect(effectiveTerminationEnd('2026-01-06', '2027-01-05', '2026-10-06', life)).toEqual({ end: '2027-01-05', adjusted: false, noticeMissing: false });
    expect(effectiveTerminationEnd('2026-01-06', '2027-01-05', '2026-10-07', life)).toEqual({ end: '2028-01-05', adjusted: true, noticeMissing: false });
    expect(effectiveTerminationEnd('2026-01-06', '2027-01-05', '2026-10-01', life).end).toBe('2027-01-05');
    expect(effectiveTerminationEnd('2026-01-10', '2027-01-09', '2026-10-09', '2032-01-09').end).toBe('2027-01-09');
  });

  it('days 28–31: three months after 30 November is 28 February (29 in a leap year)', () => {
    // signed 01/03/2026: adhesion years end on the last day of February
    const life = '2032-02-29';
    expect(effectiveTerminationEnd('2026-03-01', '2027-02-28', '2026-11-30', life)).toEqual({ end: '2027-02-28', adjusted: false, noticeMissing: false });
    expect(effectiveTerminationEnd('2026-03-01', '2027-02-28', '2026-12-01', life)).toEqual({ end: '2027-02-28', adjusted: false, noticeMissing: false });
    expect(effectiveTerminationEnd('2026-03-01', '2027-02-28', '2026-12-02', life)).toEqual({ end: '2028-02-29', adjusted: true, noticeMissing: false });
    expect(effectiveTerminationEnd('2026-03-01', '2028-02-29', '2027-11-29', life).end).toBe('2028-02-29');
    expect(effectiveTerminationEnd('2026-03-01', '2028-02-29', '2027-12-02', life).end).toBe('2029-02-28');
  });

  it('day 31: three months after 31 August is 30 November', () => {
    // signed 01/12/2025: adhesion years end on 30 November
    const life = '2031-11-30';
    expect(effectiveTerminationEnd('2025-12-01', '2027-11-30', '2027-08-31', life)).toEqual({ end: '2027-11-30', adjusted: false, noticeMissing: false });
    expect(effectiveTerminationEnd('2025-12-01', '2027-11-30', '2027-09-01', life).end).toBe('2027-11-30');
    expect(effectiveTerminationEnd('2025-12-01', '2027-11-30', '2027-09-02', life).end).toBe('2028-11-30');
    expect(effectiveTerminationEnd('2025-12-01', '2027-11-30', '2027-08-28', life).end).toBe('2027-11-30');
  });

  it('ends at the first adhesion year end on or after date_fin, and at the life end past the last one', () => {
    expect(effectiveTerminationEnd('2025-12-18', '2026-12-17', '2026-01-01', LIFE_END).end).toBe('2026-12-17');
    expect(effectiveTerminationEnd('2025-12-18', '2026-12-18', '2026-01-01', LIFE_END)).toMatchObject({ end: '2027-12-17', adjusted: true });
    expect(effectiveTerminationEnd('2025-12-18', '2030-12-18', '2026-01-01', LIFE_END)).toMatchObject({ end: LIFE_END, adjusted: true });
    expect(effectiveTerminationEnd('2025-12-18', '2030-12-17', '2026-01-01', LIFE_END)).toMatchObject({ end: '2030-12-17', adjusted: false });
  });

  it('follows a notice on day 5 through planning: on time, no warning and nothing billed after', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-01-06', dateFin: '2027-01-05', motifFin: 'resiliation', datePreavis: '2026-10-05' })] });
    const p2027 = planExercice(data, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' });
    expect(noticeWarnings(p2027.avertissements)).toEqual([]);
    expect(p2027.documents[0].liquidation.find((l) => l.libelle.startsWith('Fin de'))).toEqual({
      ref: 'R7 – art. 12.2',
      libelle: "Fin de l'adhésion le 05/01/2027 (résiliation, art. 12.2) ; la contribution de l'exercice reste due en entier",
      source: 'fin_en_cours_exercice = du',
    });
    expect(planExercice(data, EMPTY, { exercice: 2028, dateEmission: '2028-06-15' }).sansTitre[0].detail).toBe('adhésion terminée le 05/01/2027 (résiliation, art. 12.2)');
  });

  it('warns with the exact wording, for each exercice from date_fin to the effective end only', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-01-06', dateFin: '2027-01-05', motifFin: 'resiliation', datePreavis: '2026-10-07' })] });
    const line = data.adhesions.at(0)!.line;
    const warnings = (exercice: number) => noticeWarnings(planExercice(data, EMPTY, { exercice, dateEmission: `${exercice}-06-15` }).avertissements);
    expect(warnings(2026)).toEqual([]);
    const expected = [
      {
        code: 'PREAVIS_TARDIF',
        severity: 'warning',
        file: 'adhesions.csv',
        line,
        message:
          "commune « 69033 », service « laclasse » : préavis tardif : convention reconduite jusqu'au 05/01/2028 (date_fin « 05/01/2027 », date_preavis « 07/10/2026 », art. 12.2, R7)",
      },
    ];
    expect(warnings(2027)).toEqual(expected);
    expect(warnings(2028)).toEqual(expected);
    expect(warnings(2029)).toEqual([]);
  });

  it('warns about a missing notice date with the exact wording', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-01-06', dateFin: '2027-01-05', motifFin: 'resiliation' })] });
    expect(noticeWarnings(planExercice(data, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' }).avertissements)).toEqual([
      {
        code: 'PREAVIS_ABSENT',
        severity: 'warning',
        file: 'adhesions.csv',
        line: data.adhesions.at(0)!.line,
        message: 'commune « 69033 », service « laclasse » : résiliation au « 05/01/2027 » sans date_preavis ; préavis tenu pour valable (R7)',
      },
    ]);
    const late = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-01-06', dateFin: '2027-01-04', motifFin: 'resiliation' })] });
    expect(noticeWarnings(planExercice(late, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' }).avertissements).map((w) => w.message)).toEqual([
      'commune « 69033 », service « laclasse » : résiliation au « 04/01/2027 » sans date_preavis ; préavis tenu pour valable (R7)',
      "commune « 69033 », service « laclasse » : préavis tardif : convention reconduite jusqu'au 05/01/2027 (date_fin « 04/01/2027 », date_preavis « absente », art. 12.2, R7)",
    ]);
  });
});
