import type { ProblemCode } from '../../errors/catalog.js';
import { BoundedProblems, problem, type Problem, type Severity } from '../../errors/problem.js';
import type { Parsed } from '../cell-values.js';
import type { Cell } from './table.js';

/**
 * Collects the problems of one file; every problem gets the file's user path and a cell position.
 * Memory stays bounded whatever the file (BoundedProblems): beyond a thousand, problems are counted.
 */
export class FileProblems {
  private readonly bounded: BoundedProblems;
  readonly problems: Problem[];

  constructor(readonly file: string) {
    this.bounded = new BoundedProblems(file);
    this.problems = this.bounded.list;
  }

  /** Whether an error was found in the file (then what was read of it is not used). */
  get hasErrors(): boolean {
    return this.bounded.hasErrors;
  }

  add(code: ProblemCode, message: string, at: { line?: number; column?: number } = {}, severity: Severity = 'error'): void {
    this.bounded.add(problem(code, message, { file: this.file, line: at.line, column: at.column }, severity));
  }

  /** Where the CSV layer of the same file puts its problems (eachRow), counted like the others. */
  readonly csv: { add(p: Problem): void } = { add: (p) => this.bounded.add(p) };

  /** Problems found by another reader of the same file (its CSV layer). */
  addAll(problems: Iterable<Problem>): void {
    for (const p of problems) {
      if (p.code === 'PROBLEMS_OMITTED') this.problems.push(p);
      else this.bounded.add(p);
    }
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
