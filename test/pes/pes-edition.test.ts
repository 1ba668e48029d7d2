/** Issue 14: the Edition of each debtor, and how it is said in the plan and on the bordereau. */
import { expect, test } from 'vitest';
import { EDITION_NAMES_LISTED, editionLine, editionOf } from '../../src/pes/pes-edition.js';
import { makeCommunes, makeConfig } from './fixtures.js';

test('02 (ASAP CPP) for a commune with a valid SIRET, unless config says 01 for all or for it; 01 without SIRET', () => {
  const config = makeConfig();
  const communes = makeCommunes();
  const ecully = communes.get('69081')!;
  expect(editionOf(config, ecully)).toBe('02');
  expect(editionOf(config, { ...ecully, siret: undefined })).toBe('01');
  expect(editionOf(config, { ...ecully, siret: '21690081100012' })).toBe('01'); // bad Luhn key: not a SIRET
  config.emetteur.pes!.communes = new Map([['69081', { edition: '01' }]]);
  expect(editionOf(config, ecully)).toBe('01');
  expect(editionOf(config, communes.get('69202')!)).toBe('02');
  config.emetteur.pes!.edition = '01';
  config.emetteur.pes!.communes = new Map([['69202', { edition: '02' }]]);
  expect(editionOf(config, ecully)).toBe('01');
  expect(editionOf(config, communes.get('69202')!)).toBe('02');
});

test('the plan and the bordereau say how many ASAP go to Chorus Pro and which communes get one by mail', () => {
  expect(editionLine([{ edition: '02', commune: 'Bron' }, { edition: '02', commune: 'Lyon' }])).toBe(
    'Avis des sommes à payer : 2 sur Chorus Pro (ASAP CPP, édition 02).\n',
  );
  expect(editionLine([{ edition: '02', commune: 'Bron' }, { edition: '01', commune: 'Givors' }, { edition: '01', commune: 'Irigny' }])).toBe(
    'Avis des sommes à payer : 1 sur Chorus Pro (ASAP CPP, édition 02) ; 2 à éditer et envoyer par la DGFiP (édition 01) : Givors, Irigny.\n',
  );
  expect(editionLine([])).toBe('');
});

test('past EDITION_NAMES_LISTED communes by mail, the sentence names the first ones and counts the others (issue 12: a national batch)', () => {
  const titres = Array.from({ length: 8750 }, (_, i) => ({ edition: '01' as const, commune: `Commune ${i + 1}` }));
  titres.push({ edition: '01', commune: 'Commune 1' }); // a second titre to the same commune: one name
  const line = editionLine(titres);
  const listed = Array.from({ length: EDITION_NAMES_LISTED }, (_, i) => `Commune ${i + 1}`).join(', ');
  expect(line).toBe(`Avis des sommes à payer : 8751 à éditer et envoyer par la DGFiP (édition 01) : ${listed} et 8730 autres communes.\n`);
  const one = titres.slice(0, EDITION_NAMES_LISTED + 1);
  expect(editionLine(one)).toMatch(new RegExp(`Commune ${EDITION_NAMES_LISTED} et 1 autre commune\\.\\n$`));
  expect(editionLine(titres.slice(0, EDITION_NAMES_LISTED))).toMatch(new RegExp(`Commune ${EDITION_NAMES_LISTED}\\.\\n$`));
});
