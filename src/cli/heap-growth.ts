/**
 * How far V8 lets the heap grow between two full collections (issue 12: flat memory). By default
 * the factor goes up to 4 when collecting is cheap and the heap's cap is large (it comes from the
 * machine's memory): the plan of all France holds ~70 MB alive, and the dry run of 35 000
 * communes peaked at 260 MB of RSS, most of it garbage waiting for a collection. A factor of 1.3
 * (V8's own for heaps capped at 256 MB or less, as the rendering threads are) keeps the heap near
 * what is alive: 260 -> 196 MB, for the same CPU time within the machine's noise
 * (bench/issue-child.mjs issue --dry-run, 35 000 communes). A flag read at every collection, not
 * only when the heap is made, so it takes effect when set from here; it applies to every thread.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
