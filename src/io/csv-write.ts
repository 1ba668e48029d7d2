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
  const text = stringify([columns.map((c) => c.header)], options(format));
  return format.excel ? BOM + text : text;
}

/** Data lines only, each ending with the record delimiter. */
export function csvLines(columns: readonly CsvColumn[], rows: readonly CsvRow[], format: CsvFormat): string {
  if (rows.length === 0) return '';
  const records = rows.map((row) => columns.map((c) => cell(row[c.key], c.kind, format)));
  return stringify(records, options(format));
}

/** A whole CSV file: header then rows. */
export function formatCsv(columns: readonly CsvColumn[], rows: readonly CsvRow[], format: CsvFormat): string {
  return csvHeader(columns, format) + csvLines(columns, rows, format);
}

function options(format: CsvFormat): { delimiter: string; record_delimiter: string; quoted_match: RegExp } {
  // quoted_match: csv-stringify quotes a line break only when it equals the record delimiter.
  return { delimiter: format.excel ? ';' : ',', record_delimiter: format.excel ? '\r\n' : '\n', quoted_match: /[\r\n]/ };
}

/** The format an existing file of ours was written in (a BOM means excel). */
export function detectCsvFormat(text: string): CsvFormat {
  return { excel: text.startsWith(BOM) };
}

/** Canonical form of a typed cell read back from an excel file ("1210,00" → "1210.00"). */
export function canonicalNumber(text: string): string {
  return /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
}

/** The records of a CSV of ours (either form), cells in canonical form (unneutralised, "1210.00"). */
export function readOurCsv(text: string): Array<Record<string, string>> {
  return parse(text, {
    bom: true,
    delimiter: detectCsvFormat(text).excel ? ';' : ',',
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
    cast: (value: string) => canonicalNumber(unneutralise(value)),
  }) as Array<Record<string, string>>;
}
