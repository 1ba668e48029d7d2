import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from '../../src/engine/history.js';
import { verifyOut } from '../../src/verify/verify-out.js';
import { fakeRenderer, issueLocked, makeDataset, makePlan, removeDir, tempDir, titre } from '../apply/fixtures.js';

let out: string;
beforeEach(async () => {
  out = await tempDir();
  const plan = makePlan([titre('69081', 'laclasse', '1210.00'), titre('69204', 'laclasse', '450.10'), titre('69290', 'laclasse', '99.99')]);
  await issueLocked(plan, { dataset: makeDataset(), outDir: out, renderer: fakeRenderer() });
});
afterEach(async () => {
  await removeDir(out);
});

const codes = async () => (await verifyOut(out)).problems.map((p) => p.code);
const FIRST = '2026/titres/laclasse/69081-ecully/titre-2026-00001.pdf';

describe('verifyOut', () => {
  it('accepts a folder written by issue', async () => {
    expect(await verifyOut(out)).toEqual({ ok: true, problems: [], checked: { documents: 3, files: 8 } });
  });

  it('catches a modified PDF', async () => {
    await appendFile(join(out, FIRST), 'x');
    const report = await verifyOut(out);
    expect(report.ok).toBe(false);
    expect(report.problems).toMatchObject([{ code: 'HASH_MISMATCH', file: join(out, FIRST) }]);
  });

  it('catches a removed journal line: the broken chain, a gap, an extra PDF, ledger, bordereau, its register and its embedded data disagreeing', async () => {
    const lines = (await readFile(join(out, 'journal.csv'), 'utf8')).split('\n');
    await writeFile(join(out, 'journal.csv'), [lines[0], lines[1], lines[3], ''].join('\n'));
    expect((await codes()).sort()).toEqual([
      'BORDEREAU_MISMATCH',
      'BORDEREAU_MISMATCH',
      'BORDEREAU_MISMATCH',
      'EMBEDDED_DATA_MISMATCH',
      'EXTRA_FILE',
      'JOURNAL_CHAIN_BROKEN',
      'LEDGER_MISMATCH',
      'NUMBER_GAP',
    ]);
  });

  it('gives the same report whatever the size of the batches its file checks run in (issue 12: a national folder is checked batch by batch)', async () => {
    await appendFile(join(out, FIRST), 'x');
    const lines = (await readFile(join(out, 'journal.csv'), 'utf8')).split('\n');
    await writeFile(join(out, 'journal.csv'), [lines[0], lines[1], lines[3], ''].join('\n'));
    const whole = await verifyOut(out);
    expect(whole.problems.map((p) => p.code)).toContain('HASH_MISMATCH');
    expect(whole.problems.map((p) => p.code)).toContain('EMBEDDED_DATA_MISMATCH');
    for (const checkBatch of [1, 2, 3]) expect(await verifyOut(out, { checkBatch })).toEqual(whole);
  });

  it('catches a modified bordereau PDF (the signed document) through the register', async () => {
    const register = await readFile(join(out, 'bordereaux.csv'), 'utf8');
    const pdf = register.split('\n')[1].split(',')[7];
    await appendFile(join(out, pdf), 'x');
    const report = await verifyOut(out);
    expect(report.problems).toMatchObject([{ code: 'HASH_MISMATCH', file: join(out, pdf) }]);
  });

  it('names a bordereau missing from the register', async () => {
    const lines = (await readFile(join(out, 'bordereaux.csv'), 'utf8')).split('\n');
    await writeFile(join(out, 'bordereaux.csv'), [lines[0], ...lines.slice(2)].join('\n'));
    expect(await codes()).toEqual(['BORDEREAU_UNREGISTERED']);
  });

  it('names an extra file and a leftover temp file', async () => {
    await writeFile(join(out, '2026', 'notes.txt'), 'hello');
    await writeFile(join(out, '2026', '.titre-2026-00009.pdf.tmp-4242'), 'x');
    const report = await verifyOut(out);
    expect(report.problems.map((p) => [p.code, p.file])).toEqual([
      ['EXTRA_FILE', join(out, '2026', '.titre-2026-00009.pdf.tmp-4242')],
      ['EXTRA_FILE', join(out, '2026', 'notes.txt')],
    ]);
  });

  it('names a missing PDF and a missing ledger', async () => {
    await rm(join(out, FIRST));
    await rm(join(out, 'registres/laclasse/69204-saint-genis-laval.csv'));
    expect((await codes()).sort()).toEqual(['FILE_MISSING', 'FILE_MISSING']);
  });

  it('catches a duplicate number and a correction citing an unknown titre', async () => {
    const lines = (await readFile(join(out, 'journal.csv'), 'utf8')).split('\n');
    const dup = lines[2].replace('2026,2,1,', '2026,3,1,');
    const red = lines[1].replace('2026,1,1,', '2026,4,2,').replace(',titre,', ',reduction,').replace(',transitoire,,', ',,2026-99,').replace(',non,,01,', ',non,,02,');
    await writeFile(join(out, 'journal.csv'), [...lines.slice(0, 4), dup, red, ''].join('\n'));
    expect(await codes()).toEqual(expect.arrayContaining(['NUMBER_DUPLICATE', 'ORIGIN_UNKNOWN']));
  });

  it('reports a malformed journal line with its position', async () => {
    await appendFile(join(out, 'journal.csv'), '2026,x,1,2026-06-15,titre,69081,laclasse,1.00,,,f.pdf,' + 'a'.repeat(64) + ',,,,01,1,,' + 'b'.repeat(64) + '\n');
    const report = await verifyOut(out);
    expect(report.problems.find((p) => p.code === 'JOURNAL_MALFORMED')).toMatchObject({ file: join(out, 'journal.csv'), line: 5, column: 2 });
    expect(report.problems.find((p) => p.code === 'JOURNAL_CHAIN_BROKEN')).toMatchObject({ line: 5 });
  });
});
