/**
 * A problem found in user input or in the output folder, with a stable code and a position.
 * Like csv-parse's CsvError: a code that scripts can rely on, and context fields.
 */
import type { ProblemCode } from './catalog.js';

export type Severity = 'error' | 'warning';

export interface Position {
  /** Path as the user gave it (dataset-relative paths are joined to --data). */
  file: string;
  /** 1-based line number in the file (the header is line 1). */
  line?: number;
  /** 1-based column number (a CSV field index, or a character column for JSON). */
  column?: number;
}

export interface Problem extends Partial<Position> {
  /** Stable code from the catalogue (src/errors/catalog.ts), e.g. UNKNOWN_SERVICE. */
  code: ProblemCode;
  severity: Severity;
  /** Plain French sentence, with the offending value quoted in « ». */
  message: string;
  /** How many problems this one stands for (PROBLEMS_OMITTED: those counted but not detailed). */
  count?: number;
}

export function problem(
  code: ProblemCode,
  message: string,
  at?: Partial<Position>,
  severity: Severity = 'error',
): Problem {
  return { code, severity, message, ...at };
}

/** `FILE:LINE:COL: erreur CODE: message`, hledger style; omitted parts are left out. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  const kind = p.severity === 'error' ? 'erreur' : 'avertissement';
  return `${where ? where + ': ' : ''}${kind} ${p.code}: ${p.message}`;
}

/** Problems sorted by file, line, column, so that reports are stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/**
 * Appends every problem of `more` to `problems`, however many (`push(...more)` passes them as
 * arguments and overflows the stack past about 100 000).
 */
export function appendProblems(problems: Problem[], more: Iterable<Problem>): void {
  for (const p of more) problems.push(p);
}

/** Problems detailed per file and severity; beyond, they are counted in one PROBLEMS_OMITTED. */
export const MAX_DETAILED_PROBLEMS = 1000;

/**
 * A file's problems with bounded memory whatever the input (100 000 bad rows): the first
 * MAX_DETAILED_PROBLEMS of each severity are kept, the others only counted, in one problem per
 * severity that says how many.
 */
export class BoundedProblems {
  readonly list: Problem[] = [];
  private readonly detailed = { error: 0, warning: 0 };
  private readonly omitted: Partial<Record<Severity, Problem>> = {};

  constructor(readonly file: string) {}

  /** Whether an error was added (detailed or counted). */
  get hasErrors(): boolean {
    return this.detailed.error > 0;
  }

  add(p: Problem): void {
    if (this.detailed[p.severity] < MAX_DETAILED_PROBLEMS) {
      this.detailed[p.severity]++;
      this.list.push(p);
      return;
    }
    let summary = this.omitted[p.severity];
    if (!summary) {
      summary = { code: 'PROBLEMS_OMITTED', severity: p.severity, message: '', file: this.file, count: 0 };
      this.omitted[p.severity] = summary;
      this.list.push(summary);
    }
    summary.count = (summary.count ?? 0) + 1;
    const kind = p.severity === 'error' ? 'erreur' : 'avertissement';
    summary.message = `${summary.count} autre(s) ${kind}(s) dans ce fichier, non détaillé(e)s : seul(e)s les ${MAX_DETAILED_PROBLEMS} premier(e)s le sont ; corriger celles-ci puis relancer`;
  }
}
