import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate, parseInteger, parseMonth } from '../../src/io/cell-values.js';

const value = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : undefined);

describe('parseDate', () => {
  it('reads ISO and French dates to ISO', () => {
    expect(value(parseDate('2026-09-15'))).toBe('2026-09-15');
    expect(value(parseDate('15/09/2026'))).toBe('2026-09-15');
    expect(value(parseDate(' 29/02/2028 '))).toBe('2028-02-29');
  });

  it('rejects days that do not exist and other formats, quoting the text', () => {
    expect(parseDate('31/02/2026')).toMatchObject({ ok: false, code: 'INVALID_DATE', message: expect.stringContaining('« 31/02/2026 »') });
    expect(parseDate('2027-02-29')).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(parseDate('2026-13-01')).toMatchObject({ ok: false });
    expect(parseDate('15.09.2026')).toMatchObject({ ok: false });
    expect(parseDate('2026/09/15')).toMatchObject({ ok: false });
  });
});

describe('parseAmount', () => {
  it('reads machine and French forms exactly', () => {
    expect(value(parseAmount('1234.56'))?.toFixed(2)).toBe('1234.56');
    expect(value(parseAmount('1 234,56'))?.toFixed(2)).toBe('1234.56');
    expect(value(parseAmount('1\u00a0234,56'))?.toFixed(2)).toBe('1234.56');
    expect(value(parseAmount('1\u202f234\u202f567,5'))?.toString()).toBe('1234567.5');
    expect(value(parseAmount('0,06'))?.toString()).toBe('0.06');
    expect(value(parseAmount('-3'))?.toString()).toBe('-3');
  });

  it('keeps digits a binary float would lose', () => {
    expect(value(parseAmount('0.1'))?.plus('0.2').toString()).toBe('0.3');
  });

  it('rejects malformed numbers', () => {
    for (const bad of ['12 34,5', '1.234,56', '12€', 'abc', '1,2,3', '']) {
      expect(parseAmount(bad)).toMatchObject({ ok: false, code: 'INVALID_AMOUNT' });
    }
  });
});

describe('parseInteger', () => {
  it('reads populations with thousands separators', () => {
    expect(value(parseInteger('18 243'))).toBe(18243);
    expect(value(parseInteger('525\u202f314'))).toBe(525314);
    expect(value(parseInteger('-5'))).toBe(-5);
  });

  it('rejects decimals', () => {
    expect(parseInteger('18243,5')).toMatchObject({ ok: false, code: 'INVALID_INTEGER', message: expect.stringContaining('« 18243,5 »') });
  });
});

describe('parseMonth', () => {
  it('reads YYYY-MM and MM/YYYY', () => {
    expect(value(parseMonth('2025-10'))).toBe('2025-10');
    expect(value(parseMonth('10/2025'))).toBe('2025-10');
    expect(value(parseMonth('1/2025'))).toBe('2025-01');
  });

  it('rejects month 13 and dates', () => {
    expect(parseMonth('2025-13')).toMatchObject({ ok: false, code: 'INVALID_MONTH' });
    expect(parseMonth('2025-10-01')).toMatchObject({ ok: false, code: 'INVALID_MONTH' });
  });
});
