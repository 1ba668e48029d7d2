import { describe, expect, it } from 'vitest';
import { parseRate } from '../../src/cli/arguments.js';
import { rateFr } from '../../src/simulate/assumptions-label.js';
import { TitresError } from '../../src/errors/titres-error.js';

describe('parseRate', () => {
  it.each([
    ['0.02', '0.02'],
    ['0,02', '0.02'],
    ['2%', '0.02'],
    ['2 %', '0.02'],
    ['+1,5%', '0.015'],
    ['-0.5%', '-0.005'],
    ['0', '0'],
  ])('reads « %s » as %s', (text, expected) => {
    expect(parseRate(text, '--indice').toString()).toBe(expected);
  });

  it.each(['', 'abc', '2', '-100%', '150%', '2%%', '1e-2'])('refuses « %s » as a usage error', (text) => {
    try {
      parseRate(text, '--indice');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TitresError);
      expect((e as TitresError).kind).toBe('usage');
      expect((e as TitresError).problems[0].code).toBe('TAUX_INVALIDE');
      expect((e as TitresError).message).toContain('--indice');
    }
  });

  it('is displayed in French with its sign', () => {
    expect(rateFr(parseRate('2%', '--indice'))).toBe('+2 %');
    expect(rateFr(parseRate('-0,5%', '--indice'))).toBe('-0,5 %');
    expect(rateFr(parseRate('0', '--indice'))).toBe('+0 %');
  });
});
