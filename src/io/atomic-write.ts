/**
 * Atomic file writes: a reader (or a run resumed after kill -9) sees either the old file or the
 * complete new one, never a half-written file.
 *
 * Protocol: write to `.<name>.tmp-<pid>` in the same folder (same file system, so rename is
 * atomic), fsync the file, rename it over the target, fsync the folder so that the rename itself
 * survives a power loss (and the parent of each folder created for it, so that the folders do
 * too). A leftover temp file (kill during the write) is recognised by `isTempName` and removed by
 * the next run's recovery (src/apply/recover.ts).
 *
 * A group of writes that only needs to be durable as a whole (a journal batch's PDFs, a batch of
 * ledgers) gives them a `FolderSyncs`: each write then fsyncs its file before its rename, as
 * always, but leaves its folders to the group, which fsyncs each of them once when it is flushed.
 *
 * The quick calls (mkdir, open, write, close, rename) are made synchronously, the fsyncs, which
 * wait for the disk, through libuv's thread pool. Each asynchronous call costs a round trip to a
 * pool thread (futexes, an eventfd, a promise) of the order of the call itself: for a titre's PDF
 * and its ledger, nine such calls each. Writing 2 000 files of 78 KB with four in flight, the CPU
 * went from 2.0-2.6 s to 1.1-1.6 s (3 alternated runs each, /tmp/fsbench3.mjs), the wall time
 * from 5.6-6.4 s to 3.8-5.0 s.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { RecurringCache } from '../engine/recurring-cache.js';

const TEMP_PATTERN = /^\..+\.tmp-\d+$/;

/** An absolute path that join() would change: an empty, `.` or `..` segment, a trailing `/` or a backslash. */
const NOT_PLAIN_ABSOLUTE = /\/\/|\/\.\.?(?:\/|$)|\/$|\\/;

export function tempPathFor(path: string): string {
  // join(dirname, name) is the path with the name changed when it is absolute and plain (as
  // resolveOut's are, on a `/` platform): made so without join (issue 12, main-thread allocation)
  if (sep === '/' && path.startsWith('/') && !NOT_PLAIN_ABSOLUTE.test(path)) {
    const slash = path.lastIndexOf('/');
    return `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.tmp-${process.pid}`;
  }
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
}

/** Is this file name one of our temp files (`.<name>.tmp-<pid>`)? */
export function isTempName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

const fsyncFd = promisify(fsync);

async function syncDirNow(dir: string): Promise<void> {
  const fd = openSync(dir, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/** Per folder: the fsync running, and the one that will follow it for the calls made meanwhile. */
interface DirSync {
  running: Promise<void>;
  queued?: Promise<void>;
}
const dirSyncs = new Map<string, DirSync>();

function startDirSync(dir: string): Promise<void> {
  const entry: DirSync = { running: syncDirNow(dir) };
  dirSyncs.set(dir, entry);
  const done = (): void => {
    if (entry.queued === undefined && dirSyncs.get(dir) === entry) dirSyncs.delete(dir);
  };
  entry.running.then(done, done);
  return entry.running;
}

/**
 * Makes the entries of `dir` durable (fsync of the folder). Calls for the same folder share their
 * fsyncs (group commit): a call made while an fsync of that folder runs waits for the next one,
 * which starts when the running one ends and serves every call made in between. An fsync that
 * starts after a call thus always covers it, and a batch writing many files side by side (the
 * communes' folders in one service's folder, the ledgers of a service) costs two fsyncs of their
 * folder instead of one each.
 */
export function fsyncDir(dir: string): Promise<void> {
  const entry = dirSyncs.get(dir);
  if (entry === undefined) return startDirSync(dir);
  entry.queued ??= entry.running.then(
    () => startDirSync(dir),
    () => startDirSync(dir),
  );
  return entry.queued;
}

/**
 * The folders whose entries a write to `path` changes: its own (the rename), and, when mkdir
 * created folders for it (`created`, the first of them), the parent of each folder created.
 */
function foldersChanged(path: string, created: string | undefined): string[] {
  const folder = dirname(path);
  const folders = [folder];
  if (created !== undefined) {
    for (let made = folder; ; made = dirname(made)) {
      folders.push(dirname(made));
      if (made === created || dirname(made) === made) break;
    }
  }
  return folders;
}

/**
 * The folders a group of atomic writes changed, fsynced once each when the group is flushed
 * (issue 12). A journal batch of 32 titres renamed its PDFs in 32 new communes' folders, made in
 * one service's folder, and its 32 ledgers in another: each write fsynced its folders as it went,
 * and the group commit of fsyncDir shared only those that overlapped in time, some 2.4 folder
 * fsyncs a titre. Flushed once, the batch costs one for each folder: 1 + 2/32 a titre.
 *
 * Until it is flushed, the group's renames may not survive a power loss (their files' contents do:
 * each is fsynced before its rename); whoever records the writes as done (the journal) flushes first.
 */
export class FolderSyncs {
  private readonly folders = new Set<string>();

  add(folders: readonly string[]): void {
    for (const folder of folders) this.folders.add(folder);
  }

  /** fsyncs every folder added since the last flush, each once (libuv's pool runs four at a time). */
  async flush(): Promise<void> {
    const folders = [...this.folders];
    this.folders.clear();
    await syncFolders(folders);
  }
}

/** fsyncs these folders, all asked for at once. */
async function syncFolders(folders: readonly string[]): Promise<void> {
  await Promise.all(folders.map((folder) => fsyncDir(folder)));
}

/** Writes all of `bytes` to the open file `fd`. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Folders this process made or found lately (mkdir -p): the service's ledger folder, written to
 * for every titre, was asked for each time (issue 12: a failed mkdir then a stat, twice the system
 * calls of the folder's first write, on the main thread). Bounded, as a run writes in as many
 * folders as communes.
 */
const recentFolders = new RecurringCache<string, true>(64);

/** Opens `temp` for writing; undefined if its folder is gone (removed since it was made). */
function openIfFolderIs(temp: string): number | undefined {
  try {
    return openSync(temp, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The protocol shared by every atomic write: `fill` writes the temp file, open as `fd` (another
 * thread of the process may write it), which is then fsynced, closed and renamed over the target;
 * on any error the temp file goes.
 */
export async function writeAtomically<T>(path: string, fill: (fd: number) => Promise<T>, syncs?: FolderSyncs): Promise<T> {
  const temp = tempPathFor(path);
  try {
    const folder = dirname(path);
    let fd = recentFolders.get(folder) ? openIfFolderIs(temp) : undefined;
    let created: string | undefined;
    if (fd === undefined) {
      created = mkdirSync(folder, { recursive: true });
      // a folder created now is made durable in its parent before the file is written into it
      if (created !== undefined && syncs === undefined) await syncFolders(foldersChanged(path, created).slice(1));
      fd = openSync(temp, 'w');
      recentFolders.set(folder, true);
    }
    let result: T;
    try {
      result = await fill(fd);
      await fsyncFd(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    if (syncs === undefined) await fsyncDir(folder);
    else syncs.add(foldersChanged(path, created));
    return result;
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already gone
    }
    throw namingTarget(error, temp, path);
  }
}

/**
 * An OS error of a write names the file the user will look for: the target, not our temp file,
 * and a write through a handle (which names no path) gets it too (src/errors/system-error.ts).
 */
function namingTarget(error: unknown, temp: string | undefined, path: string): unknown {
  const e = error as NodeJS.ErrnoException | undefined;
  if (e && typeof e.code === 'string' && (e.path === undefined || e.path === temp)) e.path = path;
  return error;
}

/** Runs writes through a handle of `path`: an OS error they raise (no path of its own) names it. */
export async function namingPath<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw namingTarget(error, undefined, path);
  }
}

/** Writes `data` to `path` atomically (creating the folder if needed); its folders synced now, or by `syncs`. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, syncs?: FolderSyncs): Promise<void> {
  await writeAtomically(path, async (fd) => writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data), syncs);
}

const WRITE_CHUNK = 64 * 1024;

/**
 * Gives each chunk of `source` to `take`, in order, until the stream ends: what `for await` over
 * it did, without its async iterator (issue 12: ~2.5 KB of the main thread's allocation a titre,
 * a PDF coming as one chunk). Rejects with the stream's error; with the error `take` throws, the
 * stream then destroyed; if the stream is or gets destroyed before its end, with what
 * `finished` gives (its error, or Node's premature close), as the iterator did.
 */
function eachChunk(source: Readable, take: (chunk: unknown) => void): Promise<void> {
  if (source.destroyed || source.readableEnded) return finished(source);
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('close', onClose);
      // the 'error' listener stays: an error emitted later must not go unhandled
      if (error === undefined) resolve();
      else reject(error);
    };
    const onData = (chunk: unknown): void => {
      try {
        take(chunk);
      } catch (error) {
        settle(error);
        source.destroy();
      }
    };
    const onEnd = (): void => settle();
    const onError = (error: unknown): void => settle(error);
    const onClose = (): void => {
      if (!settled) finished(source).then(() => settle(), settle);
    };
    source.on('error', onError);
    source.on('end', onEnd);
    source.on('close', onClose);
    source.on('data', onData);
  });
}

export interface StreamWriteResult {
  sha256: string; // lowercase hex
  bytes: number;
}

/**
 * Writes `source` to `path` atomically, hashing the bytes on the way: the document is never held in
 * memory as a whole. On any error the temp file is removed and the target is left untouched.
 */
export async function writeStreamAtomic(path: string, source: Readable, syncs?: FolderSyncs): Promise<StreamWriteResult> {
  try {
    return await writeAtomically(path, async (fd) => {
      const write = (bytes: Uint8Array): void => writeAll(fd, bytes);
      const hash = createHash('sha256');
      let bytes = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = (): void => {
        write(pending.length === 1 ? pending[0] : Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      };
      await eachChunk(source, (chunk) => {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(buffer);
        bytes += buffer.length;
        pending.push(buffer);
        pendingBytes += buffer.length;
        if (pendingBytes >= WRITE_CHUNK) flush(); // many small chunks (a bordereau's CSV) → few writes
      });
      if (pendingBytes > 0) flush();
      return { sha256: hash.digest('hex'), bytes };
    }, syncs);
  } catch (error) {
    source.destroy();
    throw error;
  }
}
