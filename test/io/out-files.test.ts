import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIfPresent } from '../../src/io/out-files.js';

describe('readIfPresent', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'titres-out-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the contents of a file that is there, as text or bytes', async () => {
    const path = join(dir, 'registre.csv');
    await writeFile(path, 'exercice,numero\n2026,1\n');
    expect(await readIfPresent(path, 'utf8')).toBe('exercice,numero\n2026,1\n');
    expect(await readIfPresent(path)).toEqual(Buffer.from('exercice,numero\n2026,1\n'));
  });

  it('gives undefined for a file that is not there', async () => {
    expect(await readIfPresent(join(dir, 'absent.csv'), 'utf8')).toBeUndefined();
    expect(await readIfPresent(join(dir, 'absent.xlsx'))).toBeUndefined();
  });

  it('lets any other failure through (a folder where a file was expected)', async () => {
    await expect(readIfPresent(dir, 'utf8')).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
