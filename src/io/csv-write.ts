/**
 * CSV outputs (journal, ledgers, bordereaux), with csv-stringify.
 * - default: `,`, UTF-8 without BOM, LF, amounts "1210.00";
 * - excel: `;`, UTF-8 with BOM, CRLF, decimal commas ("1210,00"), what Excel in French expects.
 * Every text cell is neutralised against formula injection (CSV injection): a cell starting with
 * = + - @ TAB, CR or LF (OWASP's list), or their full-width forms (＝ ＋ － ＠), gets a leading apostrophe. The encoding is reversible (`unneutralise`): a cell
 * that already starts with apostrophes followed by such a character gets one more. Typed columns
 * (amounts, decimals, integers) are exempt when they hold a well-formed number.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type CellKind = 'text' | 'amount' | 'decimal' | 'integer';

export interface CsvColumn<K extends string = string> {
  key: K;
  header: string;
  kind: CellKind;
}

export interface CsvFormat {
  excel: boolean;
}

export type CsvRow = Record<string, string | undefined>;

const BOM = '\ufeff';
/** What a spreadsheet may take for the start of a formula (OWASP CSV injection), after any apostrophes. */
const DANGER = /^'*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function neutralise(text: string): string {
  return DANGER.test(text) ? `'${text}` : text;
}

/** Inverse of neutralise, for readers of our own files. */
export function unneutralise(text: string): string {
  return /^'/.test(text) && DANGER.test(text) ? text.slice(1) : text;
}

function cell(value: string | undefined, kind: CellKind, format: CsvFormat): string {
  if (value === undefined || value === '') return '';
  if (kind !== 'text' && NUMBER.test(value)) {
    return format.excel && kind !== 'integer' ? value.replace('.', ',') : value;
  }
  return neutralise(value);
}

/** The header line (with the BOM in excel form) — only for a new file. */
export function csvHeader(columns: readonly CsvColumn[], format: CsvFormat): string {
  const text = csvLine(columns.map((c) => c.header), format);
  return format.excel ? BOM + text : text;
}

/** A cell that csv-stringify writes as it is, in either form: no delimiter, quote or line break. */
const PLAIN_CELL = /^[^,;"\r\n]*$/;

/**
 * Data lines only, each ending with the record delimiter. A record of plain cells (PLAIN_CELL:
 * nearly all of them) is its cells joined by the delimiter, which is what csv-stringify writes for
 * it; any other record is written by csv-stringify. Issue 12: csv-stringify allocates some 2 KB a
 * cell (its cast context, a pair per field, its separator checks), and every document of a batch
 * writes three records of up to 34 cells (its ledger row, that row's hash, its journal line): the
 * main thread allocated 628 MB for 2 500 titres, 383 MB so (bench/RESULTS.md).
 */
export function csvLines(columns: readonly CsvColumn[], rows: readonly CsvRow[], format: CsvFormat): string {
  let text = '';
  for (const row of rows) {
    text += csvLine(columns.map((c) => cell(row[c.key], c.kind, format)), format);
  }
  return text;
}

/** One record: joined when its cells are plain, else csv-stringify's. */
function csvLine(cells: readonly string[], format: CsvFormat): string {
  const written = options(format);
  return cells.every((c) => PLAIN_CELL.test(c)) ? cells.join(written.delimiter) + written.record_delimiter : stringify([cells], written);
}

/** A whole CSV file: header then rows. */
export function formatCsv(columns: readonly CsvColumn[], rows: readonly CsvRow[], format: CsvFormat): string {
  return csvHeader(columns, format) + csvLines(columns, rows, format);
}

// quoted_match: csv-stringify quotes a line break only when it equals the record delimiter.
const MACHINE_OPTIONS = { delimiter: ',', record_delimiter: '\n', quoted_match: /[\r\n]/ } as const;
const EXCEL_OPTIONS = { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const;

function options(format: CsvFormat): typeof MACHINE_OPTIONS | typeof EXCEL_OPTIONS {
  return format.excel ? EXCEL_OPTIONS : MACHINE_OPTIONS;
}

/** The format an existing file of ours was written in (a BOM means excel). */
export function detectCsvFormat(text: string): CsvFormat {
  return { excel: text.startsWith(BOM) };
}

/** Canonical form of a typed cell read back from an excel file ("1210,00" → "1210.00"). */
export function canonicalNumber(text: string): string {
  return /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
}

/**
 * A record of a CSV of ours in canonical form: a text cell unneutralised, a typed one (`kinds`, by
 * header) with its number canonical, a cell of unknown kind both. Done by us on the whole record,
 * not by csv-parse's `cast`, which makes a context object per cell (a national bordereau's 35 000
 * rows: seconds of garbage collection, issue 12).
 */
export function canonicalRecord(cells: Record<string, string>, kinds?: ReadonlyMap<string, CellKind>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const header of Object.keys(cells)) {
    const kind = kinds?.get(header);
    const value = cells[header];
    record[header] = kind === 'text' ? unneutralise(value) : canonicalNumber(kind === undefined ? unneutralise(value) : value);
  }
  return record;
}

/** The records of a CSV of ours (either form), cells in canonical form (unneutralised, "1210.00"). */
export function readOurCsv(text: string): Array<Record<string, string>> {
  return parse(text, {
    bom: true,
    delimiter: detectCsvFormat(text).excel ? ';' : ',',
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (cells: Record<string, string>) => canonicalRecord(cells),
  }) as Array<Record<string, string>>;
}
