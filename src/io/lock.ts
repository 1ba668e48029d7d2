/**
 * Exclusive lock on an output folder: `OUT/.titres/lock`, a small JSON file naming its holder
 * (pid, host, boot id).
 *
 * Why not proper-lockfile: it detects stale locks by mtime, so a run restarted right after a
 * kill -9 would wait for the stale delay, its refresh timer can declare the lock compromised when
 * the event loop is busy rendering, and it cannot tell who holds the lock. Here:
 * - creation is atomic and the file is never seen half-written: the content is written to a temp
 *   file, then hard-linked to `lock` (link fails with EEXIST when the lock exists: O_EXCL semantics
 *   across processes, also on NFS);
 * - a lock is stale when its holder is on this host and is dead (process.kill(pid, 0) → ESRCH), or
 *   the machine rebooted since (boot id differs). A stale lock is taken over by renaming it to a
 *   unique name and checking that what was renamed is indeed the stale content, so two runs that
 *   both find the same stale lock cannot both win;
 * - the lock is released in `finally` and, should the process exit abruptly (process.exit), by a
 *   synchronous 'exit' handler. A kill -9 leaves the file, which the next run finds stale.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { lockPath, stateDir } from './output-layout.js';

interface LockOwner {
  pid: number;
  host: string;
  boot: string;
  token: string;
}

export interface OutLock {
  readonly path: string;
  release(): Promise<void>;
}

let tokenCounter = 0;

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return { pid: value.pid, host: value.host, boot: String(value.boot ?? ''), token: String(value.token ?? '') };
    }
  } catch {
    /* not a lock we wrote: treated as held, see isStale */
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(owner: LockOwner | undefined): boolean {
  if (!owner || owner.host !== hostname()) return false; // unknown or remote holder: never stolen
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return true;
  return !isAlive(owner.pid);
}

function lockedError(outDir: string, owner: LockOwner | undefined): TitresError {
  const who = owner ? `pid ${owner.pid}${owner.host !== hostname() ? ` sur ${owner.host}` : ''}` : 'pid inconnu';
  return new TitresError('lock', [
    problem(
      'OUT_LOCKED',
      `le dossier de sortie « ${outDir} » est verrouillé par une autre exécution (${who}) ; ` +
        `attendez sa fin, ou supprimez « ${lockPath(outDir)} » si aucune exécution n'est en cours`,
      { file: lockPath(outDir) },
    ),
  ]);
}

async function readOwnerText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Moves a stale lock aside; true when what was moved is the stale lock we judged. */
async function takeOver(path: string, staleText: string, owner: LockOwner): Promise<boolean> {
  const aside = `${path}.stale-${owner.token}-${process.pid}-${++tokenCounter}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // someone else removed it
    throw error;
  }
  const moved = await readOwnerText(aside);
  if (moved === staleText) {
    await unlink(aside).catch(() => undefined);
    return true;
  }
  // We moved a fresh lock taken meanwhile by another run: put it back, without overwriting.
  await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return false;
}

/** Takes the exclusive lock of OUT or fails fast with TitresError kind 'lock'. */
export async function acquireOutLock(outDir: string): Promise<OutLock> {
  await mkdir(stateDir(outDir), { recursive: true });
  const path = lockPath(outDir);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    boot: bootId(),
    token: `${process.pid}-${Date.now()}-${++tokenCounter}`,
  };
  const text = JSON.stringify(owner) + '\n';
  const temp = join(stateDir(outDir), `.lock.tmp-${process.pid}-${tokenCounter}`);
  await writeFile(temp, text);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await createExclusive(temp, path, text);
        return makeLock(path, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const heldText = await readOwnerText(path);
      if (heldText === undefined) continue; // released meanwhile: try again
      const held = parseOwner(heldText);
      if (!held || !isStale(held)) throw lockedError(outDir, held);
      if (!(await takeOver(path, heldText, held))) throw lockedError(outDir, undefined);
    }
    throw lockedError(outDir, parseOwner((await readOwnerText(path)) ?? ''));
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** link() is atomic with content; file systems without hard links fall back to O_EXCL. */
async function createExclusive(temp: string, path: string, text: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    await writeFile(path, text, { flag: 'wx' });
  }
}

function makeLock(path: string, text: string): OutLock {
  let released = false;
  const onExit = (): void => {
    try {
      if (readFileSync(path, 'utf8') === text) unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', onExit);
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      if ((await readOwnerText(path)) === text) await unlink(path).catch(() => undefined);
    },
  };
}

/** Runs `fn` holding the lock; the lock is released afterwards, also when `fn` throws. */
export async function withOutLock<T>(outDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireOutLock(outDir);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Who holds OUT's lock, if anyone (for `verify`): a stale lock is reported as such. */
export async function inspectOutLock(outDir: string): Promise<{ pid: number | null; stale: boolean } | undefined> {
  const text = await readOwnerText(lockPath(outDir));
  if (text === undefined) return undefined;
  const owner = parseOwner(text);
  return { pid: owner?.pid ?? null, stale: isStale(owner) };
}
