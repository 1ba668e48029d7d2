/**
 * Reading an output folder's files: the list of them, and a file that may not be there.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';

/**
 * The files under an output folder, as OUT-relative paths with `/`, sorted (deterministic): Node's
 * own recursive `readdir`. Shared by verify and by the recovery of an interrupted run.
 */
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

/**
 * The contents of a file, or undefined when it does not exist: for files that are mostly absent, a
 * first run's ledgers and their workbooks. A failed asynchronous read costs far more than its
 * system call: the thread pool's round trip, then an Error with its stack trace, then a rejected
 * promise; about 150 µs of CPU against some 10 µs for a synchronous existence check (4 000 calls
 * of each, Node 20), twice per titre (its ledger, its ledger's workbook) in the main thread of a
 * national run.
 */
export async function readIfPresent(path: string): Promise<Buffer | undefined>;
export async function readIfPresent(path: string, encoding: 'utf8'): Promise<string | undefined>;
export async function readIfPresent(path: string, encoding?: 'utf8'): Promise<Buffer | string | undefined> {
  if (!existsSync(path)) return undefined;
  return readFile(path, encoding).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined; // removed since the check
    throw error;
  });
}
