import { spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from '../../src/engine/history.js';
import { readJournal } from '../../src/io/journal.js';
import { documentFile } from '../../src/io/output-layout.js';
import { verifyOut } from '../../src/verify/verify-out.js';
import type { Plan } from '../../src/engine/plan-types.js';
import { fakeRenderer, makeDataset, makePlan, remainingPlan, removeDir, snapshot, tempDir, titre, issueLocked } from './fixtures.js';

const plan = makePlan([
  titre('69081', 'laclasse', '1210.00'),
  titre('69204', 'laclasse', '450.10'),
  titre('69290', 'laclasse', '99.99'),
  titre('69081', 'toodego', '800.00'),
  titre('69204', 'toodego', '120.00'),
]);

let clean: string;
let crashed: string;
beforeEach(async () => {
  clean = await tempDir();
  crashed = await tempDir();
  await issueLocked(plan, { dataset: makeDataset(), outDir: clean, renderer: fakeRenderer() });
});
afterEach(async () => {
  await removeDir(clean);
  await removeDir(crashed);
});

/** A pid that is certainly dead: a child process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

/** Leaves OUT as a kill -9 would: the lock of a dead process stays. */
async function leaveStaleLock(out: string): Promise<void> {
  let boot = '';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    /* not Linux */
  }
  await mkdir(join(out, '.titres'), { recursive: true });
  await writeFile(join(out, '.titres', 'lock'), JSON.stringify({ pid: await deadPid(), host: hostname(), boot, token: 'x' }));
}

/** A run that dies at the renderer's failure; commitEvery 1 journals each document on its own. */
async function crash(out: string, renderer: ReturnType<typeof fakeRenderer>, commitEvery = 1): Promise<void> {
  await expect(issueLocked(plan, { outDir: out, renderer, commitEvery })).rejects.toThrow('renderer killed');
  await leaveStaleLock(out);
}

async function resume(out: string, p: Plan = plan) {
  const history = await readJournal(out);
  return issueLocked(remainingPlan(p, history), { outDir: out });
}

describe('crash recovery', () => {
  for (const k of [0, 1, 2, 3, 4]) {
    it(`a run killed after ${k} documents, then resumed, ends byte-identical to a clean run`, async () => {
      await crash(crashed, fakeRenderer({ failAfter: k }));
      // What a kill can leave besides: the next PDF renamed but not journaled, a temp file, a torn line.
      const next = documentFile(plan.documents[k], k + 1);
      await mkdir(join(crashed, next, '..'), { recursive: true });
      await writeFile(join(crashed, next), '%PDF-half-done');
      await writeFile(join(crashed, next, '..', `.${next.split('/').pop()}.tmp-99999`), 'partial');
      const torn = `2026,${k + 1},1,2026-06`;
      await appendFile(join(crashed, 'journal.csv'), torn);
      expect((await readdir(join(crashed, '.titres'))).sort()).toEqual(['lock', 'run-2026.jsonl']);

      const result = await resume(crashed);
      expect(result.recovered).toEqual({ runs: [2026], orphans: [next], tempFiles: [`${next.replace(/[^/]+$/, '')}.${next.split('/').pop()}.tmp-99999`], tornJournalBytes: torn.length });
      expect(Array.from(result.issued, (i) => i.numero)).toEqual([1, 2, 3, 4, 5].slice(k));
      expect(await snapshot(crashed)).toEqual(await snapshot(clean));
      expect((await verifyOut(crashed)).problems).toEqual([]);
    });
  }

  it('a run killed in the middle of a journal batch leaves orphan PDFs, removed and issued again', async () => {
    await crash(crashed, fakeRenderer({ failAfter: 3 }), 32);
    expect((await readJournal(crashed)).documents).toEqual([]);
    const result = await resume(crashed);
    expect(result.recovered.orphans.length).toBeGreaterThan(0);
    expect(await snapshot(crashed)).toEqual(await snapshot(clean));
  });

  it('a run killed while writing its bordereaux is completed by the next run', async () => {
    await crash(crashed, fakeRenderer({ failBordereauAfter: 1 }));
    await resume(crashed);
    expect(await snapshot(crashed)).toEqual(await snapshot(clean));
  });

  it('a run resumed on another day closes the interrupted bordereaux and opens new ones, without gap', async () => {
    await crash(crashed, fakeRenderer({ failAfter: 2 }));
    const history = await readJournal(crashed);
    const later = { ...remainingPlan(plan, history), dateEmission: '2026-06-16' };
    const result = await issueLocked(later, { dataset: makeDataset(), outDir: crashed, renderer: fakeRenderer() });
    expect(Array.from(result.issued, (i) => [i.numero, i.bordereau])).toEqual([
      [3, 2],
      [4, 3],
      [5, 3],
    ]);
    const report = await verifyOut(crashed);
    expect(report.problems).toEqual([]);
    expect((await readdir(join(crashed, '2026', 'bordereaux'))).sort()).toEqual([
      'bordereau-2026-titres-0001-laclasse.csv',
      'bordereau-2026-titres-0001-laclasse.pdf',
      'bordereau-2026-titres-0002-laclasse.csv',
      'bordereau-2026-titres-0002-laclasse.pdf',
      'bordereau-2026-titres-0003-toodego.csv',
      'bordereau-2026-titres-0003-toodego.pdf',
    ]);
  });
});
