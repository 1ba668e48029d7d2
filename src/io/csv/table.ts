import { problem, type Problem } from '../../errors/problem.js';
import type { CsvRecord, CsvText } from './parse-csv.js';

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
  const index = new Map<string, number>();
  csv.header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = required.filter((name) => !index.has(name.toLowerCase()));
  if (missing.length > 0) {
    const found = csv.header.map((h) => h.trim()).join(csv.separator);
    return {
      rows: [],
      problems: missing.map((name) =>
        problem('CSV_MISSING_COLUMN', `colonne obligatoire « ${name} » absente de l'en-tête « ${found} »`, { file, line: 1 }),
      ),
    };
  }
  const wanted = new Map<string, number | undefined>();
  for (const name of [...required, ...optional]) wanted.set(name, index.get(name.toLowerCase()));
  return { rows: csv.records.map((record) => toRow(record, wanted)), problems: [] };
}

function toRow(record: CsvRecord, columns: Map<string, number | undefined>): Row {
  return {
    line: record.line,
    cell(name: string): Cell {
      const i = columns.get(name);
      if (i === undefined) return { line: record.line };
      const text = record.fields[i];
      return { value: text === undefined || text === '' ? undefined : text, line: record.line, column: i + 1 };
    },
  };
}
