/**
 * Reproducers of the engine area (src/errors/codes-engine.ts): a computation the minimal dataset
 * (see data.ts for its lines) or the issued folder (harness.ts) cannot carry out.
 */
import type { ENGINE_CODES } from '../../../src/errors/codes-engine.js';
import { planCancellation } from '../../../src/engine/plan-cancellation.js';
import { COMMUNES, d, ECULLY, issued as issuedDocument } from '../../engine/fixtures.js';
import { tariffIndex } from '../../../src/engine/tariff-index.js';
import { dataset as fixtureDataset, laclasse } from '../../fixtures/dataset.js';
import { MINIMAL } from '../../io/helpers/minimal-dataset.js';
import { check, cli, dataset, issued, line, problemsOf, reproducer, swap, type Reproducers } from './harness.js';

const A = 'adhesions.csv';
const P = 'populations/2026.csv';
const S = 'indices/syntec.csv';
/** Écully's laclasse adhesion ended by a resiliation on 31/12/2026, notified on `preavis`. */
const resiliation = (preavis: string) => line(2, `69081,laclasse,2025-12-18,,1100.00,2026-12-31,resiliation,${preavis},`);

/** `titres cancel` of titre `titre` in a copy of the issued folder, in the autumn of 2026. */
async function cancel(titre: string, ...more: string[]) {
  const { out } = await issued();
  return cli(['cancel', '--out', out, '--titre', titre, '--motif', 'essai', '--date', '2026-10-01', ...more]);
}

export const ENGINE_REPRODUCERS = {
  POPULATION_FICHIER_ABSENT: reproducer(P, () => check({ [P]: null, 'populations/2025.csv': MINIMAL[P] })),
  POPULATION_COMMUNE_ABSENTE: reproducer(`${A}:2`, () => check({ [P]: swap('69081,17944,18243\n', '') })),
  // the dataset reader refuses a series whose file is missing (INPUT_FILE_MISSING): a dataset built in code
  INDICE_SERIE_ABSENTE: reproducer('indices/syntec.csv', () => problemsOf(() => tariffIndex(fixtureDataset({ adhesions: [], indices: new Map() }), laclasse(), 2026).errors)),
  INDICE_NON_CONNU: reproducer(S, () => check({ [S]: (t) => t.replace('2025-02-28', '2026-02-27').replace('2025-11-28', '2026-01-15') })),
  INDICE_MOIS_ANCIEN: reproducer(`${S}:3`, () => check({})), // 2025-10 is the last month known on 1 January 2026, 2025-11 expected
  TITRE_PRECEDENT_ABSENT: reproducer(`${A}:2`, async () => {
    const data = await dataset({ 'populations/2027.csv': MINIMAL[P] }); // 2027 without the 2026 titre Écully's R5 cap starts from
    return cli(['issue', '--data', data, '--year', '2027', '--dry-run']);
  }),
  PREAVIS_TARDIF: reproducer(`${A}:2`, () => check({ [A]: resiliation('2026-11-15') })),
  PREAVIS_ABSENT: reproducer(`${A}:2`, () => check({ [A]: resiliation('') })),
  TITRE_INCONNU: reproducer('', () => cancel('2026-9')),
  TITRE_EST_UNE_REDUCTION: reproducer('', async () => {
    const { out } = await issued();
    await cli(['cancel', '--out', out, '--titre', '2026-2', '--montant', '10,00', '--motif', 'essai', '--date', '2026-10-01']);
    return cli(['cancel', '--out', out, '--titre', '2026-4', '--motif', 'essai', '--date', '2026-10-01']); // the réduction just issued
  }),
  MONTANT_REDUCTION_INVALIDE: reproducer('', () => cancel('2026-2', '--montant', '5000,00')),
  // the command line refuses an empty --motif first (INVALID_OPTION_VALUE): the engine's own check
  MOTIF_CORRECTION_ABSENT: reproducer('', () =>
    problemsOf(() => {
      const titre = issuedDocument({ exercice: 2026, numero: 3, codeInsee: ECULLY, montant: d('1210.00') });
      planCancellation({ documents: [titre] }, { exercice: 2026, numero: 3, motif: ' ', date: '2026-09-01' }, { communes: COMMUNES });
    }),
  ),
  TITRE_DEJA_ANNULE: reproducer('', async () => {
    const { out } = await issued();
    await cli(['cancel', '--out', out, '--titre', '2026-2', '--motif', 'essai', '--date', '2026-10-01']);
    return cli(['cancel', '--out', out, '--titre', '2026-2', '--motif', 'essai', '--date', '2026-10-01']);
  }),
} satisfies Reproducers<typeof ENGINE_CODES>;
