/**
 * R7 termination notice (art. 12.2, motif_fin = resiliation): a party ends the convention at the end
 * of an adhesion year (the day before an anniversary of date_signature) with at least 3 months'
 * notice received by the Métropole. The effective end E is the first day before an anniversary with
 * E ≥ date_fin and E + 1 day ≥ date_preavis + 3 calendar months; otherwise the convention is deemed
 * renewed. Without a notice date the notice is taken as valid (and the caller warns).
 */
import { addDays, addMonths, addYears, type IsoDate } from './dates.js';

export const NOTICE_MONTHS = 3;

export interface NoticeOutcome {
  /** Effective end E, never after the convention's last day. */
  end: IsoDate;
  /** E differs from date_fin (late notice or date_fin not at the end of an adhesion year). */
  adjusted: boolean;
  noticeMissing: boolean;
}

/** Last day of the k-th adhesion year: the day before the k-th anniversary of the signature. */
export function endOfAdhesionYear(dateSignature: IsoDate, k: number): IsoDate {
  return addDays(addYears(dateSignature, k), -1);
}

export function effectiveTerminationEnd(
  dateSignature: IsoDate,
  dateFin: IsoDate,
  datePreavis: IsoDate | undefined,
  lifeEnd: IsoDate,
): NoticeOutcome {
  const earliestAnniversary = datePreavis ? addMonths(datePreavis, NOTICE_MONTHS) : undefined;
  let end = lifeEnd;
  for (let k = 1; ; k++) {
    const candidate = endOfAdhesionYear(dateSignature, k);
    if (candidate >= lifeEnd) break;
    const anniversary = addDays(candidate, 1);
    if (candidate >= dateFin && (!earliestAnniversary || anniversary >= earliestAnniversary)) {
      end = candidate;
      break;
    }
  }
  return { end, adjusted: end !== dateFin, noticeMissing: datePreavis === undefined };
}
