import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTempName, tempPathFor, writeFileAtomic, writeStreamAtomic } from '../../src/io/atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'titres-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('writes a file, creating its folder, and leaves no temp file', async () => {
    await writeFileAtomic(join(dir, 'a', 'b.csv'), 'x,y\n');
    expect(await readFile(join(dir, 'a', 'b.csv'), 'utf8')).toBe('x,y\n');
    expect(await readdir(join(dir, 'a'))).toEqual(['b.csv']);
  });

  it('makes a folder again when it was removed after a write into it', async () => {
    await writeFileAtomic(join(dir, 'a', 'b.csv'), '1\n');
    await rm(join(dir, 'a'), { recursive: true });
    await writeFileAtomic(join(dir, 'a', 'b.csv'), '2\n');
    expect(await readFile(join(dir, 'a', 'b.csv'), 'utf8')).toBe('2\n');
    await rm(dir, { recursive: true });
    await writeStreamAtomic(join(dir, 'a', 'c.pdf'), Readable.from([Buffer.from('%PDF-')]));
    expect(await readdir(join(dir, 'a'))).toEqual(['c.pdf']);
  });

  it('streams a document while hashing it', async () => {
    const chunks = [Buffer.from('%PDF-'), Buffer.from('fake'), Buffer.alloc(100_000, 7)];
    const result = await writeStreamAtomic(join(dir, 't.pdf'), Readable.from(chunks));
    const bytes = Buffer.concat(chunks);
    expect(result).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    expect((await readFile(join(dir, 't.pdf'))).equals(bytes)).toBe(true);
  });

  it('leaves the previous file untouched and no temp file when the stream fails', async () => {
    await writeFile(join(dir, 't.pdf'), 'old');
    async function* failing() {
      yield Buffer.from('new');
      throw new Error('render failed');
    }
    await expect(writeStreamAtomic(join(dir, 't.pdf'), Readable.from(failing()))).rejects.toThrow('render failed');
    expect(await readFile(join(dir, 't.pdf'), 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['t.pdf']);
  });

  it('reads a stream ended, failed or destroyed before it is read (renders asked ahead, issue 12)', async () => {
    const ended = new PassThrough();
    ended.end(Buffer.from('%PDF-done'));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await writeStreamAtomic(join(dir, 'a.pdf'), ended)).bytes).toBe(9);
    expect(await readFile(join(dir, 'a.pdf'), 'utf8')).toBe('%PDF-done');

    const failed = new PassThrough();
    failed.on('error', () => undefined);
    failed.destroy(new Error('render failed early'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(writeStreamAtomic(join(dir, 'b.pdf'), failed)).rejects.toThrow('render failed early');

    const dropped = new PassThrough();
    dropped.destroy();
    await expect(writeStreamAtomic(join(dir, 'c.pdf'), dropped)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });

    const later = new PassThrough();
    const writing = writeStreamAtomic(join(dir, 'd.pdf'), later);
    later.write(Buffer.from('%PDF-'));
    setImmediate(() => later.destroy());
    await expect(writing).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect((await readdir(dir)).sort()).toEqual(['a.pdf']);
  });

  it('names its temp file as join(dirname, name) does', () => {
    for (const path of ['/a/b/t.pdf', '/t.pdf', '/a//b/t.pdf', '/a/./t.pdf', '/a/../t.pdf', 'rel/t.pdf', 't.pdf', './t.pdf', '/a/b/', '/a/.t']) {
      expect(tempPathFor(path)).toBe(join(dirname(path), `.${basename(path)}.tmp-${process.pid}`));
    }
  });

  it('recognises its temp names', () => {
    expect(isTempName('.titre-2026-00001.pdf.tmp-1234')).toBe(true);
    expect(isTempName('titre-2026-00001.pdf')).toBe(false);
    expect(isTempName('.lock.tmp-12-3')).toBe(false);
  });
});
