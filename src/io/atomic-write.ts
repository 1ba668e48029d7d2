/**
 * Atomic file writes: a reader (or a run resumed after kill -9) sees either the old file or the
 * complete new one, never a half-written file.
 *
 * Protocol: write to `.<name>.tmp-<pid>` in the same folder (same file system, so rename is
 * atomic), fsync the file, rename it over the target, fsync the folder so that the rename itself
 * survives a power loss. A leftover temp file (kill during the write) is recognised by
 * `isTempName` and removed by the next run's recovery (src/apply/recover.ts).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

const TEMP_PATTERN = /^\..+\.tmp-\d+$/;

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
}

/** Is this file name one of our temp files (`.<name>.tmp-<pid>`)? */
export function isTempName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function commit(temp: string, path: string): Promise<void> {
  await rename(temp, path);
  await fsyncDir(dirname(path));
}

async function discard(temp: string): Promise<void> {
  await unlink(temp).catch(() => undefined);
}

/** Writes `data` to `path` atomically (creating the folder if needed). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await commit(temp, path);
  } catch (error) {
    await discard(temp);
    throw error;
  }
}

export interface StreamWriteResult {
  sha256: string; // lowercase hex
  bytes: number;
}

/**
 * Pipes `source` to `path` atomically, hashing the bytes on the way: the document is never held in
 * memory as a whole. On any error the temp file is removed and the target is left untouched.
 */
export async function writeStreamAtomic(path: string, source: Readable): Promise<StreamWriteResult> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buffer);
      bytes += buffer.length;
      done(null, buffer);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(temp, { flags: 'w' }));
    await fsyncFile(temp);
    await commit(temp, path);
  } catch (error) {
    source.destroy();
    await discard(temp);
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}
