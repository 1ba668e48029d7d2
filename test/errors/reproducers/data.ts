/**
 * Reproducers of the data area (src/errors/codes-data.ts): each one edit of the minimal dataset
 * (test/io/helpers/minimal-dataset.ts), read by `titres check --year 2026`. Its lines: communes.csv
 * 2 Écully, 3 Lyon, 4 Albigny; the same order in populations/2026.csv; adhesions.csv 2 Écully
 * laclasse (montant_anterieur in column 5), 3 Albigny laclasse, 4 Lyon toodego (options in column
 * 9), 5 Écully geonet (free); indices/syntec.csv 2 is 2025-01, 3 is 2025-10.
 */
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DATA_CODES } from '../../../src/errors/codes-data.js';
import { HEADERS } from '../../io/helpers/minimal-dataset.js';
import { append, check, cli, config, dataset, line, reproducer, swap, type Reproducers } from './harness.js';

const A = 'adhesions.csv';
const C = 'communes.csv';
const P = 'populations/2026.csv';
const S = 'indices/syntec.csv';
const ECULLY_ADHESION = '69081,laclasse,2025-12-18,,1100.00';
/** Écully's laclasse adhesion with these date_fin, motif_fin, date_preavis. */
const ending = (fin: string, motif: string, preavis = '') => line(2, `${ECULLY_ADHESION},${fin},${motif},${preavis},`);
/** Lyon's toodego adhesion with these options. */
const options = (text: string) => line(4, `69123,toodego,2025-12-15,2026-01-01,,,,,${text}`);
/** communes.csv with a siret column, Écully's SIRET as given. */
const withSiret = (siret: string) =>
  [`${HEADERS.communes},siret`, `69081,Écully,216900811,Hôtel de ville,69130,Écully,${siret}`, '69123,Lyon,216901231,Hôtel de ville,69001,Lyon,', '69003,Albigny-sur-Saône,216900035,Hôtel de ville,69250,Albigny-sur-Saône,'].join('\n') + '\n';

export const DATA_REPRODUCERS = {
  INPUT_FILE_MISSING: reproducer(C, () => check({ [C]: null })),
  INPUT_FILE_UNREADABLE: reproducer(C, async () => {
    const dir = await dataset({ [C]: null });
    await mkdir(path.join(dir, C)); // a folder where the file goes
    return cli(['check', '--data', dir]);
  }),
  INPUT_FILE_TOO_LARGE: reproducer(A, async () => {
    const dir = await dataset();
    await truncate(path.join(dir, A), 33 * 1024 * 1024); // sparse: the size is checked before reading
    return cli(['check', '--data', dir]);
  }),
  CSV_LINE_TOO_LONG: reproducer(`${A}:2`, () => check({ [A]: line(2, `${ECULLY_ADHESION},,,,${'x'.repeat(70_000)}`) })),
  CSV_CELL_COUNT: reproducer(`${A}:2:10`, () => check({ [A]: line(2, `${ECULLY_ADHESION},,,,,en trop`) })),
  CONTROL_CHARACTER: reproducer(`${C}:2:2`, () => check({ [C]: swap('69081,Écully', '69081,Écu\u0007lly') })),
  TEXT_TOO_LONG: reproducer(`${C}:2:2`, () => check({ [C]: swap('69081,Écully', `69081,${'É'.repeat(101)}`) })),
  AMOUNT_TOO_MANY_DECIMALS: reproducer(`${A}:2:5`, () => check({ [A]: swap('1100.00', '1100.005') })),
  AMOUNT_IMPLAUSIBLE: reproducer(`${A}:2:5`, () => check({ [A]: swap('1100.00', '1100000000.00') })),
  POPULATION_IMPLAUSIBLE: reproducer(`${P}:2:3`, () => check({ [P]: swap('69081,17944,18243', '69081,17944,182430000') })),
  PROBLEMS_OMITTED: reproducer(P, () => check({ [P]: (t) => t + Array.from({ length: 1001 }, () => '69081,x,18243').join('\n') + '\n' })),
  CSV_EMPTY: reproducer(`${A}:1`, () => check({ [A]: '' })),
  CSV_SYNTAX: reproducer(`${C}:2`, () => check({ [C]: swap('69081,Écully,', '69081,"Écu"lly,') })),
  CSV_MISSING_COLUMN: reproducer(`${C}:1`, () => check({ [C]: swap('code_insee,nom,siren,', 'code_insee,nom,sirene,') })),
  MISSING_VALUE: reproducer(`${C}:2:2`, () => check({ [C]: swap('69081,Écully,', '69081,,') })),
  INVALID_DATE: reproducer(`${A}:2:3`, () => check({ [A]: swap('2025-12-18', '2025-12-32') })),
  INVALID_MONTH: reproducer(`${S}:3:1`, () => check({ [S]: swap('2025-10,', '2025-13,') })),
  INVALID_AMOUNT: reproducer(`${A}:2:5`, () => check({ [A]: swap('1100.00', 'mille cent') })),
  INVALID_INTEGER: reproducer(`${P}:2:2`, () => check({ [P]: swap('69081,17944,', '69081,dix-sept mille,') })),
  NEGATIVE_AMOUNT: reproducer(`${A}:2:5`, () => check({ [A]: swap('1100.00', '-1100.00') })),
  INVALID_SIREN: reproducer(`${C}:2:3`, () => check({ [C]: swap('216900811', '216900812') })),
  INVALID_SIRET: reproducer(`${C}:2:7`, () => check({ [C]: withSiret('21690081100012') })),
  SIRET_SIREN_MISMATCH: reproducer(`${C}:2:7`, () => check({ [C]: withSiret('21690123100003') })),
  INVALID_IBAN: reproducer('config.json:20:15', () => check({ 'config.json': config((c) => (c.emetteur.comptable.iban = 'FR7630001006910000690000136')) })),
  INVALID_BIC: reproducer('config.json:21:14', () => check({ 'config.json': config((c) => (c.emetteur.comptable.bic = 'BDF')) })),
  INVALID_CODE_INSEE: reproducer(`${C}:4:1`, () => check({ [C]: swap('69003,Albigny', '6900A,Albigny') })),
  INVALID_POSTAL_CODE: reproducer(`${C}:2:5`, () => check({ [C]: swap(',69130,', ',6913,') })),
  CONFIG_INVALID_JSON: reproducer('config.json:1:3', () => check({ 'config.json': '{ emetteur' })),
  CONFIG_DUPLICATE_KEY: reproducer('config.json:5:5', () => check({ 'config.json': swap('"emetteur": {', '"emetteur": {\n    "siren": "200046977",') })),
  CONFIG_MISSING_KEY: reproducer('config.json:2:15', () => check({ 'config.json': config((c) => delete c.emetteur.siren) })),
  CONFIG_WRONG_TYPE: reproducer('config.json:36:18', () => check({ 'config.json': config((c) => (c.services.laclasse.forfait = 300)) })),
  CONFIG_INVALID_DECIMAL: reproducer('config.json:36:18', () => check({ 'config.json': config((c) => (c.services.laclasse.forfait = '300,00,00')) })),
  CONFIG_INVALID_VALUE: reproducer('config.json:42:21', () => check({ 'config.json': config((c) => (c.services.laclasse.population = 'toute')) })),
  FREE_SERVICE_TARIFF: reproducer('config.json:61:18', () => check({ 'config.json': config((c) => (c.services.geonet.forfait = '10.00')) })),
  PAYING_SERVICE_TARIFF_MISSING: reproducer('config.json:34:17', () => check({ 'config.json': config((c) => delete c.services.laclasse.par_habitant) })),
  DUPLICATE_COMMUNE: reproducer(`${C}:5:1`, () => check({ [C]: append('69081,Écully,216900811,Hôtel de ville,69130,Écully') })),
  POPULATION_FORMAT_UNKNOWN: reproducer(`${P}:1`, () => check({ [P]: swap(HEADERS.populations, 'commune,habitants,total') })),
  NEGATIVE_POPULATION: reproducer(`${P}:2:2`, () => check({ [P]: swap('69081,17944,', '69081,-17944,') })),
  POPULATION_TOTALE_BELOW_MUNICIPALE: reproducer(`${P}:2:3`, () => check({ [P]: swap('69081,17944,18243', '69081,17944,17943') })),
  DUPLICATE_POPULATION: reproducer(`${P}:5:1`, () => check({ [P]: append('69081,17944,18243') })),
  POPULATION_UNKNOWN_COMMUNE: reproducer(`${P}:5:1`, () => check({ [P]: append('69999,100,100') })),
  POPULATION_FILE_IGNORED: reproducer('populations/recensement.csv', () => check({ 'populations/recensement.csv': 'x\n' })),
  LYON_ARRONDISSEMENTS_INCOMPLETE: reproducer(`${P}:3`, () => check({ [P]: swap('69123,519127,525314', '69381,30000,30500') })),
  UNKNOWN_COMMUNE: reproducer(`${A}:2:1`, () => check({ [A]: swap(ECULLY_ADHESION, '69999,laclasse,2025-12-18,,1100.00') })),
  UNKNOWN_SERVICE: reproducer(`${A}:2:2`, () => check({ [A]: swap(ECULLY_ADHESION, '69081,laclase,2025-12-18,,1100.00') })),
  DUPLICATE_ADHESION: reproducer(`${A}:6:2`, () => check({ [A]: append(`${ECULLY_ADHESION},,,,`) })),
  END_BEFORE_START: reproducer(`${A}:2:6`, () => check({ [A]: ending('2025-06-30', 'manquement_commune') })),
  INVALID_END_REASON: reproducer(`${A}:2:7`, () => check({ [A]: ending('2026-06-30', 'demenagement') })),
  END_REASON_MISSING: reproducer(`${A}:2:7`, () => check({ [A]: ending('2026-06-30', '') })),
  END_REASON_WITHOUT_END: reproducer(`${A}:2:7`, () => check({ [A]: ending('', 'manquement_commune') })),
  NOTICE_WITHOUT_RESILIATION: reproducer(`${A}:2:8`, () => check({ [A]: ending('2026-06-30', 'manquement_commune', '2026-01-15') })),
  FREE_SERVICE_AMOUNT_IGNORED: reproducer(`${A}:5:5`, () => check({ [A]: swap('69081,geonet,2025-12-18,,', '69081,geonet,2025-12-18,,10.00') })),
  FREE_SERVICE_OPTIONS: reproducer(`${A}:5:9`, () => check({ [A]: line(5, '69081,geonet,2025-12-18,,,,,,connecteurs=1') })),
  INVALID_OPTIONS: reproducer(`${A}:4:9`, () => check({ [A]: options('connecteurs:2') })),
  UNKNOWN_OPTION: reproducer(`${A}:4:9`, () => check({ [A]: options('passerelles=2') })),
  INVALID_QUANTITY: reproducer(`${A}:4:9`, () => check({ [A]: options('connecteurs=deux') })),
  DUPLICATE_OPTION: reproducer(`${A}:4:9`, () => check({ [A]: options('connecteurs=1|connecteurs=2') })),
  INDEX_NOT_POSITIVE: reproducer(`${S}:3:2`, () => check({ [S]: swap('322.2', '0') })),
  INDEX_PUBLISHED_TOO_EARLY: reproducer(`${S}:3:3`, () => check({ [S]: swap('2025-11-28', '2025-10-15') })),
  DUPLICATE_INDEX_MONTH: reproducer(`${S}:4:1`, () => check({ [S]: append('2025-10,322.2,2025-11-28') })),
  INDEX_REFERENCE_MISSING: reproducer('config.json:40:22', () => check({ 'config.json': config((c) => (c.services.laclasse.indice.reference = '2024-01')) })),
} satisfies Reproducers<typeof DATA_CODES>;
