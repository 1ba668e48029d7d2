/**
 * Issue 12 (flat memory): a run's ledger rows are appended by batches read from its run file. A
 * ledger whose rows fall into two batches is appended to twice; it must end byte for byte as when
 * all its rows are appended at once, and a row of a document the journal does not hold is left out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRunLedgers, seriesKey, type JournaledDoc } from '../../src/apply/finalize-run.js';
import { runDocument } from '../../src/apply/issue-plan.js';
import type { RunDocument } from '../../src/apply/run-file.js';
import { dec } from '../../src/engine/money.js';
import type { PlannedDocument } from '../../src/engine/plan-types.js';
import { ledgerFileName } from '../../src/io/output-layout.js';
import { makeDataset, reduction, removeDir, tempDir, titre } from './fixtures.js';

const dataset = makeDataset();
const ecully = titre('69081', 'laclasse', '1210.00');
const documents: Array<{ doc: PlannedDocument; numero: number }> = [
  { doc: ecully, numero: 1 },
  { doc: titre('69204', 'laclasse', '450.10'), numero: 2 },
  { doc: reduction('69081', 'laclasse', '100.00', { exercice: 2026, numero: 1 }), numero: 3 },
  { doc: titre('69290', 'laclasse', '300.00'), numero: 4 },
];

const run = documents.map(({ doc, numero }) =>
  runDocument({ document: doc, numero, bordereau: 1, netApres: doc.montant }, '2026-06-15', dataset, ledgerFileName(doc.codeInsee, doc.commune)),
);
/** The journal holds all but the last document (a run stopped before it). */
const journaled = new Map<number, JournaledDoc>(
  run.slice(0, 3).map((d) => [seriesKey(d), { ...d, exercice: 2026, montant: dec(d.montant), dateEmission: '2026-06-15' }]),
);

async function ledgers(outDir: string): Promise<Record<string, string>> {
  const folder = join(outDir, 'registres', 'laclasse');
  const names = (await readdir(folder).catch(() => [] as string[])).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(folder, n), 'utf8')] as const)));
}

let dirs: string[] = [];
beforeEach(() => {
  dirs = [];
});
afterEach(async () => {
  await Promise.all(dirs.map(removeDir));
});

describe('seriesKey (R10: statements of compte 673 have their own series)', () => {
  it('tells a titre from a statement of the same number, and documents of one series by number', () => {
    const keys = [seriesKey({ type: 'titre', numero: 3 }), seriesKey({ type: 'reduction', numero: 4 }), seriesKey({ type: 'etat_annulation', numero: 3 })];
    expect(new Set(keys).size).toBe(3);
    expect(seriesKey({ type: 'annulation', numero: 3 })).toBe(keys[0]); // one series for titres, réductions, annulations
  });
});

describe('appendRunLedgers (issue 12: ledgers streamed)', () => {
  it('ends each ledger the same whether its rows come in one batch or several', async () => {
    const [whole, oneByOne] = [await tempDir(), await tempDir()];
    dirs.push(whole, oneByOne);
    await appendRunLedgers(whole, run, journaled, { dataset, excel: false });
    async function* streamed(): AsyncGenerator<RunDocument> {
      yield* run;
    }
    await appendRunLedgers(oneByOne, streamed(), journaled, { dataset, excel: false }, 1);
    const expected = await ledgers(whole);
    expect(Object.keys(expected)).toEqual([ledgerFileName('69081', 'Écully'), ledgerFileName('69204', 'Saint-Genis-Laval')]);
    expect(expected[ledgerFileName('69081', 'Écully')].trim().split('\n')).toHaveLength(3); // header, titre, réduction
    expect(await ledgers(oneByOne)).toEqual(expected);
  });

  it('appends only the rows of ledgersOf: the running issue appended the others', async () => {
    const out = await tempDir();
    dirs.push(out);
    await appendRunLedgers(out, run, journaled, { dataset, excel: false, ledgersOf: new Set([seriesKey({ type: 'titre', numero: 2 })]) });
    expect(Object.keys(await ledgers(out))).toEqual([ledgerFileName('69204', 'Saint-Genis-Laval')]);
  });

  it('does not read the run\'s documents back when ledgersOf is empty', async () => {
    async function* unread(): AsyncGenerator<RunDocument> {
      throw new Error('run file read back');
    }
    await expect(appendRunLedgers('/nonexistent', unread(), journaled, { dataset, excel: false, ledgersOf: new Set() })).resolves.toBeUndefined();
    await expect(appendRunLedgers('/nonexistent', unread(), journaled, { dataset, excel: false })).rejects.toThrow('run file read back');
  });
});
