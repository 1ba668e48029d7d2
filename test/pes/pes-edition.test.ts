/** Issue 14: the Edition of each debtor, and how it is said in the plan and on the bordereau. */
import { expect, test } from 'vitest';
import { editionLine, editionOf } from '../../src/pes/pes-edition.js';
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
