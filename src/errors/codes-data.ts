import type { CodeEntry } from './catalog.js';

/** Problem codes of the data area. Key: the stable code; value: meaning and fix, in French. */
export const DATA_CODES: Record<string, CodeEntry> = {};
