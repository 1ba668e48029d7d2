/**
 * Schema validation of generated files with xmllint against the PES V2 v5.30 schemas, found beside
 * the repo (schemas/schemas_pes_v5.30, vendored: see schemas/SOURCE.md) or in TITRES_PES_SCHEMAS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { available } from '../render/pdf-tools.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function pesSchemasDir(): string {
  return process.env.TITRES_PES_SCHEMAS ?? path.resolve(repoRoot, 'schemas/schemas_pes_v5.30');
}

export function pesAllerXsd(): string {
  return path.join(pesSchemasDir(), 'PES_V2', 'Rev0', 'PES_Aller.xsd');
}

/**
 * xmllint is an independent check beside the in-process validator (libxml2-wasm), which every test
 * runs: with only Node and npm installed, the tests that need it are skipped, as those that need
 * poppler or qpdf are (CI installs it: .ci/run).
 */
export const HAS_XMLLINT = available('xmllint');
export const XMLLINT_MISSING = 'SKIPPED: xmllint absent (apt-get install libxml2-utils)';

/** Runs xmllint on `xml`; returns its exit status and its stderr. */
export function validatePes(xml: Buffer): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'titres-pes-'));
  try {
    const file = path.join(dir, 'pes.xml');
    writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', pesAllerXsd(), file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `V` values of every `<name V="…"/>` of a decoded PES file, in document order. */
export function values(text: string, name: string): string[] {
  const unescape = (v: string): string =>
    v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...text.matchAll(new RegExp(`<${name} V="([^"]*)"/>`, 'g'))].map((m) => unescape(m[1]));
}
