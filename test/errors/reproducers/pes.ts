/**
 * Reproducers of the PES export's problems (src/errors/codes-pes.ts). The identifiers the export
 * needs: `titres export-pes` on the issued folder, whose dataset has none; the others on the PES
 * tests' inputs built in code (test/pes/fixtures.ts: communes.csv lines 2 Écully to 6), since what
 * the journal hands the builder is already consistent.
 */
import type { Commune } from '../../../src/engine/dataset.js';
import type { PES_CODES } from '../../../src/errors/codes-pes.js';
import { checkPesInput } from '../../../src/pes/check-pes-input.js';
import { checkPesRequirements } from '../../../src/pes/check-pes-requirements.js';
import type { PesBordereau } from '../../../src/pes/pes-input.js';
import { documentProblems } from '../../../src/pes/validate-pes-output.js';
import { makeCommunes, makeConfig, makeInput, reductionsBordereau, titresBordereau } from '../../pes/fixtures.js';
import { cli, issued, problemsOf, reproducer, type Reproducers } from './harness.js';

/** The requirements of exporting laclasse's titres of Écully, its commune line changed by `edit`. */
function requirements(edit: Partial<Commune> = {}, services = ['laclasse'], codes = ['69081']) {
  const communes = makeCommunes();
  communes.set('69081', { ...communes.get('69081')!, ...edit });
  return problemsOf(() => checkPesRequirements(makeConfig(), communes, services, codes));
}
/** The consistency checks of a bordereau of titres changed by `edit`. */
function input(edit: (b: PesBordereau) => PesBordereau, more: PesBordereau[] = []) {
  return problemsOf(() => checkPesInput(makeInput([edit(titresBordereau()), ...more])));
}

export const PES_REPRODUCERS = {
  PES_MISSING_IDENTIFIER: reproducer('config.json', async () => {
    const { out } = await issued();
    return cli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-10-01']);
  }),
  PES_INVALID_IDENTIFIER: reproducer('communes.csv:2', () => requirements({ siret: '21690081100012' })),
  PES_SIRET_SIREN_MISMATCH: reproducer('communes.csv:2', () => requirements({ siret: '21690202300011' })),
  PES_UNKNOWN_SERVICE: reproducer('config.json', () => requirements({}, ['geonet'])),
  PES_UNKNOWN_COMMUNE: reproducer('communes.csv', () => requirements({}, ['laclasse'], ['69123'])),
  PES_INVALID_ADDRESS: reproducer('communes.csv:2', () => requirements({ codePostal: '6913' })),
  PES_NO_BORDEREAU: reproducer('', () => problemsOf(() => checkPesInput(makeInput([])))),
  PES_EMPTY_BORDEREAU: reproducer('', () => input((b) => ({ ...b, pieces: [] }))),
  PES_DUPLICATE_NUMBER: reproducer('', () => input((b) => b, [titresBordereau()])),
  PES_NUMBER_OUT_OF_RANGE: reproducer('', () => input((b) => ({ ...b, numero: 0 }))),
  PES_INVALID_DATE: reproducer('', () => input((b) => ({ ...b, dateEmission: '2026-02-30' }))),
  PES_INVALID_AMOUNT: reproducer('', () => input((b) => ({ ...b, pieces: [{ ...b.pieces[0], montant: '-5.00' }] }))),
  PES_PIECE_TYPE_MISMATCH: reproducer('', () => input((b) => ({ ...b, pieces: [reductionsBordereau().pieces[0]] }))),
  PES_INVALID_TITRE_ORIGINE: reproducer('', () =>
    problemsOf(() => checkPesInput(makeInput([{ ...reductionsBordereau(), pieces: [{ ...reductionsBordereau().pieces[0], titreOrigine: undefined }] }]))),
  ),
  PES_EMPTY_PJ: reproducer('', () => input((b) => ({ ...b, pieces: [{ ...b.pieces[0], pdf: { fileName: 'titre-2026-00012.pdf', content: Buffer.alloc(0) } }] }))),
  PES_ADDRESS_NO_STREET: reproducer('communes.csv:2', () => requirements({ adresse: 'Mairie' })),
  PES_SCHEMA_INVALID: reproducer('', () => problemsOf(() => documentProblems('flux.xml', Buffer.from('<a><b></a>')))),
} satisfies Reproducers<typeof PES_CODES>;
