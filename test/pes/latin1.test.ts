import { describe, expect, test } from 'vitest';
import { toLatin1 } from '../../src/pes/latin1.js';
import { fitText, pesText, postalText } from '../../src/pes/pes-text.js';

describe('toLatin1', () => {
  test.each([
    ['l’école', "l'école"],
    ['‘a’ ‚b‛', "'a' 'b'"],
    ['“cité” „x‟', '"cité" "x"'],
    ['« guillemets »', '« guillemets »'],
    ['œuvre Œdipe', 'oeuvre OEdipe'],
    ['suite…', 'suite...'],
    ['2020–2026 — fin', '2020-2026 - fin'],
    ['12 €', '12 EUR'],
    ['1\u202f040,70', '1\u00a0040,70'],
    ['a\u2009b', 'a b'],
    ['zéro\u200blargeur', 'zérolargeur'],
    ['Škoda ŷ ą', 'Skoda y a'],
    ['Łódź', '?ódz'],
    ['e\u0301', 'é'],
    ['漢', '?'],
  ])('%s → %s', (input, expected) => {
    expect(toLatin1(input)).toBe(expected);
  });

  test('the result always encodes in ISO-8859-1', () => {
    expect(/^[\u0000-\u00ff]*$/.test(toLatin1('’‘“”«»œŒ…–—€\u202f ✓ 😀'))).toBe(true);
  });
});

describe('pesText, fitText, postalText', () => {
  test('pesText folds line breaks, tabs and no-break spaces to single spaces and trims', () => {
    expect(pesText('  Contribution\n2026\t–\u00a0laclasse\u202f ')).toBe('Contribution 2026 - laclasse');
  });

  test('fitText keeps short texts and cuts long ones at a space or hyphen', () => {
    expect(fitText('court', 10)).toBe('court');
    expect(fitText('SAINT-GERMAIN-AU-MONT-D\'OR', 20)).toBe('SAINT-GERMAIN-AU');
    expect(fitText('un deux trois quatre', 12, '...')).toBe('un deux...');
    expect(fitText('x'.repeat(50), 10)).toBe('x'.repeat(10));
  });

  test('postalText is upper case without accents', () => {
    expect(postalText("Sainte-Foy-lès-Lyon")).toBe('SAINTE-FOY-LES-LYON');
    expect(postalText("Hôtel de ville, place de l’Église « 2 »")).toBe("HOTEL DE VILLE, PLACE DE L'EGLISE 2");
    expect(postalText('Cœur Ætna')).toBe('COEUR AETNA');
  });
});
