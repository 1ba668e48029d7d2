/**
 * The files under an output folder, as OUT-relative paths with `/`, sorted (deterministic): Node's
 * own recursive `readdir`. Shared by verify and by the recovery of an interrupted run.
 */
import { readdir } from 'node:fs/promises';
import { relative, sep } from 'node:path';

export async function listFiles(outDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const parent = relative(outDir, entry.parentPath);
    files.push((parent === '' ? entry.name : `${parent}${sep}${entry.name}`).split(sep).join('/'));
  }
  return files.sort();
}
