import { describe, expect, it } from 'vitest';
import { Decimal, dec } from '../../src/engine/money.js';
import { amountCellLength, amountFr, deName, euros, familyName, formatAmountCellFr, formatAmountFr, formatDateFr, formatDecimalFr, formatMonthFr, formatNumberFr, keepTogether, monthNameFr, rateFactorFr } from '../../src/engine/french-format.js';

const NNBSP = '\u202f';

describe('french-format', () => {
  it('formats canonical amounts the French way, the euro sign held to the figure', () => {
    expect(formatAmountFr('1210.00')).toBe('1\u202f210,00\u00a0€');
    expect(formatAmountFr('0.06')).toBe('0,06\u00a0€');
    expect(formatAmountCellFr('-1234.5')).toBe('-1\u202f234,50');
  });

  it('formats an amount given as text as formatNumberFr formats its Decimal, text or not (issue 12: no Decimal per cell)', () => {
    const texts = ['0', '-0', '-0.00', '0.5', '7', '12.3', '999.99', '1000', '1234567.89', '-1234.5', '-0.01', '10000000'];
    const unusual = ['0.125', '007.50', '1e3', '1234.567', '-0.001', '.5'];
    for (const text of [...texts, ...unusual]) expect(formatAmountCellFr(text), text).toBe(formatNumberFr(new Decimal(text)));
    expect(formatAmountCellFr('1e3')).toBe('1\u202f000,00');
    expect(formatAmountCellFr('1234.567')).toBe('1\u202f234,57');
    expect(formatAmountCellFr('-0')).toBe('0,00');
    for (const text of [...texts, ...unusual]) expect(amountCellLength(text), text).toBe(formatAmountCellFr(text).length);
  });

  it('elides « de » before a vowel', () => {
    expect(deName('Écully')).toBe("d'Écully");
    expect(deName('Albigny-sur-Saône')).toBe("d'Albigny-sur-Saône");
    expect(deName('Lyon')).toBe('de Lyon');
  });

  it('writes family names in capitals, accents kept', () => {
    expect(familyName('Géraud')).toBe('GÉRAUD');
  });
});

describe('R1 French display', () => {
  it('groups thousands with a narrow no-break space and writes a decimal comma', () => {
    expect(formatNumberFr(dec('1234567.891'))).toBe(`1${NNBSP}234${NNBSP}567,89`);
    expect(formatNumberFr(dec('999'))).toBe('999,00');
    expect(formatNumberFr(dec('1000'))).toBe(`1${NNBSP}000,00`);
    expect(formatNumberFr(dec('-1234.5'))).toBe(`-1${NNBSP}234,50`);
    expect(formatNumberFr(dec('-0.5'))).toBe('-0,50');
    expect(formatNumberFr(dec('1234.5'), 0)).toBe(`1${NNBSP}235`);
    expect(formatNumberFr(dec('1.0222081218'), 6)).toBe('1,022208');
  });

  it('shows every decimal of a figure, at least the minimum asked', () => {
    expect(formatDecimalFr('0.06')).toBe('0,06');
    expect(formatDecimalFr(dec('315.2'))).toBe('315,2');
    expect(formatDecimalFr(18243)).toBe(`18${NNBSP}243`);
    expect(formatDecimalFr(dec('1210'), 2)).toBe(`1${NNBSP}210,00`);
    expect(formatDecimalFr(dec('0.055'), 2)).toBe('0,055');
    expect(formatDecimalFr(dec('-1234.5'), 2)).toBe(`-1${NNBSP}234,50`);
  });

  it('prints euros and rate factors (the coefficient is printed as the quotient of its indices, not rounded)', () => {
    expect(euros(dec('1210'))).toBe(`1${NNBSP}210,00 €`);
    expect(euros(dec('0.055'))).toBe('0,055 €');
    expect(rateFactorFr(dec('0.10'))).toBe('1,10');
    expect(rateFactorFr(dec('0.05'))).toBe('1,05');
    expect(rateFactorFr(dec('0.125'))).toBe('1,125');
  });

  it('prints an amount of a message from its machine form, and a malformed one as it is', () => {
    expect(amountFr(dec('1210'))).toBe(`1${NNBSP}210,00 €`);
    expect(amountFr('1210.00')).toBe(`1${NNBSP}210,00 €`);
    expect(amountFr('1210')).toBe(`1${NNBSP}210,00 €`);
    expect(amountFr('-0.5')).toBe('-0,50 €');
    // a journal cell that is not a number (the message reports it): never reformatted, never thrown
    expect(amountFr('12,50')).toBe('12,50 €');
    expect(amountFr('x12.5')).toBe('x12.5 €');
    expect(amountFr('12.5x')).toBe('12.5x €');
    expect(amountFr('')).toBe(' €');
  });
});

describe('French dates and months', () => {
  it('writes dates and months the French way', () => {
    expect(formatDateFr('2027-01-05')).toBe('05/01/2027');
    expect(formatMonthFr('2025-10')).toBe('10/2025');
  });

  it('names every month as the index publisher does, in lower case with its accents', () => {
    const months = Array.from({ length: 12 }, (_, i) => monthNameFr(`2025-${String(i + 1).padStart(2, '0')}`));
    expect(months).toEqual([
      'janvier 2025', 'février 2025', 'mars 2025', 'avril 2025', 'mai 2025', 'juin 2025',
      'juillet 2025', 'août 2025', 'septembre 2025', 'octobre 2025', 'novembre 2025', 'décembre 2025',
    ]);
  });
});

describe('French line breaking', () => {
  it('keeps dates, months, references, digit groups and units on one line, and nothing else', () => {
    const NB = '\u00a0';
    expect(
      keepTogether(
        'Titre n° 12 du 1er janvier 2026 et du 29 septembre 2025 (indices octobre 2025 et janvier 2025) : art. 10.1, L. 1617-5, ' +
          'Tél. 04 78 63 40 00 ; « Toodego » 18 243 hab., 1 210,00 €, 5 %, lot 4 2026 !',
      ),
    ).toBe(
      `Titre n°${NB}12 du 1er${NB}janvier${NB}2026 et du 29${NB}septembre${NB}2025 (indices octobre${NB}2025 et janvier${NB}2025)${NB}: art.${NB}10.1, L.${NB}1617-5, ` +
        `Tél.${NB}04${NNBSP}78${NNBSP}63${NNBSP}40${NNBSP}00${NB}; «${NB}Toodego${NB}» 18${NNBSP}243${NB}hab., 1${NNBSP}210,00${NB}€, 5${NB}%, lot 4 2026${NB}!`,
    );
  });

  it('keeps « § » with its number after a space, and leaves a sign inside a word alone', () => {
    const NB = '\u00a0';
    expect(keepTogether('Annexe laclasse.com, § 6')).toBe(`Annexe laclasse.com, §${NB}6`);
    expect(keepTogether('(§ 4) et (art. 3)')).toBe(`(§${NB}4) et (art.${NB}3)`);
    expect(keepTogether('Un° 5, ZL. 4')).toBe('Un° 5, ZL. 4');
  });
});
