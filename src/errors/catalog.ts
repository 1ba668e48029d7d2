/**
 * The catalogue of every problem code the CLI can report (hledger style: every message catalogued).
 * Each area keeps its own list; the README's table of error codes is checked against this one
 * by test/errors/catalog.test.ts.
 */
import { DATA_CODES } from './codes-data.js';
import { ENGINE_CODES } from './codes-engine.js';
import { OUTPUT_CODES } from './codes-output.js';
import { PES_CODES } from './codes-pes.js';
import { RENDER_CODES } from './codes-render.js';
import { SIMULATE_CODES } from './codes-simulate.js';
import { SYSTEM_CODES } from './codes-system.js';
import { USAGE_CODES } from './codes-usage.js';

export interface CodeEntry {
  /** What it means, in French. */
  sens: string;
  /** How to fix it, in French. */
  correction: string;
}

export const CATALOG: Readonly<Record<string, CodeEntry>> = {
  ...DATA_CODES,
  ...ENGINE_CODES,
  ...OUTPUT_CODES,
  ...PES_CODES,
  ...RENDER_CODES,
  ...SIMULATE_CODES,
  ...SYSTEM_CODES,
  ...USAGE_CODES,
};
