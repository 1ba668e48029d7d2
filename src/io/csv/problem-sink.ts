import { problem, type Problem, type Severity } from '../../errors/problem.js';
import type { Parsed } from '../values/parsed.js';
import type { Cell } from './table.js';

/** Collects the problems of one file; every problem gets the file's user path and a cell position. */
export class ProblemSink {
  readonly problems: Problem[] = [];

  constructor(readonly file: string) {}

  add(code: string, message: string, at: { line?: number; column?: number } = {}, severity: Severity = 'error'): void {
    this.problems.push(problem(code, message, { file: this.file, line: at.line, column: at.column }, severity));
  }

  /** The cell's text, or a MISSING_VALUE problem naming the column. */
  required(cell: Cell, column: string): string | undefined {
    if (cell.value === undefined) this.add('MISSING_VALUE', `valeur obligatoire absente dans la colonne « ${column} »`, cell);
    return cell.value;
  }

  /** The parsed value of a non-empty cell, or undefined (with the parser's problem when it fails). */
  parse<T>(cell: Cell, parser: (text: string) => Parsed<T>): T | undefined {
    if (cell.value === undefined) return undefined;
    const result = parser(cell.value);
    if (result.ok) return result.value;
    this.add(result.code, result.message, cell);
    return undefined;
  }

  /** Required and parsed. */
  requiredParse<T>(cell: Cell, column: string, parser: (text: string) => Parsed<T>): T | undefined {
    return this.required(cell, column) === undefined ? undefined : this.parse(cell, parser);
  }
}
