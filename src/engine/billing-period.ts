/**
 * R7 which exercices are billed (art. 2, 10.3, 12.2), and the part of exercice N that is billed.
 * - start = max(date_debut, date_signature, 1 January of premier_exercice) (R6, R7);
 * - life: date_signature + duree_max_annees years; the last day is the day before that anniversary;
 * - end: the earliest of the life's last day and date_fin (for a resiliation, the effective end of
 *   termination-notice.ts; for a breach, date_fin itself).
 */
import type { Adhesion, Config, EndReason } from './dataset.js';
import { firstDayOfYear, lastDayOfYear, maxDate, minDate, yearOf, type IsoDate } from './dates.js';
import { effectiveTerminationEnd, endOfAdhesionYear, type NoticeOutcome } from './termination-notice.js';
import { formatDateFr } from './french-format.js';

export type EndCause = 'expiration' | EndReason | 'fin';

export interface AdhesionEnd {
  end: IsoDate;
  cause: EndCause;
  /** Resiliations: the notice check. */
  notice?: NoticeOutcome;
}

export interface BilledPeriod {
  status: 'billed';
  adhesionStart: IsoDate;
  /** First exercice billed under the convention: the year of adhesionStart (R5). */
  firstExercice: number;
  start: IsoDate; // first day billed in N
  end: IsoDate; // last day in force in N
  adhesionEnd: AdhesionEnd;
  lifeEnd: IsoDate;
  /** The adhesion ends during N (before 31 December). */
  endsInExercice: boolean;
}

export interface UnbilledPeriod {
  status: 'expiree' | 'hors_periode';
  detail: string;
  adhesionEnd: AdhesionEnd;
}

export type BillingPeriod = BilledPeriod | UnbilledPeriod;

export const END_CAUSE_FR: Record<EndCause, string> = {
  expiration: 'expiration de la convention, art. 2',
  resiliation: 'résiliation, art. 12.2',
  manquement_commune: 'résiliation pour manquement de la commune, art. 12.2',
  manquement_metropole: 'résiliation pour manquement de la Métropole, art. 12.2',
  fin: 'fin du service',
};

export function adhesionStart(adhesion: Adhesion, premierExercice: number): IsoDate {
  return maxDate(adhesion.dateDebut, adhesion.dateSignature, firstDayOfYear(premierExercice));
}

/** Last day of the convention: the day before date_signature + duree_max_annees years (art. 2). */
export function conventionLifeEnd(dateSignature: IsoDate, dureeMaxAnnees: number): IsoDate {
  return endOfAdhesionYear(dateSignature, dureeMaxAnnees);
}

export function adhesionEnd(adhesion: Adhesion, lifeEnd: IsoDate): AdhesionEnd {
  if (!adhesion.dateFin || adhesion.dateFin >= lifeEnd) return { end: lifeEnd, cause: 'expiration' };
  if (adhesion.motifFin === 'resiliation') {
    const notice = effectiveTerminationEnd(adhesion.dateSignature, adhesion.dateFin, adhesion.datePreavis, lifeEnd);
    return { end: notice.end, cause: notice.end >= lifeEnd ? 'expiration' : 'resiliation', notice };
  }
  return { end: adhesion.dateFin, cause: adhesion.motifFin ?? 'fin' };
}

export function billingPeriod(adhesion: Adhesion, convention: Config['convention'], exercice: number): BillingPeriod {
  const lifeEnd = conventionLifeEnd(adhesion.dateSignature, convention.dureeMaxAnnees);
  const end = adhesionEnd(adhesion, lifeEnd);
  const start = adhesionStart(adhesion, convention.premierExercice);
  const yearStart = firstDayOfYear(exercice);
  const yearEnd = lastDayOfYear(exercice);
  if (exercice < convention.premierExercice) {
    return {
      status: 'hors_periode',
      detail: `exercice ${exercice} antérieur au premier exercice de la convention-cadre (${convention.premierExercice})`,
      adhesionEnd: end,
    };
  }
  if (end.end < yearStart || end.end < start) {
    if (end.cause === 'expiration') {
      return { status: 'expiree', detail: `convention expirée le ${formatDateFr(lifeEnd)}`, adhesionEnd: end };
    }
    return {
      status: 'hors_periode',
      detail: `adhésion terminée le ${formatDateFr(end.end)} (${END_CAUSE_FR[end.cause]})`,
      adhesionEnd: end,
    };
  }
  if (start > yearEnd) {
    return { status: 'hors_periode', detail: `adhésion débutant le ${formatDateFr(start)}`, adhesionEnd: end };
  }
  return {
    status: 'billed',
    adhesionStart: start,
    firstExercice: yearOf(start),
    start: maxDate(start, yearStart),
    end: minDate(end.end, yearEnd),
    adhesionEnd: end,
    lifeEnd,
    endsInExercice: end.end < yearEnd,
  };
}
