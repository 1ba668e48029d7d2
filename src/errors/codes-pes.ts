import type { CodeEntry } from './catalog.js';

/** Problem codes of the PES V2 export. Key: the stable code; value: meaning and fix, in French. */
export const PES_CODES: Record<string, CodeEntry> = {};
