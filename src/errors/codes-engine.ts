import type { CodeEntry } from './catalog.js';

/** Problem codes of the engine area. Key: the stable code; value: meaning and fix, in French. */
export const ENGINE_CODES: Record<string, CodeEntry> = {};
