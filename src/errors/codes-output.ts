import type { CodeEntry } from './catalog.js';

/** Problem codes of the output area. Key: the stable code; value: meaning and fix, in French. */
export const OUTPUT_CODES: Record<string, CodeEntry> = {};
