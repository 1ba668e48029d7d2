/**
 * Ledgers keep every earlier row: a ledger is rewritten atomically as its previous bytes followed
 * by the rows it does not hold yet (matched on exercice + numero), in the format the file already
 * has (excel or not). Idempotent: a recovery that replays the rows of a run appends nothing twice.
 */
import { documentKey } from '../engine/plan-types.js';
import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { writeFileAtomic } from '../io/atomic-write.js';
import { csvHeader, csvLines, detectCsvFormat, type CsvFormat, type CsvRow } from '../io/csv-write.js';
import { ledgerCodeOf, ledgerFileName, ledgerFolder, resolveOut } from '../io/output-layout.js';
import { LEDGER_COLUMNS } from './ledger-row.js';

/** Ledger file names by service and code_insee: an existing file wins over the current name. */
export class LedgerNames {
  private readonly existing = new Map<string, Map<string, string>>();

  constructor(private readonly outDir: string) {}

  async nameFor(service: string, codeInsee: string, commune: string): Promise<string> {
    let byCode = this.existing.get(service);
    if (!byCode) {
      byCode = new Map();
      const names = await readdir(resolveOut(this.outDir, ledgerFolder(service))).catch(() => [] as string[]);
      for (const name of names.sort()) {
        const code = ledgerCodeOf(name);
        if (code && !byCode.has(code)) byCode.set(code, name);
      }
      this.existing.set(service, byCode);
    }
    return byCode.get(codeInsee) ?? ledgerFileName(codeInsee, commune);
  }
}

/** Keys (documentKey: exercice-numero, statements of compte 673 in their own series) of a ledger's rows. */
export function ledgerKeys(text: string, format: CsvFormat): Set<string> {
  const records = parse(text, {
    bom: true,
    delimiter: format.excel ? ';' : ',',
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  return new Set(records.map((r) => documentKey(r)));
}

export async function appendLedgerRows(
  outDir: string,
  service: string,
  name: string,
  rows: readonly CsvRow[],
  newFileFormat: CsvFormat,
): Promise<void> {
  const path = resolveOut(outDir, `${ledgerFolder(service)}/${name}`);
  const previous = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (previous === undefined || previous === '') {
    await writeFileAtomic(path, csvHeader(LEDGER_COLUMNS, newFileFormat) + csvLines(LEDGER_COLUMNS, rows, newFileFormat));
    return;
  }
  const format = detectCsvFormat(previous);
  const keys = ledgerKeys(previous, format);
  const missing = rows.filter((r) => !keys.has(documentKey(r)));
  if (missing.length === 0) return;
  const eol = format.excel ? '\r\n' : '\n';
  const base = previous.endsWith('\n') ? previous : previous + eol;
  await writeFileAtomic(path, base + csvLines(LEDGER_COLUMNS, missing, format));
}
