import { describe, expect, test } from 'vitest';
import { checkPesRequirements } from '../../src/pes/check-pes-requirements.js';
import { makeCommunes, makeConfig } from './fixtures.js';

const ALL = ['69081', '69202', '69233', '69063', '69999'];

describe('checkPesRequirements', () => {
  test('a complete configuration gives no problem', () => {
    expect(checkPesRequirements(makeConfig(), makeCommunes(), ['laclasse', 'toodego'], ALL)).toEqual([]);
  });

  test('one problem per missing identifier, naming the config key or the communes.csv line', () => {
    const config = makeConfig();
    config.emetteur.siret = undefined;
    config.emetteur.pes = undefined;
    const laclasse = config.services.get('laclasse');
    if (laclasse === undefined || laclasse.gratuit) throw new Error('fixture');
    laclasse.imputation = { chapitre: '74' };
    const communes = makeCommunes();
    communes.get('69233')!.siret = ''; // no SIRET is no problem: its titres go as Edition 01
    const problems = checkPesRequirements(config, communes, ['laclasse'], ['69081', '69233'], {
      configFile: 'data/config.json',
      communesFile: 'data/communes.csv',
    }, true);
    expect(problems.map((p) => [p.code, p.file, p.line, p.message])).toEqual([
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, 'identifiant PES manquant : emetteur.siret (SIRET du budget, IdColl)'],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, 'identifiant PES manquant : emetteur.pes.id_post (poste comptable)'],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, 'identifiant PES manquant : emetteur.pes.cod_col (code collectivité)'],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, 'identifiant PES manquant : emetteur.pes.cod_bud (code budget)'],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, "identifiant PES manquant : emetteur.pes.ref_bdf (référence Banque de France du budget, RefBdf de l'avis des sommes à payer)"],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, "identifiant PES manquant : emetteur.pes.centre_encaissement (adresse du centre d'encaissement de la DGFiP (TSA, puis code postal et ville))"],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, 'identifiant PES manquant : services.laclasse.imputation.nature (compte nature M57)'],
      ['PES_MISSING_IDENTIFIER', 'data/config.json', undefined, 'identifiant PES manquant : services.laclasse.imputation.code_produit (code produit local, CodProdLoc)'],
    ]);
    expect(new Set(problems.map((p) => p.severity))).toEqual(new Set(['error']));
  });

  test('default positions are config.json and communes.csv', () => {
    const communes = makeCommunes();
    communes.get('69081')!.codePostal = '6913';
    const config = makeConfig();
    config.emetteur.pes!.idPost = undefined;
    const files = checkPesRequirements(config, communes, ['laclasse'], ['69081']).map((p) => p.file);
    expect(files).toEqual(['config.json', 'communes.csv']);
  });

  test('malformed identifiers are reported with their value', () => {
    const config = makeConfig();
    config.emetteur.siret = '20004697700018'; // bad Luhn key
    config.emetteur.pes = { idPost: '69099', codCol: '12', codBud: '1A', libelleColBud: 'x' };
    const laclasse = config.services.get('laclasse');
    if (laclasse === undefined || laclasse.gratuit) throw new Error('fixture');
    laclasse.imputation = { nature: '7474-8', code_produit: 'LCL12', fonction: '2.1' };
    const communes = makeCommunes();
    communes.get('69081')!.siret = '2169008110001';
    const problems = checkPesRequirements(config, communes, ['laclasse'], ['69081']);
    expect(problems.map((p) => p.code)).toEqual(Array(8).fill('PES_INVALID_IDENTIFIER'));
    expect(problems[0].message).toContain('« 20004697700018 »');
    expect(problems[1].message).toBe(
      'identifiant PES invalide : emetteur.pes.id_post (poste comptable) vaut « 69099 », attendu 6 ou 7 chiffres (ou 02A/02B suivi de 3 ou 4 chiffres)',
    );
    expect(problems[7]).toMatchObject({ file: 'communes.csv', line: 2 });
  });

  test('accepted formats: codique 02A…, letter CodBud, 4-character product code, no fonction', () => {
    const config = makeConfig();
    config.emetteur.pes = { idPost: '02A0123', codCol: '007', codBud: 'B1' };
    const toodego = config.services.get('toodego');
    if (toodego === undefined || toodego.gratuit) throw new Error('fixture');
    toodego.imputation = { nature: '70688', code_produit: 'a9Z0' };
    expect(checkPesRequirements(config, makeCommunes(), ['toodego'], [])).toEqual([]);
  });

  test('SIRET not starting with the SIREN, bad postal code, unknown commune and service', () => {
    const config = makeConfig();
    config.emetteur.siret = '21690081100011';
    const communes = makeCommunes();
    communes.get('69202')!.siret = '21690081100011';
    communes.get('69202')!.codePostal = '6911';
    const problems = checkPesRequirements(config, communes, ['nope', 'geonet'], ['69202', '75056']);
    expect(problems.map((p) => p.code)).toEqual([
      'PES_SIRET_SIREN_MISMATCH',
      'PES_UNKNOWN_SERVICE',
      'PES_UNKNOWN_SERVICE',
      'PES_SIRET_SIREN_MISMATCH',
      'PES_INVALID_ADDRESS',
      'PES_UNKNOWN_COMMUNE',
    ]);
    expect(problems[2].message).toBe('service « geonet » gratuit : il ne donne pas de titre');
  });

  test('each service and commune is checked once', () => {
    const communes = makeCommunes();
    communes.get('69081')!.siret = '2169008110001';
    expect(checkPesRequirements(makeConfig(), communes, ['laclasse', 'laclasse'], ['69081', '69081'])).toHaveLength(1);
  });

  test('for the ASAP: an issuer or comptable address whose last line is not « CP ville » is refused', () => {
    const config = makeConfig();
    config.emetteur.comptable.adresse = ['Centre des finances publiques', 'Lyon'];
    config.emetteur.pes!.centreEncaissement = ['TSA 90000', '35908 Rennes Cedex 9'];
    const problems = checkPesRequirements(config, makeCommunes(), ['laclasse'], [], undefined, true);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['PES_INVALID_ADDRESS', 'emetteur.comptable.adresse (adresse du comptable public) : la dernière ligne « Lyon » doit être le code postal (5 chiffres) suivi de la ville'],
    ]);
    // without titres to export (réductions only), no ASAP is built and nothing of it is required
    expect(checkPesRequirements(config, makeCommunes(), ['laclasse'], [], undefined, false)).toEqual([]);
  });

  test('an address without voie is a warning naming the communes.csv line, not an error', () => {
    const communes = makeCommunes();
    communes.get('69081')!.adresse = 'Hôtel de ville';
    const problems = checkPesRequirements(makeConfig(), communes, ['laclasse'], ['69081']);
    expect(problems.map((p) => [p.code, p.severity, p.line])).toEqual([['PES_ADDRESS_NO_STREET', 'warning', 2]]);
  });
});
