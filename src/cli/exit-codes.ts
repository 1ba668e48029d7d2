/**
 * The one place where errors become exit codes (changesets style). Documented in the README;
 * tested in test/cli/exit-codes.test.ts.
 */
import type { Problem } from '../errors/problem.js';
import { systemProblem } from '../errors/system-error.js';
import { isTitresError, type ErrorKind } from '../errors/titres-error.js';

export const EXIT = {
  /** Everything done (a dry run printed its plan; an issue run issued what was missing). */
  OK: 0,
  /** Unexpected internal error: a bug, reported with its stack trace. */
  INTERNAL: 1,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  USAGE: 2,
  /** Invalid dataset: every problem is listed with FILE:LINE:COL; nothing was written. */
  DATA: 3,
  /** Output folder inconsistent with the request (missing N-1 titre, malformed journal…). */
  STATE: 4,
  /** Another run holds the output folder's lock. */
  LOCKED: 5,
  /** `titres verify` found a missing, modified or extra file, or a numbering gap. */
  VERIFY: 6,
  /**
   * The operating system refused a read or a write (disk full, read-only folder, permissions, too
   * many open files, name too long…): the world's failure, not the tool's; the message names the
   * path and the fix, and an interrupted issue resumes when the same command is run again.
   */
  SYSTEM: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_KIND: Record<ErrorKind, ExitCode> = {
  usage: EXIT.USAGE,
  data: EXIT.DATA,
  state: EXIT.STATE,
  lock: EXIT.LOCKED,
  verify: EXIT.VERIFY,
};

export function exitCodeFor(kind: ErrorKind): ExitCode {
  return BY_KIND[kind];
}

/** What the CLI prints and returns for an error that ends a command. */
export interface ErrorOutcome {
  exitCode: ExitCode;
  /** Catalogued problems to print (FILE:LINE:COL: erreur CODE: message). */
  problems?: readonly Problem[];
  /** A defect of the tool: printed with its stack trace, to be reported. */
  defect?: string;
}

/**
 * Every error that ends a command, to its exit code: our own TitresError by its kind, an
 * operating-system refusal (errno, also as the cause of another error) to SYSTEM, anything else is
 * a defect (INTERNAL, with its trace). commander's parse errors are USAGE (src/cli/main.ts).
 */
export function errorOutcome(error: unknown): ErrorOutcome {
  if (isTitresError(error)) return { exitCode: exitCodeFor(error.kind), problems: error.problems };
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const system = systemProblem(e);
    if (system) return { exitCode: EXIT.SYSTEM, problems: [system] };
  }
  const e = error as Error | undefined;
  return { exitCode: EXIT.INTERNAL, defect: e?.stack ?? String(error) };
}
