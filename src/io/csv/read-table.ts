import { BoundedProblems, type Problem } from '../../errors/problem.js';
import type { ParseCsvOptions } from './parse-csv.js';
import { eachRow, type Row } from './table.js';

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
