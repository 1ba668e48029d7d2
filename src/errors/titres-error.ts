import type { ProblemCode } from './catalog.js';
import type { Problem } from './problem.js';

/**
 * The error kinds the CLI maps to exit codes (src/cli/exit-codes.ts is the one place that does).
 * - usage: bad command line;
 * - data: invalid dataset (every problem listed);
 * - state: output folder inconsistent with the request (missing N-1 titre, corrupted journal…);
 * - lock: another run holds the output folder;
 * - verify: `titres verify` found a discrepancy.
 */
export type ErrorKind = 'usage' | 'data' | 'state' | 'lock' | 'verify';

export class TitresError extends Error {
  readonly kind: ErrorKind;
  readonly problems: readonly Problem[];

  constructor(kind: ErrorKind, problems: readonly Problem[], message?: string) {
    super(message ?? problems.slice(0, 20).map((p) => p.message).join('\n'));
    this.name = 'TitresError';
    this.kind = kind;
    this.problems = problems;
  }
}

export function usageError(code: ProblemCode, message: string): TitresError {
  return new TitresError('usage', [{ code, severity: 'error', message }]);
}

export function isTitresError(e: unknown): e is TitresError {
  return e instanceof TitresError;
}
