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

const issueArgs = (out: string, year = 2026) => ['issue', '--data', SAMPLES, '--year', String(year), '--out', out, '--date', `${year}-06-15`, '--allow-future-date'];

/**
 * Pauses the first run at each stage it reaches: `next()` resolves with the stage where it waits,
 * `release()` lets it go on to the next one.
 */
function barriers(): { next: () => Promise<Stage>; release: () => void } {
  const arrivals: Array<(stage: Stage) => void> = [];
  const pending: Stage[] = [];
  let gate: (() => void) | undefined;
  setStageHook(async (stage) => {
    const waiter = arrivals.shift();
    if (waiter) waiter(stage);
    else pending.push(stage);
    await new Promise<void>((resolve) => (gate = resolve));
  });
  return {
    next: () => (pending.length > 0 ? Promise.resolve(pending.shift()!) : new Promise<Stage>((resolve) => arrivals.push(resolve))),
    release: () => gate?.(),
  };
}

/** While the first run waits at a stage: every other writing command stops at the lock (exit 5). */
async function secondRunsAreLocked(out: string): Promise<void> {
  const journalBefore = await readFile(path.join(out, 'journal.csv'), 'utf8').catch(() => '');
  const second = await runCli(issueArgs(out, 2026));
  expect(second.code).toBe(5);
  expect(second.stderr).toMatch(/OUT_LOCKED: le dossier de sortie .* est verrouillé par une autre exécution \(pid \d+\)/);
  expect(second.stderr).not.toContain('PLAN_STALE');
  const cancel = await runCli(['cancel', '--data', SAMPLES, '--out', out, '--titre', '2026-1', '--montant', '1,00', '--motif', 'essai', '--date', '2026-09-01']);
  expect(cancel.code).toBe(5);
  const pes = await runCli(['export-pes', '--data', SAMPLES, '--out', out, '--year', '2026', '--date', '2026-09-01']);
  expect(pes.code).toBe(5);
  // the dry run takes no lock: it plans from what it reads
  const dry = await runCli([...issueArgs(out, 2026), '--dry-run', '--json']);
  expect(dry.code, dry.stderr).toBe(0);
  expect(await readFile(path.join(out, 'journal.csv'), 'utf8').catch(() => '')).toBe(journalBefore);
}

describe('a second run while the first one holds the lock', () => {
  it('started at every stage of the first (lock taken, plan numbered, a batch committed, finalizing): issue, cancel and export-pes exit 5 and write nothing; the dry run plans', async () => {
    const out = await temp();
    expect((await runCli(issueArgs(out, 2026))).code).toBe(0); // a first year, so that cancel has a titre to correct
    const { next, release } = barriers();
    const first = runCli(issueArgs(out, 2027));
    const seen: Stage[] = [];
    for (;;) {
      const stage = await Promise.race([next(), first.then(() => undefined)]);
      if (stage === undefined) break;
      if (!seen.includes(stage)) {
        seen.push(stage);
        await secondRunsAreLocked(out);
      }
      release();
    }
    expect((await first).code).toBe(0);
    expect(seen).toEqual(['locked', 'numbered', 'committed', 'finalizing']);
    setStageHook(undefined);
    const verify = await runCli(['verify', '--out', out]);
    expect(verify.code, verify.stderr).toBe(0);
  }, 300_000);

  it('a run started after the first released the lock plans from the journal the first wrote', async () => {
    const out = await temp();
    expect((await runCli(issueArgs(out))).code).toBe(0);
    const again = await runCli([...issueArgs(out), '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).titres).toEqual([]);
  }, 60_000);
});
