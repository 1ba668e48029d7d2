/**
 * The strings a dataset keeps for the whole run, each held once and on its own (issue 12, flat
 * memory):
 * - once: the CSV parser gives every cell a string of its own, some 30 bytes of heap, and the same
 *   value comes back line after line and file after file (a service id, a date, a commune's code in
 *   communes.csv, adhesions.csv and each populations file: 140 000 copies on a national dataset);
 * - on its own: a cell of 13 characters or more is a slice of its file's text, and V8 keeps the
 *   whole text alive for as long as one slice lives (communes.csv's 3.7 MB, for 35 000 names and
 *   addresses). A kept value is copied out of the text first.
 * One pool is shared by the readers of a dataset, then dropped with the reading.
 */
export class KeptStrings {
  private readonly seen = new Map<string, string>();

  /** `value`, as the equal string kept first, or kept now as a copy that retains no file text. */
  of<T extends string>(value: T): T {
    const kept = this.seen.get(value);
    if (kept !== undefined) return kept as T;
    const own = ownCopy(value);
    this.seen.set(own, own);
    return own;
  }

  /**
   * `value` on its own, not pooled: for a value that does not come back (a commune's name, its
   * SIREN), which pooling would only hash, insert and hold. Pooling communes.csv's 35 000 names
   * and SIRENs was a third of its reading (issue 12: the dry run of all France).
   */
  own<T extends string>(value: T): T {
    return ownCopy(value);
  }
}

/**
 * V8 makes a piece of a string shorter than this a copy of its own (SlicedString::kMinLength):
 * only a longer one can be a slice that holds its file's text.
 */
const SLICE_MIN_LENGTH = 13;

/**
 * An equal string in a buffer of its own: JSON.parse makes its strings from the characters it
 * reads, so the result is never a slice (String.prototype methods may answer with one, or with the
 * string itself). Only for strings that may be slices: the round trip of every kept value (codes,
 * dates, SIREN) cost the dry run of 35 000 communes ~0.2 s.
 */
function ownCopy<T extends string>(value: T): T {
  return value.length < SLICE_MIN_LENGTH ? value : (JSON.parse(JSON.stringify(value)) as T);
}
