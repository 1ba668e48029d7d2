/**
 * OUT/journal-excel.csv: the journal's Excel twin (`;`, BOM, CRLF, decimal commas), written by
 * `--excel` and then kept in step: every command that changes the journal rewrites it, under the
 * lock, when it exists (src/apply/out-session.ts); `verify` flags a stale one. journal.csv itself
 * always keeps the machine form. This module is the one place that knows the twin's name and
 * format, so that changing the format (e.g. to .xlsx) changes only it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { History } from '../engine/history.js';
import { writeFileAtomic } from './atomic-write.js';
import { formatCsv } from './csv-write.js';
import { readJournal } from './journal.js';
import { JOURNAL_COLUMNS, toJournalRow } from './journal-format.js';
import { JOURNAL_EXCEL_FILE } from './output-layout.js';

export const JOURNAL_TWIN_FILE = JOURNAL_EXCEL_FILE;

/** The twin's bytes for a history. */
export function journalTwin(history: History): Buffer {
  return Buffer.from(formatCsv(JOURNAL_COLUMNS, history.documents.map(toJournalRow), { excel: true }));
}

/** Writes the twin from journal.csv; returns its path. */
export async function writeJournalExcel(outDir: string): Promise<string> {
  const path = join(outDir, JOURNAL_TWIN_FILE);
  await writeFileAtomic(path, journalTwin(await readJournal(outDir)));
  return path;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Rewrites the twin when it exists, or when `create` (--excel). Call under the lock. */
export async function refreshJournalTwin(outDir: string, create: boolean): Promise<void> {
  if (create || (await exists(join(outDir, JOURNAL_TWIN_FILE)))) await writeJournalExcel(outDir);
}

/** Is the twin present and different from what the journal gives? (for `verify`) */
export async function journalTwinStale(outDir: string, history: History): Promise<boolean | undefined> {
  const text = await readFile(join(outDir, JOURNAL_TWIN_FILE)).catch(() => undefined);
  if (text === undefined) return undefined;
  return !text.equals(journalTwin(history));
}
