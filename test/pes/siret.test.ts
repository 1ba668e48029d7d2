import { expect, test } from 'vitest';
import { isValidSiret, luhnValid } from '../../src/io/values/identifiers.js';

test('Luhn key of SIREN and SIRET', () => {
  expect(luhnValid('200046977')).toBe(true);
  expect(isValidSiret('20004697700019')).toBe(true);
  expect(isValidSiret('21690081100011')).toBe(true);
  expect(isValidSiret('20004697700018')).toBe(false);
});

test('a SIRET has exactly 14 digits', () => {
  expect(isValidSiret('2000469770001')).toBe(false);
  expect(isValidSiret('2000469770001A')).toBe(false);
  expect(isValidSiret(' 20004697700019')).toBe(false);
});

test('La Poste establishments: the digits add up to a multiple of 5', () => {
  expect(isValidSiret('35600000012345')).toBe(false); // digits add up to 29
  expect(isValidSiret('35600000012346')).toBe(true); // digits add up to 30
  expect(isValidSiret('35600000000048')).toBe(true); // La Poste's head office: ordinary Luhn key
});
