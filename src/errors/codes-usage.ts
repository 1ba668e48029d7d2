import type { CodeEntry } from './catalog.js';

/** Problem codes of the usage area. Key: the stable code; value: meaning and fix, in French. */
export const USAGE_CODES: Record<string, CodeEntry> = {};
