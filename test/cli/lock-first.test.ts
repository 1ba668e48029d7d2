/**
 * Lock first (issue 10): `issue` and `cancel` take the lock, then read the journal, plan and write.
 * A second run started at any moment of the first gets exit 5 with the lock's message and writes
 * nothing; `--dry-run` takes no lock. The first run is paused at each stage by a barrier
 * (src/apply/stages.ts), so the moment is exact, not a sleep.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setStageHook, type Stage } from '../../src/apply/stages.js';
import { runCli, SAMPLES, tempDirs } from './run-cli.js';

const temp = tempDirs();
afterEach(() => setStageHook(undefined));

const issueArgs = (out: string, year = 2026) => ['issue', '--data', SAMPLES, '--year', String(year), '--out', out, '--date', `${year}-06-15`];

/** Pauses the first run reaching `at` until `release()`; `reached` resolves when it is paused there. */
function barrier(at: Stage): { reached: Promise<void>; release: () => void } {
  let signal!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  let used = false;
  setStageHook(async (stage) => {
    if (stage !== at || used) return;
    used = true;
    signal();
    await gate;
  });
  return { reached, release };
}

describe('a second run while the first one holds the lock', () => {
  for (const at of ['locked', 'numbered', 'committed', 'finalizing'] as const) {
    it(`started when the first is at « ${at} »: issue and cancel exit 5, the dry run plans, nothing is written by them`, async () => {
      const out = await temp();
      if (at !== 'locked') {
        // a first year already issued, so that cancel has a titre to correct
        expect((await runCli(issueArgs(out, 2026))).code).toBe(0);
      }
      const { reached, release } = barrier(at);
      const first = runCli(issueArgs(out, at === 'locked' ? 2026 : 2027));
      await reached;
      const journalBefore = await readFile(path.join(out, 'journal.csv'), 'utf8').catch(() => '');

      const second = await runCli(issueArgs(out, 2026));
      expect(second.code).toBe(5);
      expect(second.stderr).toMatch(/OUT_LOCKED: le dossier de sortie .* est verrouillé par une autre exécution \(pid \d+\)/);
      expect(second.stderr).not.toContain('PLAN_STALE');

      const cancel = await runCli(['cancel', '--data', SAMPLES, '--out', out, '--titre', '2026-1', '--montant', '1,00', '--motif', 'essai', '--date', '2026-09-01']);
      expect(cancel.code).toBe(5);
      const pes = await runCli(['export-pes', '--data', SAMPLES, '--out', out, '--year', '2026', '--date', '2026-09-01']);
      expect(pes.code).toBe(5);

      const dry = await runCli([...issueArgs(out, 2026), '--dry-run', '--json']);
      expect(dry.code, dry.stderr).toBe(0);

      expect(await readFile(path.join(out, 'journal.csv'), 'utf8').catch(() => '')).toBe(journalBefore);
      release();
      expect((await first).code).toBe(0);
      const verify = await runCli(['verify', '--out', out]);
      expect(verify.code, verify.stderr).toBe(0);
    }, 120_000);
  }

  it('a run started after the first released the lock plans from the journal the first wrote', async () => {
    const out = await temp();
    expect((await runCli(issueArgs(out))).code).toBe(0);
    const again = await runCli([...issueArgs(out), '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).titres).toEqual([]);
  }, 60_000);
});
