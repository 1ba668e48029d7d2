/**
 * R8 breach by the Métropole (art. 12.2): the contribution is refunded prorata temporis,
 * refund = round2(A(N) × days after the termination date to 31 December N / Y); the termination day
 * itself is not refunded. A(N) is the titre's amount net of earlier reductions.
 */
import { daysBetween, daysInYear, lastDayOfYear, type IsoDate } from './dates.js';
import { Decimal, round2 } from './money.js';
import { formatDateFr } from './french-format.js';

/**
 * Motif of the reduction or annulation planned for a breach by the Métropole. It always starts with
 * « manquement_metropole »: a correction of the titre whose motif starts so means the refund was
 * already issued (once only).
 */
export const BREACH_REFUND_MOTIF_PREFIX = 'manquement_metropole';

export function breachRefundMotif(terminationDate: IsoDate): string {
  return `${BREACH_REFUND_MOTIF_PREFIX} : restitution prorata temporis de la contribution, résiliation pour manquement de la Métropole le ${formatDateFr(terminationDate)} (art. 12.2)`;
}

export function isBreachRefundMotif(motif: string | undefined): boolean {
  return (motif ?? '').startsWith(BREACH_REFUND_MOTIF_PREFIX);
}

/**
 * The motif as a document prints it: without the « manquement_metropole : » marker (a data code),
 * and without the colon that separates it from the text; a colon further in the text is kept.
 */
export function motifForDocument(motif: string): string {
  if (!isBreachRefundMotif(motif)) return motif;
  const text = motif.slice(BREACH_REFUND_MOTIF_PREFIX.length).replace(/^\s*:/, '').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface BreachRefund {
  refund: Decimal;
  days: number; // days after the termination date up to 31 December N
  yearDays: number;
}

export function breachRefund(amount: Decimal, terminationDate: IsoDate, exercice: number): BreachRefund {
  const days = daysBetween(terminationDate, lastDayOfYear(exercice));
  const yearDays = daysInYear(exercice);
  return { refund: round2(amount.times(days).div(yearDays)), days, yearDays };
}
