/**
 * The one place where errors become exit codes (changesets style). Documented in the README;
 * tested in test/cli/exit-codes.test.ts.
 */
import type { ErrorKind } from '../errors/titres-error.js';

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
