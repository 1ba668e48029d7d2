/**
 * Texts filled from one titre's own values (its number, the commune's names, the amounts, the
 * amount in words, the liquidation's figures), set without being kept by the renderer's caches.
 *
 * The caches of no-break rules, line breaks, encoded lines and text operators (french-format.ts,
 * line-breaks.ts, fixed-subset.ts) are there for the wording that recurs on every
 * titre. A titre's filled texts are new to each of them and do not come back (a commune's other
 * titre comes half a batch later): each was hashed, inserted and held for a generation or two,
 * long enough to be promoted out of the young generation, and then marked again by every full
 * collection. The page code marks such a text as it fills it (`filled`); while a marked text is
 * measured or drawn, the caches still answer what they hold but keep nothing new. The caches of
 * words (shared-fonts.ts, composed-runs.ts) still keep: the words of filled texts recur (« de »,
 * « € », « hab. », digits). Whether a pure computation is cached or not changes no byte.
 *
 * The marks are a document's: `startDocument` forgets them. A document is drawn synchronously, so
 * one set per thread serves every renderer of that thread.
 */
const marked = new Set<string>();
let keeping = true;
/** The liquidation steps' wording of the current document, and of the one before (stepText). */
let steps: string[] = [];
let previousSteps: readonly string[] = [];

/** Marks `text` as filled from the current document's own values; returns it. */
export function filled(text: string): string {
  marked.add(text);
  return text;
}

/** Whether `text` was marked by `filled` in the current document. */
export function isFilled(text: string): boolean {
  return marked.size > 0 && marked.has(text);
}

/**
 * A liquidation step's wording, marked unless the previous document had it too: the index and the
 * period are worded alike on every titre of an issue, where the population, the contribution and
 * the amounts are the commune's (and a commune's other titre comes half a batch later).
 */
export function stepText(text: string): string {
  steps.push(text);
  return previousSteps.includes(text) ? text : filled(text);
}

/** Forgets the marks of the previous document (its steps are kept for stepText). */
export function startDocument(): void {
  marked.clear();
  previousSteps = steps;
  steps = [];
}

/** Whether the caches may keep what they compute now (false while a filled text is set). */
export function keepingTexts(): boolean {
  return keeping;
}

/** Runs `set` (the breaking, measure or drawing of a filled text), the caches keeping nothing new meanwhile. */
export function withoutKeeping<T>(set: () => T): T {
  if (!keeping) return set();
  keeping = false;
  try {
    return set();
  } finally {
    keeping = true;
  }
}
