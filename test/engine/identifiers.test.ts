import { describe, expect, it } from 'vitest';
import { isValidCodeInsee, isValidIban, isValidSiren, isValidSiret } from '../../src/engine/identifiers.js';

describe('identifiers', () => {
  it('checks SIREN Luhn keys (real SIRENs of the Métropole and Écully)', () => {
    expect(isValidSiren('200046977')).toBe(true);
    expect(isValidSiren('216900811')).toBe(true);
    expect(isValidSiren('216900812')).toBe(false);
    expect(isValidSiren('21690081')).toBe(false);
  });

  it('checks SIRET Luhn keys', () => {
    expect(isValidSiret('20004697700019')).toBe(true);
    expect(isValidSiret('21690081100011')).toBe(true);
    expect(isValidSiret('20004697700018')).toBe(false);
  });

  it('a SIRET has exactly 14 digits', () => {
    expect(isValidSiret('2000469770001')).toBe(false);
    expect(isValidSiret('2000469770001A')).toBe(false);
    expect(isValidSiret(' 20004697700019')).toBe(false);
  });

  it('La Poste establishments: the digits add up to a multiple of 5', () => {
    expect(isValidSiret('35600000012345')).toBe(false); // digits add up to 29
    expect(isValidSiret('35600000012346')).toBe(true); // digits add up to 30
    expect(isValidSiret('35600000000048')).toBe(true); // La Poste's head office: ordinary Luhn key
  });

  it('checks IBAN mod-97 keys, spaces allowed', () => {
    expect(isValidIban('FR76 3000 1006 9100 0069 0000 135')).toBe(true);
    expect(isValidIban('FR76 3000 1006 9100 0069 0000 136')).toBe(false);
  });

  it('accepts Corsican INSEE codes', () => {
    expect(isValidCodeInsee('2A004')).toBe(true);
    expect(isValidCodeInsee('6908')).toBe(false);
    expect(isValidCodeInsee('2C004')).toBe(false);
  });
});
