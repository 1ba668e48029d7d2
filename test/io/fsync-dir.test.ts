/**
 * fsyncDir's group commit (atomic-write.ts): calls for one folder share fsyncs, and an fsync that
 * starts after a call always covers it. The folder fsyncs are observed through a node:fs whose
 * fsync records when each starts and ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fsyncDir } from '../../src/io/atomic-write.js';

const log = vi.hoisted(() => ({ events: [] as string[], syncs: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fsync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void): void => {
    const n = ++log.syncs;
    log.events.push(`start ${n}`);
    setTimeout(() => {
      fs.fsync(fd, (error) => {
        log.events.push(`end ${n}`);
        callback(error);
      });
    }, 5);
  };
  const mocked = { ...fs, fsync };
  return { ...mocked, default: mocked };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'titres-fsync-'));
  log.events = [];
  log.syncs = 0;
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
