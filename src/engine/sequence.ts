/**
 * A read-only run of items known by their position, made when asked rather than held (issue 12,
 * flat memory: a national run's numbered and issued documents were 120 bytes a titre as objects).
 * An array is one; so are the numbered plan's documents and a run's issued documents, held in
 * columns. `at` reads as Array's: a negative index counts from the end; out of range, undefined.
 */
export interface Sequence<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** The position `index` names in a sequence of `length` items (Array.prototype.at's), or -1. */
export function positionIn(length: number, index: number): number {
  const at = index < 0 ? index + length : index;
  return at >= 0 && at < length ? at : -1;
}
