/** Lists the files under a folder of OUT, as OUT-relative paths with `/` (sorted, deterministic). */
import { readdir } from 'node:fs/promises';
import { resolveOut } from '../io/output-layout.js';

export async function* walkFiles(outDir: string, relative = ''): AsyncGenerator<string> {
  const dir = relative === '' ? outDir : resolveOut(outDir, relative);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* walkFiles(outDir, path);
    else yield path;
  }
}
