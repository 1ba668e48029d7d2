/**
 * Cleaning after an interrupted run, under the lock, before anything is issued:
 * - temp files of atomic writes (`.<name>.tmp-<pid>`) are deleted everywhere in OUT when a run was
 *   interrupted, else in OUT's root only (journal-excel.csv is written outside runs);
 * - in the exercices of interrupted runs, a document PDF whose number is not in the journal with
 *   this very file is an orphan (renamed, then killed before its journal line): it is deleted,
 *   and the resumed run renders it again, identically, under the same number.
 * Journaled documents are never touched.
 */
import { readdir, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IssuedDocument } from '../engine/history.js';
import { isTempName } from '../io/atomic-write.js';
import { parseDocumentName, resolveOut } from '../io/output-layout.js';
import { listFiles } from '../io/out-files.js';

export interface CleanReport {
  tempFiles: string[];
  orphans: string[];
}

export async function cleanOutDir(
  outDir: string,
  journaled: readonly IssuedDocument[],
  interruptedExercices: readonly number[],
): Promise<CleanReport> {
  const report: CleanReport = { tempFiles: [], orphans: [] };
  const files = new Set(journaled.map((d) => d.fichier));
  const remove = async (relative: string, list: string[]): Promise<void> => {
    await unlink(resolveOut(outDir, relative));
    list.push(relative);
  };
  if (interruptedExercices.length === 0) {
    const names = await readdir(outDir).catch(() => [] as string[]);
    for (const name of names.sort()) if (isTempName(name)) await remove(name, report.tempFiles);
    return report;
  }
  const exercices = new Set(interruptedExercices.map(String));
  for (const relative of await listFiles(outDir)) {
    const name = basename(relative);
    if (isTempName(name)) {
      await remove(relative, report.tempFiles);
      continue;
    }
    const [top, area] = relative.split('/');
    if (!exercices.has(top) || area !== 'titres') continue;
    if (parseDocumentName(name) && !files.has(relative)) await remove(relative, report.orphans);
  }
  return report;
}
