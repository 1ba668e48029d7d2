import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the system temp dir; `cleanup` removes it. */
export async function makeTempDir(): Promise<{ dir: string; write: (rel: string, content: string | Uint8Array) => Promise<void>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'titres-io-'));
  return {
    dir,
    async write(rel, content) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
