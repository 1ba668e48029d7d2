import type { Problem } from '../../errors/problem.js';
import { parseCsv, type ParseCsvOptions } from './parse-csv.js';
import { bindColumns, type Row } from './table.js';

/** Parses decoded CSV text and binds its columns in one step (the common case). */
export function readTable(
  text: string,
  file: string,
  required: readonly string[],
  optional: readonly string[] = [],
  options: ParseCsvOptions = {},
): { rows: Row[]; problems: Problem[] } {
  const parsed = parseCsv(text, file, options);
  if (!parsed.csv) return { rows: [], problems: parsed.problems };
  const bound = bindColumns(parsed.csv, file, required, optional);
  // the records left out (cell count, control character…) are reported with the columns' problems
  return { rows: bound.rows, problems: parsed.problems.length > 0 ? [...parsed.problems, ...bound.problems] : bound.problems };
}
