import { expect, test } from 'vitest';
import { postalAddress, splitAddress } from '../../src/pes/pes-address.js';

test.each([
  ['Hôtel de ville, 1, place de la Comédie', { adr1: 'HOTEL DE VILLE', adr2: '1 PLACE DE LA COMEDIE' }],
  ['Hôtel de ville, place Lazare-Goujon', { adr1: 'HOTEL DE VILLE', adr2: 'PLACE LAZARE-GOUJON' }],
  ['10 rue Deshay', { adr2: '10 RUE DESHAY' }],
  ['12 bis, avenue Foch – BP 12', { adr2: '12 BIS AVENUE FOCH', adr3: 'BP 12' }],
  ['Mairie ; Service des finances, 3 chemin des Vignes, Lieu-dit Le Bourg', { adr1: 'MAIRIE SERVICE DES FINANCES', adr2: '3 CHEMIN DES VIGNES', adr3: 'LIEU-DIT LE BOURG' }],
  ['CS 33569, Hôtel de la Métropole, 20 rue du Lac', { adr1: 'HOTEL DE LA METROPOLE', adr2: '20 RUE DU LAC', adr3: 'CS 33569' }],
])('%s → Adr1/Adr2/Adr3 as the schema defines them', (text, expected) => {
  expect(splitAddress(text)).toEqual({ ...expected, hasVoie: true });
});

test('no voie: the whole text in Adr2 (required), flagged', () => {
  expect(splitAddress('Hôtel de ville')).toEqual({ adr2: 'HOTEL DE VILLE', hasVoie: false });
  expect(splitAddress('Mairie, BP 4')).toEqual({ adr2: 'MAIRIE', adr3: 'BP 4', hasVoie: false });
});

test('each field is cut at 38 characters, postal norm', () => {
  const { adr2 } = splitAddress("1 place de l'Église et de la Fontaine Saint-Jean-Baptiste");
  expect(adr2!.length).toBeLessThanOrEqual(38);
  expect(adr2).toBe("1 PLACE DE L'EGLISE ET DE LA FONTAINE");
});

test('config.json lines: the last is « CP ville »; the centre d\'encaissement keeps only Adr3', () => {
  expect(postalAddress(['20, rue du Lac', 'CS 33569', '69505 Lyon Cedex 03'])).toEqual({
    adr2: '20 RUE DU LAC', adr3: 'CS 33569', cp: '69505', ville: 'LYON CEDEX 03', hasVoie: true,
  });
  expect(postalAddress(['TSA 90000', '35908 Rennes Cedex 9'], true)).toEqual({ adr3: 'TSA 90000', cp: '35908', ville: 'RENNES CEDEX 9', hasVoie: true });
  expect(postalAddress(['20, rue du Lac', 'Lyon'])).toBeUndefined();
});
