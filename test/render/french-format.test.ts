import { describe, expect, it } from 'vitest';
import { deName, familyName, formatAmountFr, keepFiguresTogether } from '../../src/render/french-format.js';

describe('french-format', () => {
  it('formats canonical amounts the French way, the euro sign held to the figure', () => {
    expect(formatAmountFr('1210.00')).toBe('1\u202f210,00\u00a0€');
    expect(formatAmountFr('0.06')).toBe('0,06\u00a0€');
  });

  it('elides « de » before a vowel', () => {
    expect(deName('Écully')).toBe("d'Écully");
    expect(deName('Albigny-sur-Saône')).toBe("d'Albigny-sur-Saône");
    expect(deName('Lyon')).toBe('de Lyon');
  });

  it('writes family names in capitals, accents kept', () => {
    expect(familyName('Géraud')).toBe('GÉRAUD');
  });

  it('keeps digit groups and « € » from being split at a line end', () => {
    expect(keepFiguresTogether('(300,00 € + 0,06 € × 18 243 hab.) = 1 425,55 €')).toBe(
      '(300,00\u00a0€ + 0,06\u00a0€ × 18\u202f243 hab.) = 1\u202f425,55\u00a0€',
    );
    expect(keepFiguresTogether('ligne 20 du fichier, 2026 123')).toBe('ligne 20 du fichier, 2026\u202f123');
  });
});
