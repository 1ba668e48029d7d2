/**
 * R9 « Dates » (tariff-rules.md, added 2026-11-30): a titre is « émis et rendu exécutoire » on its
 * issue date, so
 * - no titre is dated before the start of perception of its adhesion (R7's start: the latest of
 *   signature, date_debut and 1 January of the first exercice): such an adhesion is `a_venir`;
 * - no document is dated after today, unless the run is an explicit rehearsal;
 * - a document of exercice N is dated between 1 January N and 31 January N+1 (journée
 *   complémentaire); after that, exercice N is closed (R10 « Closed exercice »).
 * Pure: « today » is a parameter.
 */
import { type IsoDate } from './dates.js';
import { problem, type Problem } from '../errors/problem.js';
import { formatDateFr } from './french-format.js';

/** The days on which a document of exercice N may be dated. */
export function exerciceWindow(exercice: number): { first: IsoDate; last: IsoDate } {
  return { first: `${exercice}-01-01`, last: `${exercice + 1}-01-31` };
}

/** Exercice N is closed on `date` when it is after 31 January N+1 (R10 « Closed exercice »). */
export function isExerciceClosed(exercice: number, date: IsoDate): boolean {
  return date > exerciceWindow(exercice).last;
}

/** An adhesion whose perception starts after the run's date gets no titre in that run (R9). */
export function isToCome(perceptionStart: IsoDate, dateEmission: IsoDate): boolean {
  return perceptionStart > dateEmission;
}

export function toComeDetail(perceptionStart: IsoDate): string {
  return `à émettre à partir du ${formatDateFr(perceptionStart)} (début de la perception, art. 10.3)`;
}

/** A date later than today: refused unless the run is a rehearsal (--allow-future-date). */
export function futureDateProblem(date: IsoDate, today: IsoDate, option = '--date'): Problem | undefined {
  if (date <= today) return undefined;
  return problem(
    'DATE_FUTURE',
    `${option} ${formatDateFr(date)} est postérieure à aujourd'hui (${formatDateFr(today)}) : un titre est rendu exécutoire le jour de son émission, ` +
      `qui ne peut pas être à venir (R9) ; pour une répétition sur une copie du dossier, ajouter --allow-future-date`,
  );
}

/** The run's date outside the window of exercice N (R9). */
export function windowProblem(exercice: number, date: IsoDate, option = '--date'): Problem | undefined {
  const { first, last } = exerciceWindow(exercice);
  if (date < first) {
    return problem(
      'DATE_HORS_EXERCICE',
      `${option} ${formatDateFr(date)} précède l'exercice ${exercice} : ses titres s'émettent du ${formatDateFr(first)} au ${formatDateFr(last)} (R9)`,
    );
  }
  if (date > last) {
    return problem(
      'DATE_HORS_EXERCICE',
      `${option} ${formatDateFr(date)} est après la clôture de l'exercice ${exercice} : ses titres s'émettent du ${formatDateFr(first)} au ${formatDateFr(last)} ` +
        `(journée complémentaire) ; une correction d'un titre de ${exercice} passe désormais par un mandat au compte 673 (R9, R10)`,
    );
  }
  return undefined;
}
