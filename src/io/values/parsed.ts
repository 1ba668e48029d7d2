import type { ProblemCode } from '../../errors/catalog.js';

/** Result of parsing one cell or value: the value, or a plain French reason quoting the text. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ProblemCode; message: string };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T>(code: ProblemCode, message: string): Parsed<T> {
  return { ok: false, code, message };
}
