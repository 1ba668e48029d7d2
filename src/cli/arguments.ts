/** Parsing and checking of command-line values; every mistake is a usage error (exit 2). */
import { isIsoDate, type IsoDate } from '../engine/dates.js';
import { futureDateProblem, windowProblem } from '../engine/issue-dates.js';
import { TitresError, usageError } from '../errors/titres-error.js';

export function parseYear(text: string, option = '--year'): number {
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2099) {
    throw usageError('INVALID_YEAR', `${option} attend une année sur quatre chiffres (ex. 2026), reçu « ${text} »`);
  }
  return Number(text);
}

export function parseDate(text: string, option = '--date'): IsoDate {
  if (!isIsoDate(text)) {
    throw usageError('INVALID_DATE_OPTION', `${option} attend une date AAAA-MM-JJ valide (ex. 2026-06-15), reçu « ${text} »`);
  }
  return text;
}

/** Today in the machine's local time zone, as the finance officer reads the calendar. */
export function today(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The date a command gives its documents (R9 « Dates »): --date, or today. A date later than today
 * is a usage error unless the run is a rehearsal (--allow-future-date); with `exercice`, the date
 * must also fall in that exercice's window (1 January N – 31 January N+1).
 */
export function documentDate(
  text: string | undefined,
  options: { allowFuture?: boolean; exercice?: number; now?: Date } = {},
): IsoDate {
  const date = text !== undefined ? parseDate(text) : today(options.now);
  const problems = [
    options.allowFuture ? undefined : futureDateProblem(date, today(options.now)),
    options.exercice === undefined ? undefined : windowProblem(options.exercice, date),
  ].filter((p) => p !== undefined);
  if (problems.length > 0) throw new TitresError('usage', problems);
  return date;
}

export function requireOption<T>(value: T | undefined, option: string, why: string): T {
  if (value === undefined || value === '') {
    throw usageError('MISSING_OPTION', `${option} est obligatoire ${why}`);
  }
  return value;
}
