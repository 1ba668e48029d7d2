import { describe, expect, it } from 'vitest';
import { amountInWordsFr, integerInWordsFr } from '../../src/render/amount-in-words.js';

describe('amountInWordsFr', () => {
  it.each([
    ['0.01', 'un centime'],
    ['1.00', 'un euro'],
    ['16.00', 'seize euros'],
    ['21.00', 'vingt et un euros'],
    ['71.00', 'soixante et onze euros'],
    ['80.00', 'quatre-vingts euros'],
    ['81.00', 'quatre-vingt-un euros'],
    ['91.00', 'quatre-vingt-onze euros'],
    ['100.00', 'cent euros'],
    ['200.00', 'deux cents euros'],
    ['201.00', 'deux cent un euros'],
    ['1000.00', 'mille euros'],
    ['1210.00', 'mille deux cent dix euros'],
    ['1425.55', 'mille quatre cent vingt-cinq euros et cinquante-cinq centimes'],
    ['2000000.00', "deux millions d'euros"],
    ['80000.80', 'quatre-vingt mille euros et quatre-vingts centimes'],
  ])('%s € → « %s »', (amount, words) => {
    expect(amountInWordsFr(amount)).toBe(words);
  });

  it('accepts amounts without decimals or with one', () => {
    expect(amountInWordsFr('2')).toBe('deux euros');
    expect(amountInWordsFr('1.5')).toBe('un euro et cinquante centimes');
  });

  it('writes zero and a single cent in the singular', () => {
    expect(amountInWordsFr('0.00')).toBe('zéro euro');
    expect(amountInWordsFr('1.01')).toBe('un euro et un centime');
  });

  it('rejects what is not a canonical non-negative amount', () => {
    for (const bad of ['-1.00', '1,00', '1.001', '', '1e3']) expect(() => amountInWordsFr(bad)).toThrow(RangeError);
  });
});

describe('integerInWordsFr', () => {
  it.each([
    [17, 'dix-sept'],
    [31, 'trente et un'],
    [60, 'soixante'],
    [70, 'soixante-dix'],
    [72, 'soixante-douze'],
    [99, 'quatre-vingt-dix-neuf'],
    [101, 'cent un'],
    [180, 'cent quatre-vingts'],
    [1001, 'mille un'],
    [1980, 'mille neuf cent quatre-vingts'],
    [2000, 'deux mille'],
    [21000, 'vingt et un mille'],
    [200000, 'deux cent mille'],
    [1000000, 'un million'],
    [1200000, 'un million deux cent mille'],
    [200000000, 'deux cents millions'],
    [80000000, 'quatre-vingts millions'],
    [1000000000, 'un milliard'],
    [18243, 'dix-huit mille deux cent quarante-trois'],
  ])('%i → « %s »', (n, words) => {
    expect(integerInWordsFr(n)).toBe(words);
  });

  it('rejects negative, fractional and too large numbers', () => {
    for (const bad of [-1, 1.5, 1e12]) expect(() => integerInWordsFr(bad)).toThrow(RangeError);
  });
});
