/**
 * OUT/journal-excel.csv: the journal in Excel form (`;`, BOM, CRLF, decimal commas), regenerated
 * from journal.csv by `--excel`. journal.csv itself always keeps the machine form.
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { formatCsv } from './csv-write.js';
import { readJournal } from './journal.js';
import { JOURNAL_COLUMNS, toJournalRow } from './journal-format.js';
import { JOURNAL_EXCEL_FILE } from './output-layout.js';

export async function writeJournalExcel(outDir: string): Promise<string> {
  const history = await readJournal(outDir);
  const path = join(outDir, JOURNAL_EXCEL_FILE);
  await writeFileAtomic(path, formatCsv(JOURNAL_COLUMNS, history.documents.map(toJournalRow), { excel: true }));
  return path;
}
