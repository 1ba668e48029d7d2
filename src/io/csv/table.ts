import { problem, type Problem, BoundedProblems } from '../../errors/problem.js';
import { parseCsv, type CsvRecord, type CsvText, type ParseCsvOptions } from './parse-csv.js';

/** One cell: its text (undefined when empty or the column is absent) and its position. */
export interface Cell {
  value?: string;
  line: number;
  column?: number;
}

export interface Row {
  line: number;
  cell(name: string): Cell;
}

/** The positions of the wanted columns in a header, or the problems of the missing required ones. */
function columnsOf(
  header: readonly string[],
  separator: string,
  file: string,
  required: readonly string[],
  optional: readonly string[],
): { columns?: Map<string, number | undefined>; problems: Problem[] } {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = required.filter((name) => !index.has(name.toLowerCase()));
  if (missing.length > 0) {
    const found = header.map((h) => h.trim()).join(separator);
    return {
      problems: missing.map((name) =>
        problem('CSV_MISSING_COLUMN', `colonne obligatoire « ${name} » absente de l'en-tête « ${found} »`, { file, line: 1 }),
      ),
    };
  }
  const columns = new Map<string, number | undefined>();
  for (const name of [...required, ...optional]) columns.set(name, index.get(name.toLowerCase()));
  return { columns, problems: [] };
}

/**
 * Binds records to column names: header names trimmed and matched case-insensitively, extra
 * columns ignored, each missing required column one CSV_MISSING_COLUMN problem naming it.
 * Returns no rows when a required column is missing.
 */
export function bindColumns(
  csv: CsvText,
  file: string,
  required: readonly string[],
  optional: readonly string[] = [],
): { rows: Row[]; problems: Problem[] } {
  const { columns, problems } = columnsOf(csv.header, csv.separator, file, required, optional);
  if (!columns) return { rows: [], problems };
  return { rows: csv.records.map((record) => toRow(record, columns)), problems: [] };
}

/**
 * Streams CSV text through `visit` one bound row at a time, as the parser reads it (parseCsv's
 * onRecord): only what the reader keeps stays in memory, whatever the file (issue 10). Problems
 * of the CSV layer and missing columns go to `problems`, those of the records as they are read.
 * No row is visited when the file cannot be read whole or lacks a required column.
 */
export function eachRow(
  text: string,
  file: string,
  required: readonly string[],
  optional: readonly string[],
  problems: { add(p: Problem): void },
  visit: (row: Row) => void,
  options: ParseCsvOptions = {},
): void {
  let bound: { columns?: Map<string, number | undefined>; problems: Problem[] } | undefined;
  const parsed = parseCsv(text, file, {
    ...options,
    problems,
    onRecord: (record, header) => {
      bound ??= columnsOf(header, '', file, required, optional);
      if (bound.columns) visit(toRow(record, bound.columns));
    },
  });
  if (!parsed.csv) {
    for (const p of parsed.problems) problems.add(p);
    return;
  }
  // the header's problems, told once the records' (as bindColumns after parseCsv did)
  for (const p of columnsOf(parsed.csv.header, parsed.csv.separator, file, required, optional).problems) problems.add(p);
}

/** A record bound to its columns (one object per row, no closure: a national adhesions.csv has 70 000 rows). */
class BoundRow implements Row {
  readonly line: number;

  constructor(
    private readonly fields: readonly string[],
    line: number,
    private readonly columns: Map<string, number | undefined>,
  ) {
    this.line = line;
  }

  cell(name: string): Cell {
    const i = this.columns.get(name);
    if (i === undefined) return { line: this.line };
    const text = this.fields[i];
    return { value: text === undefined || text === '' ? undefined : text, line: this.line, column: i + 1 };
  }
}

function toRow(record: CsvRecord, columns: Map<string, number | undefined>): Row {
  return new BoundRow(record.fields, record.line, columns);
}

/** Parses decoded CSV text and binds its columns in one step, keeping every row (small files, tests). */
export function readTable(
  text: string,
  file: string,
  required: readonly string[],
  optional: readonly string[] = [],
  options: ParseCsvOptions = {},
): { rows: Row[]; problems: Problem[] } {
  const problems = new BoundedProblems(file);
  const rows: Row[] = [];
  // the records left out (cell count, control character…) are reported with the columns' problems
  eachRow(text, file, required, optional, problems, (row) => rows.push(row), options);
  return { rows, problems: problems.list };
}
