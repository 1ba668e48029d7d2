import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/io/config/read-config.js';
import { CONFIG } from '../helpers/minimal-dataset.js';

const FILE = 'data/config.json';
const clone = () => JSON.parse(JSON.stringify(CONFIG));
const where = (ps: { code: string; line?: number; column?: number }[]) => ps.map((p) => [p.code, p.line, p.column]);

describe('parseConfig', () => {
  it('reads the contract keys with their defaults', () => {
    const { config, problems, references } = parseConfig(JSON.stringify(CONFIG, null, 2), FILE);
    expect(problems).toEqual([]);
    expect(config?.numerotation).toEqual({ premierNumero: 1, premierBordereau: 1 });
    expect(config?.delaiPaiementJours).toBe(30);
    expect(config?.seuilRecouvrement.toFixed(2)).toBe('15.00');
    const laclasse = config?.services.get('laclasse');
    expect(laclasse).toMatchObject({ gratuit: false, population: 'totale', prorata: 'forfait', finEnCoursExercice: 'du', indice: { serie: 'syntec', reference: '2025-01' } });
    if (laclasse?.gratuit !== false) throw new Error('paying expected');
    expect([laclasse.forfait.toFixed(2), laclasse.parHabitant.toString()]).toEqual(['300.00', '0.06']);
    expect([laclasse.transitoire.haussePremiereAnnee.toString(), laclasse.transitoire.hausseAnnuelle.toString()]).toEqual(['0.1', '0.05']);
    const toodego = config?.services.get('toodego');
    expect(toodego?.gratuit === false && toodego.options.get('connecteurs')?.prixUnitaire.toFixed(2)).toBe('250.00');
    expect(config?.services.get('geonet')).toEqual({ id: 'geonet', libelle: 'Geonet', gratuit: true });
    expect(references.map((r) => [r.service, r.serie, r.reference])).toEqual([
      ['laclasse', 'syntec', '2025-01'],
      ['toodego', 'syntec', '2025-01'],
    ]);
  });

  it('reads the optional PES identifiers, SIRET, code produit and délibération', () => {
    const c = clone();
    c.emetteur.siret = '20004697700019';
    c.emetteur.pes = { id_post: '069099', cod_col: '001', cod_bud: '01', libelle_col_bud: 'METROPOLE DE LYON' };
    c.services.laclasse.imputation = { chapitre: '74', nature: '74748', fonction: '20', code_produit: 'LCL' };
    c.convention.deliberation = 'Délibération n° 2025-2947';
    const { config, problems } = parseConfig(JSON.stringify(c), FILE);
    expect(problems).toEqual([]);
    expect(config?.emetteur.siret).toBe('20004697700019');
    expect(config?.emetteur.pes).toEqual({ idPost: '069099', codCol: '001', codBud: '01', libelleColBud: 'METROPOLE DE LYON' });
    expect(config?.convention.deliberation).toBe('Délibération n° 2025-2947');
    const laclasse = config?.services.get('laclasse');
    expect(laclasse?.gratuit === false && laclasse.imputation).toEqual({ chapitre: '74', nature: '74748', fonction: '20', code_produit: 'LCL' });
  });

  it('reads the ASAP settings of emetteur.pes: edition, ref_bdf, centre d\'encaissement, per-commune edition and Chorus Pro service code (issue 14)', () => {
    const c = clone();
    c.emetteur.pes = {
      edition: '01',
      ref_bdf: 'FR12ZZZ123456',
      centre_encaissement: ['TSA 90000', '35908 Rennes Cedex 9'],
      modalites_reglement: 'Paiement par mandat administratif.',
      communes: { '69123': { code_service: 'FINANCES' }, '69081': { edition: '02' } },
    };
    const { config, problems } = parseConfig(JSON.stringify(c), FILE);
    expect(problems).toEqual([]);
    expect(config?.emetteur.pes).toEqual({
      edition: '01',
      refBdf: 'FR12ZZZ123456',
      centreEncaissement: ['TSA 90000', '35908 Rennes Cedex 9'],
      modalitesReglement: 'Paiement par mandat administratif.',
      communes: new Map([['69123', { codeService: 'FINANCES' }], ['69081', { edition: '02' }]]),
    });
  });

  it('refuses an unknown edition, a bad ref_bdf and a commune key that is no INSEE code, each at its position', () => {
    const c = clone();
    c.emetteur.pes = { edition: '03', ref_bdf: 'FR-12', communes: { Lyon: { edition: '01' }, '69123': { edition: '2' } } };
    const { problems } = parseConfig(JSON.stringify(c, null, 2), FILE);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['CONFIG_INVALID_VALUE', '« emetteur.pes.edition » : valeur inconnue « 03 » (valeurs possibles : 02, 01)'],
      ['CONFIG_INVALID_VALUE', '« emetteur.pes.ref_bdf » invalide « FR-12 » : 1 à 13 lettres ou chiffres (ICS ou numéro émetteur Banque de France du budget)'],
      ['CONFIG_INVALID_VALUE', '« emetteur.pes.communes.69123.edition » : valeur inconnue « 2 » (valeurs possibles : 02, 01)'],
      ['CONFIG_INVALID_VALUE', '« emetteur.pes.communes.Lyon » : la clé doit être un code INSEE de commune (5 caractères)'],
    ]);
    expect(problems.every((p) => p.line !== undefined)).toBe(true); // (JSON.stringify writes 69123 before Lyon)
  });

  it('points at the line and column of invalid JSON', () => {
    const { problems } = parseConfig('{\n  "a": 1,\n  "b": }\n', FILE);
    expect(problems).toMatchObject([{ code: 'CONFIG_INVALID_JSON', file: FILE, line: 3, column: 8 }]);
    expect(problems[0].message).toContain('« } »');
    expect(parseConfig('{\n  "a": 1,\n}', FILE).problems).toMatchObject([{ code: 'CONFIG_INVALID_JSON', line: 3, column: 1 }]);
    expect(parseConfig('{"a": "x', FILE).problems).toMatchObject([{ code: 'CONFIG_INVALID_JSON', line: 1 }]);
  });

  it('reports missing keys with their JSON path, wrong types, bad decimals and enum values, all at once', () => {
    const c = clone();
    delete c.emetteur.tribunal;
    c.convention.premier_exercice = '2026';
    c.services.laclasse.forfait = 300;
    c.services.laclasse.par_habitant = '0,06x';
    c.services.laclasse.population = 'legale';
    c.services.laclasse.indice.reference = '2025-13';
    const text = JSON.stringify(c, null, 2);
    const { config, problems } = parseConfig(text, FILE);
    expect(config).toBeUndefined();
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(where(problems)).toEqual([
      ['CONFIG_MISSING_KEY', 2, 15],
      ['CONFIG_WRONG_TYPE', lineOf('"premier_exercice"'), 25],
      ['CONFIG_WRONG_TYPE', lineOf('"forfait": 300'), 18],
      ['CONFIG_INVALID_DECIMAL', lineOf('"0,06x"'), 23],
      ['CONFIG_INVALID_VALUE', lineOf('"2025-13"'), 22],
      ['CONFIG_INVALID_VALUE', lineOf('"legale"'), 21],
    ]);
    expect(problems[0].message).toContain('« emetteur.tribunal »');
    expect(problems[2].message).toContain('"300"');
    expect(problems[5].message).toContain('« legale »');
  });

  it('rejects a tariff on a free service and a paying service without tariff (R2)', () => {
    const c = clone();
    c.services.geonet.forfait = '10.00';
    delete c.services.toodego.indice;
    delete c.services.toodego.forfait;
    const { problems } = parseConfig(JSON.stringify(c, null, 2), FILE);
    expect(problems.map((p) => p.code).sort()).toEqual(['FREE_SERVICE_TARIFF', 'PAYING_SERVICE_TARIFF_MISSING']);
    expect(problems.find((p) => p.code === 'PAYING_SERVICE_TARIFF_MISSING')?.message).toContain('« forfait », « indice »');
  });

  it('checks the issuer SIREN, IBAN and duplicate keys', () => {
    const c = clone();
    c.emetteur.siren = '200046978';
    c.emetteur.comptable.iban = 'FR7630001006910000690000136';
    const text = JSON.stringify(c, null, 2).replace('"convention": {', '"convention": {\n    "reference": "bis",');
    const { problems } = parseConfig(text, FILE);
    expect(problems.map((p) => p.code)).toEqual(['CONFIG_DUPLICATE_KEY', 'INVALID_SIREN', 'INVALID_IBAN']);
    expect(problems[1].message).toContain('« 200046978 »');
  });
});
