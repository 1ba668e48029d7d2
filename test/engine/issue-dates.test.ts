/**
 * R9 « Dates » (tariff-rules.md, added 2026-11-30): no titre before its adhesion's start of
 * perception (motif a_venir), no date in the future, a document of N only from 1 January N to
 * 31 January N+1.
 */
import { describe, expect, it } from 'vitest';
import { exerciceWindow, futureDateProblem, isExerciceClosed, windowProblem } from '../../src/engine/issue-dates.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, amount, d, dataset, ECULLY, EMPTY, issuePlan, SMALL } from './fixtures.js';

const on = (dateEmission: string) => ({ exercice: 2026, dateEmission });

describe('R9 a_venir: no titre dated before the start of perception', () => {
  // Cailloux-sur-Fontaines signs on 15/09/2026 (example E5: 281,05 €); Écully is billed from 1 January.
  const data = dataset({
    adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-09-15' }), adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })],
  });

  it('the June run lists it without titre, « à émettre à partir du 15/09/2026 », and issues the others', () => {
    const june = planExercice(data, EMPTY, on('2026-06-15'));
    expect(amount(june, SMALL)).toBeUndefined();
    expect(amount(june, ECULLY)).toBe('1210.00');
    expect(june.sansTitre).toEqual([
      {
        codeInsee: SMALL,
        commune: 'Cailloux-sur-Fontaines',
        service: 'laclasse',
        motif: 'a_venir',
        detail: 'à émettre à partir du 15/09/2026 (début de la perception, art. 10.3)',
      },
    ]);
  });

  it('boundaries: the day before is still to come; the day itself issues it', () => {
    expect(planExercice(data, EMPTY, on('2026-09-14')).sansTitre.map((s) => s.motif)).toEqual(['a_venir']);
    expect(amount(planExercice(data, EMPTY, on('2026-09-15')), SMALL)).toBe('281.05');
  });

  it('its amount does not depend on the run date', () => {
    expect(amount(planExercice(data, EMPTY, on('2026-09-15')), SMALL)).toBe('281.05');
    expect(amount(planExercice(data, EMPTY, on('2026-12-31')), SMALL)).toBe('281.05');
    expect(amount(planExercice(data, EMPTY, { exercice: 2026, dateEmission: '2027-01-31' }), SMALL)).toBe('281.05');
  });

  it('a later run issues only what is missing: the adhesion that has started', () => {
    const journal = issuePlan(EMPTY, planExercice(data, EMPTY, on('2026-06-15')));
    const autumn = planExercice(data, journal, on('2026-10-01'));
    expect(autumn.documents.map((doc) => [doc.codeInsee, doc.montant.toFixed(2)])).toEqual([[SMALL, '281.05']]);
    expect(autumn.sansTitre.map((s) => [s.codeInsee, s.motif])).toEqual([[ECULLY, 'deja_emis']]);
  });

  it('the start of perception is the latest of signature and date_debut', () => {
    const later = dataset({ adhesions: [adhesion({ codeInsee: SMALL, dateSignature: '2026-02-01', dateDebut: '2026-07-01' })] });
    expect(planExercice(later, EMPTY, on('2026-06-30')).sansTitre[0].detail).toContain('à émettre à partir du 01/07/2026');
    expect(planExercice(later, EMPTY, on('2026-07-01')).documents).toHaveLength(1);
  });
});

describe('R9 the window of an exercice', () => {
  it('runs from 1 January N to 31 January N+1 (journée complémentaire)', () => {
    expect(exerciceWindow(2026)).toEqual({ first: '2026-01-01', last: '2027-01-31' });
    expect(windowProblem(2026, '2026-01-01')).toBeUndefined();
    expect(windowProblem(2026, '2027-01-31')).toBeUndefined();
  });

  it('refuses a date before 1 January N, saying why', () => {
    const p = windowProblem(2026, '2025-12-31');
    expect(p?.code).toBe('DATE_HORS_EXERCICE');
    expect(p?.message).toBe("--date 31/12/2025 précède l'exercice 2026 : ses titres s'émettent du 01/01/2026 au 31/01/2027 (R9)");
  });

  it('refuses a date after 31 January N+1: the exercice is closed, a correction goes through compte 673', () => {
    const p = windowProblem(2026, '2027-02-01');
    expect(p?.code).toBe('DATE_HORS_EXERCICE');
    expect(p?.message).toContain("après la clôture de l'exercice 2026");
    expect(p?.message).toContain('compte 673');
    expect(isExerciceClosed(2026, '2027-01-31')).toBe(false);
    expect(isExerciceClosed(2026, '2027-02-01')).toBe(true);
  });
});

describe('R9 no date in the future', () => {
  it('today is allowed, tomorrow is not (unless the run is a rehearsal)', () => {
    expect(futureDateProblem('2026-11-30', '2026-11-30')).toBeUndefined();
    const p = futureDateProblem('2026-12-01', '2026-11-30');
    expect(p?.code).toBe('DATE_FUTURE');
    expect(p?.message).toBe(
      "--date 01/12/2026 est postérieure à aujourd'hui (30/11/2026) : un titre est rendu exécutoire le jour de son émission, " +
        "qui ne peut pas être à venir (R9) ; pour une répétition sur une copie du dossier, ajouter --allow-future-date",
    );
  });
});
