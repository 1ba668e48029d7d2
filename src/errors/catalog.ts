/**
 * The catalogue of every problem code the CLI can report (hledger style: every message catalogued).
 * Each area keeps its own list; docs/codes-erreur.md is generated from this one and kept in step
 * by test/errors/catalog.test.ts; test/errors/reproducers.test.ts runs a minimal input for each.
 */
import type { CodeEntry } from './code-entry.js';
import { DATA_CODES } from './codes-data.js';
import { ENGINE_CODES } from './codes-engine.js';
import { OUTPUT_CODES } from './codes-output.js';
import { PES_CODES } from './codes-pes.js';
import { RENDER_CODES } from './codes-render.js';
import { SIMULATE_CODES } from './codes-simulate.js';
import { SYSTEM_CODES } from './codes-system.js';
import { USAGE_CODES } from './codes-usage.js';

const CODES = {
  ...DATA_CODES,
  ...ENGINE_CODES,
  ...OUTPUT_CODES,
  ...PES_CODES,
  ...RENDER_CODES,
  ...SIMULATE_CODES,
  ...SYSTEM_CODES,
  ...USAGE_CODES,
};

/**
 * Every problem code, as a type: a code that is not catalogued does not compile, wherever a
 * problem is built (problem(), TitresError, the readers' sinks…).
 */
export type ProblemCode = keyof typeof CODES;

export type { CodeEntry };

/** The catalogue, code by code (the union of the areas' lists). */
export const CATALOG: { readonly [C in ProblemCode]: CodeEntry } = CODES;

/** Every catalogued code, sorted. */
export const PROBLEM_CODES: readonly ProblemCode[] = (Object.keys(CATALOG) as ProblemCode[]).sort();

/** Whether `code` is a catalogued code (for codes read from outside, e.g. a test's table). */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(CATALOG, code);
}

/** The catalogue as the Markdown table of docs/codes-erreur.md (kept in step by a golden test). */

export function catalogMarkdown(): string {
  const escape = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = PROBLEM_CODES.map((code) => `| \`${code}\` | ${escape(CATALOG[code].sens)} | ${escape(CATALOG[code].correction)} |`);
  return [
    '# Codes d’erreur et d’avertissement de `titres`',
    '',
    'Chaque problème signalé par `titres` porte un code stable, affiché ainsi :',
    '`FICHIER:LIGNE:COLONNE: erreur CODE: message` (ou `avertissement`). Ce tableau est produit à partir',
    'du catalogue du code source (`src/errors/codes-*.ts`) ; un test vérifie qu’il est à jour.',
    '',
    '| code | sens | correction |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
