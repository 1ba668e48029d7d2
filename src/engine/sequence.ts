/**
 * Read-only views of records held in columns and made when asked rather than held (issue 12,
 * flat memory: a national run's adhesions, communes, numbered and issued documents were objects,
 * 100 to 250 bytes each).
 *
 * A Sequence is a run of items known by their position. An array is one; so are the dataset's
 * adhesions and the numbered plan's and a run's issued documents. `at` reads as Array's: a
 * negative index counts from the end; out of range, undefined.
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

/**
 * A ReadonlyMap whose entries are made when read: a view gives its size, `get` and its keys in
 * order; the rest of the Map's reading follows from them (the dataset's communes, a populations
 * file's figures).
 */
export abstract class MapView<K, V> implements ReadonlyMap<K, V> {
  abstract get size(): number;
  abstract get(key: K): V | undefined;
  abstract keys(): MapIterator<K>;

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[K, V]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }

  *values(): MapIterator<V> {
    for (const key of this.keys()) yield this.get(key)!;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) f.call(thisArg, value, key, this);
  }
}
