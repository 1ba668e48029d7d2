/** The calendar that R4 and R6–R8 count with: ISO dates in UTC, leap years, calendar months. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addMonthsToMonth, addYears, daysBetween, daysInMonth, daysInYear, endOfFollowingMonth, firstDayOfYear, isIsoDate, isLeapYear, lastDayOfYear, maxDate, minDate, yearOf } from '../../src/engine/dates.js';

describe('calendar dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    for (const good of ['2026-01-01', '2026-12-31', '2028-02-29', '2026-04-30', '2026-01-31']) expect(isIsoDate(good), good).toBe(true);
    for (const bad of ['2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '2026-01-1', 'x2026-01-01', 'le 2012-03-15', '2026-01-01x', '26-01-01', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('knows the leap years, centuries included', () => {
    expect([2026, 2027, 2028, 2100, 2000, 2400, 1900].map(isLeapYear)).toEqual([false, false, true, false, true, true, false]);
    expect(daysInYear(2026)).toBe(365);
    expect(daysInYear(2028)).toBe(366);
    expect([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2026, 4), daysInMonth(2026, 12), daysInMonth(2026, 1)]).toEqual([28, 29, 30, 31, 31]);
  });

  it('reads the year, the first and the last day of a year', () => {
    expect(yearOf('2027-01-05')).toBe(2027);
    expect(firstDayOfYear(2028)).toBe('2028-01-01');
    expect(lastDayOfYear(2028)).toBe('2028-12-31');
  });

  it('adds days across a month, a year and 29 February', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a daylight-saving Sunday in France
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('adds calendar months, padding every field and clamping the day to the month', () => {
    expect(addMonths('2026-10-05', 3)).toBe('2027-01-05');
    expect(addMonths('2027-01-05', 3)).toBe('2027-04-05');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 3)).toBe('2027-11-30');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-12-15', 0)).toBe('2026-12-15');
    expect(addMonths('0998-12-01', 1)).toBe('0999-01-01');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2025-12-18', 6)).toBe('2031-12-18');
    expect(addMonthsToMonth('2025-01', -1)).toBe('2024-12');
    expect(addMonthsToMonth('2025-12', 1)).toBe('2026-01');
  });

  it('counts whole days between two dates, either way', () => {
    expect(daysBetween('2026-06-30', '2026-12-31')).toBe(184);
    expect(daysBetween('2026-12-31', '2026-12-31')).toBe(0);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(365);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('takes the latest and the earliest of several dates', () => {
    expect(maxDate('2026-09-15', '2025-12-18', '2026-01-01')).toBe('2026-09-15');
    expect(maxDate('2026-01-01', '2026-01-01')).toBe('2026-01-01');
    expect(maxDate('2025-12-18')).toBe('2025-12-18');
    expect(minDate('2031-12-17', '2026-12-31', '2027-06-30')).toBe('2026-12-31');
    expect(minDate('2026-12-31', '2026-12-31')).toBe('2026-12-31');
  });

  it('gives the last day of the following month (R4 default publication date)', () => {
    expect(endOfFollowingMonth('2025-09')).toBe('2025-10-31');
    expect(endOfFollowingMonth('2025-08')).toBe('2025-09-30');
    expect(endOfFollowingMonth('2024-01')).toBe('2024-02-29');
    expect(endOfFollowingMonth('2025-01')).toBe('2025-02-28');
    expect(endOfFollowingMonth('2025-12')).toBe('2026-01-31');
  });
});

// Issue 12: the dates are read and written without splitting strings or formatting through
// toISOString (the plan of all France computes some 800 000 of them). Same results as the
// calendar of Date itself, over years 1000 to 9999.
describe('calendar arithmetic agrees with Date', () => {
  const viaDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const day = fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9988, 11, 31)), noInvalidDate: true }).map((d) => viaDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));

  it('adds days, counts days and months as Date does', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: -400, max: 400 }), fc.integer({ min: -120, max: 120 }), (a, b, days, months) => {
        const [y, m, d] = a.split('-').map(Number);
        expect(addDays(a, days)).toBe(viaDate(Date.UTC(y, m - 1, d) + days * 86_400_000));
        expect(daysBetween(a, b)).toBe(Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000));
        const target = new Date(Date.UTC(y, m - 1 + months, 1));
        const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        expect(addMonths(a, months)).toBe(viaDate(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay))));
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }),
      { numRuns: 3000 },
    );
  });
});
