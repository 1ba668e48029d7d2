/**
 * Lock first (issue 10): every command that writes under OUT takes the lock, THEN reads and checks
 * the folder (check-out.ts), THEN plans, THEN writes. A second run therefore always stops at the
 * lock (exit 5), whenever it starts, and a plan is always computed from the journal it is written
 * after. Nothing under OUT is written outside the lock: the journal's Excel twin and
 * `.titres/donnees.json` included. `--dry-run` takes no lock and writes nothing under OUT.
 */
import { acquireOutLock } from '../io/lock.js';
import { refreshJournalTwin } from '../io/journal-excel.js';
import { adoptLegacyFolder } from './adopt-legacy.js';
import { checkOutFolder, type OutState } from './check-out.js';
import { stage } from './stages.js';

/** An output folder held under its lock and checked: only withLockedOut makes one. */
export interface LockedOut extends OutState {
  readonly locked: true;
}

export async function withLockedOut<T>(
  outDir: string,
  options: { excel?: boolean; author?: string },
  fn: (out: LockedOut) => Promise<T>,
): Promise<T> {
  const lock = await acquireOutLock(outDir);
  try {
    await stage('locked', outDir);
    let state = await checkOutFolder(outDir);
    const legacy = (state.journal.legacy && state.journal.entries.length > 0) || (state.register.contents.legacy && state.register.entries.length > 0);
    if (legacy) state = await adoptLegacyFolder(state);
    const result = await fn({ ...state, locked: true });
    // the journal's Excel twin follows the journal, whatever changed it (also a twin left stale before)
    await refreshJournalTwin(outDir, Boolean(options.excel), options.author);
    return result;
  } finally {
    await lock.release();
  }
}
