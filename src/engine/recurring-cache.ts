/**
 * A bounded memo that keeps what recurs. The renderer's caches (shaped words, widths, line
 * breaks, encoded texts, no-break rules) see the same wording on every titre among names and
 * amounts that rarely come back. Emptied when full, such a cache dropped the recurring wording
 * with the rest every few hundred titres and laid it out again; here an entry used in the current
 * generation or the one before survives, the others go when a generation fills. At most twice
 * `generation` entries are held, whatever the batch's size.
 */
export class RecurringCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly generation: number) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const kept = this.previous.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }

  /**
   * The value kept for `key`, or the one `make` gives, kept from now on unless `keep` is false
   * (a key that will not come back: kept, it would only be hashed, inserted and held).
   */
  through(key: K, make: (key: K) => V, keep = true): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make(key);
      if (keep) this.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
