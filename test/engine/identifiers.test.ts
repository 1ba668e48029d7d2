/**
 * Identifiers read from the configuration and the data, and written in the PES (data contract,
 * Simple_Type.xsd v5.30): each accepted at its exact length and format, refused one character off.
 */
import { describe, expect, it } from 'vitest';
import {
  isValidBic,
  isValidCodBud,
  isValidCodCol,
  isValidCodeInsee,
  isValidCodePostal,
  isValidCodeProduit,
  isValidFonction,
  isValidIban,
  isValidIdPost,
  isValidNature,
  isValidSiren,
  isValidSiret,
} from '../../src/engine/identifiers.js';

const accepted = (check: (v: string) => boolean, values: string[]): void => {
  for (const v of values) expect(check(v), v).toBe(true);
};
const refused = (check: (v: string) => boolean, values: string[]): void => {
  for (const v of values) expect(check(v), v).toBe(false);
};

describe('identifiers', () => {
  it('checks SIREN Luhn keys (real SIRENs of the Métropole and Écully)', () => {
    expect(isValidSiren('200046977')).toBe(true);
    expect(isValidSiren('216900811')).toBe(true);
    expect(isValidSiren('216900812')).toBe(false);
    expect(isValidSiren('21690081')).toBe(false);
  });

  it('a SIREN has exactly 9 digits, even when a leading zero keeps the Luhn key right', () => {
    refused(isValidSiren, ['0216900811', '2169008110', ' 216900811']);
  });

  it('checks SIRET Luhn keys', () => {
    expect(isValidSiret('20004697700019')).toBe(true);
    expect(isValidSiret('21690081100011')).toBe(true);
    expect(isValidSiret('20004697700018')).toBe(false);
    // Luhn keys right, digits adding up to no multiple of 5: only La Poste uses that other rule
    expect(isValidSiret('20004697700027')).toBe(true);
    expect(isValidSiret('21690081100045')).toBe(true);
  });

  it('a SIRET has exactly 14 digits', () => {
    expect(isValidSiret('2000469770001')).toBe(false);
    expect(isValidSiret('2000469770001A')).toBe(false);
    expect(isValidSiret(' 20004697700019')).toBe(false);
    // 15 digits whose Luhn key is right (a leading zero changes no Luhn sum)
    expect(isValidSiret('020004697700019')).toBe(false);
    expect(isValidSiret('200046977000190')).toBe(false);
  });

  it('La Poste establishments: the digits add up to a multiple of 5', () => {
    expect(isValidSiret('35600000012345')).toBe(false); // digits add up to 29
    expect(isValidSiret('35600000012346')).toBe(true); // digits add up to 30
    expect(isValidSiret('35600000000048')).toBe(true); // La Poste's head office: ordinary Luhn key
  });

  it('checks IBAN mod-97 keys, spaces allowed', () => {
    expect(isValidIban('FR76 3000 1006 9100 0069 0000 135')).toBe(true);
    expect(isValidIban('FR7630001006910000690000135')).toBe(true);
    expect(isValidIban('FR76 3000 1006 9100 0069 0000 136')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('checks BICs: 8 or 11 characters, a known country', () => {
    accepted(isValidBic, ['BDFEFRPP', 'BDFEFRPPCCT']);
    refused(isValidBic, ['BDFEFRP', 'BDFEXXPP', 'BDFEFRPPCC', '']);
  });

  it('checks INSEE codes: 5 digits, Corsican ones with 2A or 2B', () => {
    accepted(isValidCodeInsee, ['69081', '2A004', '2B033']);
    refused(isValidCodeInsee, ['6908', '690810', 'A69081', '6908A', '2C004', '2A04', 'ABCDE']);
  });

  it('IdPost: 6 or 7 digits, or 02A/02B and 3 or 4 digits, not only zeros', () => {
    accepted(isValidIdPost, ['069123', '0691234', '691234', '02A123', '02B1234']);
    refused(isValidIdPost, ['06912', '06912345', 'X069123', '069123X', '02C123', '02A12', '02A12345', '02A1B3', '0691A3', '000000', '0000000', '']);
  });

  it('CodCol: exactly 3 digits, not only zeros', () => {
    accepted(isValidCodCol, ['001', '123']);
    refused(isValidCodCol, ['000', '01', '0012', 'A01', '01A', '']);
  });

  it('CodBud: a digit or an upper-case letter, then a digit', () => {
    accepted(isValidCodBud, ['00', '01', 'A1', 'Z9']);
    refused(isValidCodBud, ['a1', 'AA', '1', '012', 'x01', '']);
  });

  it('CodProdLoc: 1 to 4 letters or digits, not only zeros', () => {
    accepted(isValidCodeProduit, ['1', 'AB', 'A1b2', '0701']);
    refused(isValidCodeProduit, ['A1b2c', '-A1', 'A1-', 'A 1', '0', '0000', '']);
  });

  it('nature: 1 to 12 digits, not zero', () => {
    accepted(isValidNature, ['7', '7062', '706200000000']);
    refused(isValidNature, ['0', '000', '7062000000000', 'x7062', '7062x', '70.62', '']);
  });

  it('fonction: 1 to 10 digits (zero allowed)', () => {
    accepted(isValidFonction, ['0', '020', '1234567890']);
    refused(isValidFonction, ['12345678901', 'x020', '020x', '']);
  });

  it('code postal: exactly 5 digits', () => {
    accepted(isValidCodePostal, ['69130', '01000']);
    refused(isValidCodePostal, ['6913', '691300', 'x69130', '69130x', '69 130']);
  });
});
