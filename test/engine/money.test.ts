/** R1 money: exact decimals, half up to the cent only where a rule says round2, French display. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contributionCible } from '../../src/engine/contribution-cible.js';
import { amountHeld, amountOfCents, amountStringOfText, Decimal, dec, heldAmount, heldAmountText, round2, sum, sumOfAmounts, toAmountString, ZERO } from '../../src/engine/money.js';

const NNBSP = '\u202f';

describe('R1 round2', () => {
  it('rounds half up to the cent, away from zero for negative values', () => {
    const cases: Array<[string, string]> = [
      ['1.005', '1.01'],
      ['1.004999', '1'],
      ['2.675', '2.68'], // 2.67499999… as a binary float
      ['1334.025', '1334.03'],
      ['-1.005', '-1.01'],
      ['-1.004', '-1'],
      ['0.001', '0'],
      ['0.005', '0.01'],
    ];
    for (const [value, rounded] of cases) expect(round2(dec(value)).toString(), value).toBe(rounded);
  });

  it('is half up on any exact decimal (property)', () => {
    // value = n × 10^-k, k ≥ 3 digits; the cent is floor((n + 5 × 10^(k-3)) / 10^(k-2)).
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 3, max: 12 }), fc.boolean(), (n, k, negative) => {
        const text = n.toString().padStart(k + 1, '0');
        const value = `${negative ? '-' : ''}${text.slice(0, -k)}.${text.slice(-k)}`;
        const cents = (n + 5n * 10n ** BigInt(k - 3)) / 10n ** BigInt(k - 2);
        const expected = new Decimal(cents.toString()).div(100).times(negative ? -1 : 1);
        expect(round2(dec(value)).eq(expected), value).toBe(true);
      }),
    );
  });

  it('leaves a value already on the cent as it is (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 2 }), (n, k) => {
        const value = new Decimal(n.toString()).div(10 ** k);
        expect(round2(value).eq(value)).toBe(true);
        expect(toAmountString(value)).toBe(value.toFixed(2));
      }),
    );
  });

  it('rounds an exact half cent up when an inexact coefficient lands a hair below it', () => {
    // (300 + 0,06 × 122) × 315,4 / 315,2 = 307,32 × 315,4 / 315,2 = 307,515 exactly → 307,52;
    // the 60-digit coefficient 315,4 / 315,2 is a little below its exact value.
    const coefficient = dec('315.4').div(dec('315.2'));
    const cc = contributionCible(dec('300.00'), ZERO, dec('0.06'), 122, coefficient);
    expect(cc.cible.toFixed(2)).toBe('307.52');
  });

  it('R4 cible equals round2 of the exact rational value (property)', () => {
    // Exact integer arithmetic: base in cents × S(N) / S(ref) (indices with one decimal), half up.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }), // forfait + options, in cents
        fc.integer({ min: 1, max: 20 }), // h, in cents
        fc.integer({ min: 0, max: 600_000 }), // population
        fc.integer({ min: 2500, max: 4000 }), // S(N) × 10
        fc.integer({ min: 2500, max: 4000 }), // S(ref) × 10
        (fixedCents, hCents, population, s, sRef) => {
          const baseCents = BigInt(fixedCents) + BigInt(hCents) * BigInt(population);
          // cents of C = round half up of baseCents × s / sRef
          const num = baseCents * BigInt(s) * 2n + BigInt(sRef);
          const expectedCents = num / (2n * BigInt(sRef));
          const coefficient = new Decimal(s).div(sRef);
          const cc = contributionCible(new Decimal(fixedCents).div(100), ZERO, new Decimal(hCents).div(100), population, coefficient);
          expect(cc.cible.times(100).toString()).toBe(expectedCents.toString());
        },
      ),
    );
  });
});

describe('R1 parsing and machine form', () => {
  it('parses only canonical decimals', () => {
    expect(dec('1234.56').toString()).toBe('1234.56');
    expect(dec('-3').toString()).toBe('-3');
    expect(dec('0.06').toString()).toBe('0.06');
    for (const bad of ['1,5', '1e3', ' 1', '1 ', '', '.5', '1.', '+1', '1.2.3', 'abc']) {
      expect(() => dec(bad), bad).toThrow(`not a canonical decimal: ${bad}`);
    }
  });

  it('writes amounts with two decimals, rounded half up', () => {
    expect(toAmountString(dec('1210'))).toBe('1210.00');
    expect(toAmountString(dec('0.005'))).toBe('0.01');
    expect(toAmountString(dec('1425.554'))).toBe('1425.55');
    expect(toAmountString(dec('-718.625'))).toBe('-718.63');
  });

  it('sums exactly; the sum of nothing is zero', () => {
    expect(sum([]).toString()).toBe('0');
    expect(sum([dec('0.1'), dec('0.2'), dec('1210.00')]).toString()).toBe('1210.3');
    expect(sum(new Set([dec('-1.5'), dec('1.25')])).toString()).toBe('-0.25');
    expect(ZERO.isZero()).toBe(true);
  });

  it('writes a whole number of cents as toAmountString writes that amount, to the largest exact one', () => {
    for (const cents of [0, 1, 9, 10, 99, 100, 123456, -5, -50, -123456, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(amountOfCents(cents), String(cents)).toBe(toAmountString(new Decimal(cents).div(100)));
    }
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => amountOfCents(cents) === toAmountString(new Decimal(cents).div(100))));
    for (const notCents of [0.5, NaN, Infinity, 2 ** 53]) expect(() => amountOfCents(notCents), String(notCents)).toThrow(/whole number of cents/);
  });

  it('keeps 60 significant digits: 2 / 3', () => {
    expect(new Decimal(2).div(3).toString()).toBe(`0.${'6'.repeat(59)}7`);
  });
});

describe('R1 sum of canonical amounts (sumOfAmounts)', () => {
  it('equals the sum of the parsed amounts, exactly', () => {
    const cents = fc.integer({ min: -10_000_000, max: 10_000_000 });
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 50 }), (values) => {
        const lines = values.map((c) => ({ montant: toAmountString(new Decimal(c).div(100)) }));
        expect(sumOfAmounts(lines).eq(sum(lines.map((l) => dec(l.montant))))).toBe(true);
      }),
    );
    expect(sumOfAmounts([]).eq(ZERO)).toBe(true);
  });

  it('refuses an amount that is not canonical, as dec does', () => {
    expect(() => sumOfAmounts([{ montant: '1.00' }, { montant: '1,50' }])).toThrow('not a canonical decimal: 1,50');
  });
});

describe('R1 machine form from a Decimal text (amountStringOfText, issue 12)', () => {
  it('is toAmountString of the Decimal whose toString the text is', () => {
    for (const text of ['0', '5', '1210', '1210.5', '1210.05', '0.06', '0.5', '-0', '-3', '-1210.5', '1.005', '2.675', '1e+21', '1e-7', '123456789012345678.9']) {
      const value = new Decimal(text);
      expect(amountStringOfText(value.toString())).toBe(toAmountString(value));
    }
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (units, places) => {
        const value = new Decimal(units).div(10 ** places);
        expect(amountStringOfText(value.toString())).toBe(toAmountString(value));
      }),
    );
  });
});

describe('R1 amounts held in cents (amountHeld, issue 12)', () => {
  it('gives back the exact amount, its text in machine form when on the cent', () => {
    for (const text of ['0', '1210', '1210.5', '0.06', '-3.07', '1.005', '1e+21', '123456789012345678.91', '21474836.48']) {
      const held = amountHeld(new Decimal(text));
      expect(heldAmount(held).eq(new Decimal(text))).toBe(true);
      expect(heldAmount(held).toString()).toBe(new Decimal(text).toString());
      expect(amountStringOfText(heldAmountText(held))).toBe(toAmountString(new Decimal(text)));
    }
    // a number of cents where it is exact; the text otherwise
    expect(amountHeld(new Decimal('1210.5'))).toBe(121050);
    expect(amountHeld(new Decimal('1.005'))).toBe('1.005');
    expect(amountHeld(new Decimal('123456789012345678.91'))).toBe('123456789012345678.91');
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 4 }), (units, places) => {
        const value = new Decimal(units).div(10 ** places);
        const held = amountHeld(value);
        expect(heldAmount(held).toString()).toBe(value.toString());
        expect(amountStringOfText(heldAmountText(held))).toBe(toAmountString(value));
      }),
    );
  });
});
