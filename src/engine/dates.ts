/**
 * Calendar dates as ISO strings `YYYY-MM-DD`, computed in UTC so that no time zone or daylight
 * saving change can shift a day. Pure functions.
 */
export type IsoDate = string;
export type IsoMonth = string; // YYYY-MM

const DAY_MS = 86_400_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** AAAA-MM-JJ and a day of the calendar (read on every journal line: no match array, no Date below the 29th). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const mo = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  return mo >= 1 && mo <= 12 && d >= 1 && (d <= 28 || d <= daysInMonth(Number(text.slice(0, 4)), mo));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Digits read as a number without splitting the string (the plan of all France reads 70 000 × a dozen dates). */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

function toUtc(date: IsoDate): number {
  return Date.UTC(digits(date, 0, 4), digits(date, 5, 7) - 1, digits(date, 8, 10));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` of a year 1000 to 9999 (toISOString for any other, which writes it differently). */
function isoDate(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function fromUtc(ms: number): IsoDate {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString().slice(0, 10);
  return isoDate(year, date.getUTCMonth() + 1, date.getUTCDate());
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar months, clamping the day to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const index = digits(date, 0, 4) * 12 + (digits(date, 5, 7) - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const nd = Math.min(digits(date, 8, 10), daysInMonth(ny, nm));
  return ny >= 1000 ? isoDate(ny, nm, nd) : `${String(ny).padStart(4, '0')}-${pad2(nm)}-${pad2(nd)}`;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** The month `months` calendar months after `month` (before it when negative). */
export function addMonthsToMonth(month: IsoMonth, months: number): IsoMonth {
  return addMonths(`${month}-01`, months).slice(0, 7);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

export function maxDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((a, b) => (a >= b ? a : b));
}

export function minDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((a, b) => (a <= b ? a : b));
}

export function firstDayOfYear(year: number): IsoDate {
  return `${year}-01-01`;
}

export function lastDayOfYear(year: number): IsoDate {
  return `${year}-12-31`;
}

/** Last day of the month following `month` (R4: default publication date of a Syntec value). */
export function endOfFollowingMonth(month: IsoMonth): IsoDate {
  const next = addMonthsToMonth(month, 1);
  const [ny, nm] = next.split('-').map(Number);
  return `${next}-${String(daysInMonth(ny, nm)).padStart(2, '0')}`;
}

