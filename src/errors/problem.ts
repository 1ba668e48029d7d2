/**
 * A problem found in user input or in the output folder, with a stable code and a position.
 * Like csv-parse's CsvError: a code that scripts can rely on, and context fields.
 */
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
  code: string;
  severity: Severity;
  /** Plain French sentence, with the offending value quoted in « ». */
  message: string;
}

export function problem(
  code: string,
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
