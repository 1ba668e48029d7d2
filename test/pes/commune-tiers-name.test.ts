import { expect, test } from 'vitest';
import { communeTiersName } from '../../src/pes/commune-tiers-name.js';
import { LONG_NAME } from './fixtures.js';

test.each([
  ['Écully', "COMMUNE D'ECULLY"],
  ['Irigny', "COMMUNE D'IRIGNY"],
  ["Saint-Romain-au-Mont-d'Or", "COMMUNE DE SAINT-ROMAIN-AU-MONT-D'OR"],
  ['Sainte-Foy-lès-Lyon', 'COMMUNE DE SAINTE-FOY-LES-LYON'],
  ["Collonges-au-Mont-d'Or", "COMMUNE DE COLLONGES-AU-MONT-D'OR"],
  ['La Mulatière', 'COMMUNE DE LA MULATIERE'],
  ["Le Bois-d'Oingt", "COMMUNE DU BOIS-D'OINGT"],
  ['Les Halles', 'COMMUNE DES HALLES'],
  ['Saint-Germain-au-Mont-d’Or', "COMMUNE DE SAINT-GERMAIN-AU-MONT-D'OR"],
])('%s → %s', (nom, expected) => {
  expect(communeTiersName(nom)).toBe(expected);
});

test('over 38 characters: the bare name, then a clean cut', () => {
  expect(communeTiersName('Saint-Didier-en-Longues-Vallées-Lyon')).toBe('SAINT-DIDIER-EN-LONGUES-VALLEES-LYON');
  const cut = communeTiersName(LONG_NAME);
  expect(cut).toBe('SAINT-GERMAIN-DES-LONGUES-VALLEES-AU');
  expect(cut.length).toBeLessThanOrEqual(38);
});
