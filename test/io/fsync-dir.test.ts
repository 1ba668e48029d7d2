/**
 * fsyncDir's group commit (atomic-write.ts): calls for one folder share fsyncs, and an fsync that
 * starts after a call always covers it; the folders an atomic write fsyncs, now or through a
 * group's FolderSyncs. The fsyncs are observed through a node:fs whose fsync records when each
 * starts and ends, and what it syncs (the path its descriptor was opened with).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderSyncs, fsyncDir, writeFileAtomic } from '../../src/io/atomic-write.js';

const log = vi.hoisted(() => ({ events: [] as string[], syncs: 0, synced: [] as string[], opened: new Map<number, string>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = (path: string, ...rest: unknown[]): number => {
    const fd = (fs.openSync as (...args: unknown[]) => number)(path, ...rest);
    log.opened.set(fd, path);
    return fd;
  };
  const fsync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void): void => {
    const n = ++log.syncs;
    log.synced.push(log.opened.get(fd) ?? '?');
    log.events.push(`start ${n}`);
    setTimeout(() => {
      fs.fsync(fd, (error) => {
        log.events.push(`end ${n}`);
        callback(error);
      });
    }, 5);
  };
  const mocked = { ...fs, fsync, openSync };
  return { ...mocked, default: mocked };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'titres-fsync-'));
  log.events = [];
  log.syncs = 0;
  log.synced = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fsyncDir (group commit of a folder)', () => {
  it('serves a burst of calls with the running fsync and one that starts after it', async () => {
    const first = fsyncDir(dir);
    const burst = Array.from({ length: 6 }, () => fsyncDir(dir));
    await Promise.all([first, ...burst]);
    expect(log.syncs).toBe(2);
    // the second starts only when the first has ended: it covers the calls made while it ran
    expect(log.events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('resolves a call only after an fsync that started after it', async () => {
    const first = fsyncDir(dir);
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first fsync is running
    let lateDone = false;
    const late = fsyncDir(dir).then(() => (lateDone = true));
    await first;
    expect(lateDone).toBe(false);
    await late;
    expect(log.events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('keeps folders apart, and starts afresh once a folder is idle', async () => {
    const other = await mkdtemp(join(tmpdir(), 'titres-fsync-'));
    try {
      await Promise.all([fsyncDir(dir), fsyncDir(other)]);
      expect(log.syncs).toBe(2);
      await fsyncDir(dir);
      expect(log.syncs).toBe(3);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('the folders an atomic write makes durable', () => {
  const relative = (paths: readonly string[]): string[] => paths.map((p) => (p === dir ? '.' : p.slice(dir.length + 1).replace(/\/\.([^/]+)\.tmp-\d+$/, '/$1'))).sort();

  it('fsyncs the file, its folder, and the parent of each folder it created', async () => {
    await writeFileAtomic(join(dir, 'a/b/c/titre.pdf'), 'x');
    expect(await readFile(join(dir, 'a/b/c/titre.pdf'), 'utf8')).toBe('x');
    // a, b and c were created: their entries are in ., a and b; the file's is in c
    expect(relative(log.synced)).toEqual(['.', 'a', 'a/b', 'a/b/c', 'a/b/c/titre.pdf']);
  });

  it('leaves a group’s folders to its flush, which fsyncs each of them once', async () => {
    const folders = new FolderSyncs();
    await Promise.all(['69001', '69002', '69003'].map((code) => writeFileAtomic(join(dir, `titres/${code}/titre.pdf`), code, folders)));
    await writeFileAtomic(join(dir, 'titres/69001/registre.csv'), 'r', folders);
    // each file's content is durable before its rename; no folder yet
    expect(relative(log.synced)).toEqual(['titres/69001/registre.csv', 'titres/69001/titre.pdf', 'titres/69002/titre.pdf', 'titres/69003/titre.pdf']);
    log.synced = [];
    await folders.flush();
    expect(relative(log.synced)).toEqual(['.', 'titres', 'titres/69001', 'titres/69002', 'titres/69003']);
    log.synced = [];
    await folders.flush(); // emptied by the flush
    expect(log.synced).toEqual([]);
  });
});
