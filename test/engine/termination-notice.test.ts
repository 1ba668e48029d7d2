/** R7 termination notice (art. 12.2): effective end and warnings; a new adhesion followed to its end. */
import { describe, expect, it } from 'vitest';
import { effectiveTerminationEnd } from '../../src/engine/termination-notice.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
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
    const p2026 = planExercice(data, EMPTY, { exercice: 2026, dateEmission: '2026-06-15' });
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
