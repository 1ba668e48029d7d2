import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG, catalogMarkdown } from '../../src/errors/catalog.js';
import { DATA_CODES } from '../../src/errors/codes-data.js';
import { ENGINE_CODES } from '../../src/errors/codes-engine.js';
import { OUTPUT_CODES } from '../../src/errors/codes-output.js';
import { PES_CODES } from '../../src/errors/codes-pes.js';
import { RENDER_CODES } from '../../src/errors/codes-render.js';
import { SIMULATE_CODES } from '../../src/errors/codes-simulate.js';
import { SYSTEM_CODES } from '../../src/errors/codes-system.js';
import { USAGE_CODES } from '../../src/errors/codes-usage.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/codes-erreur.md');

describe('catalogue of problem codes', () => {
  it('gives every code a meaning and a fix in French', () => {
    for (const [code, entry] of Object.entries(CATALOG)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.sens.length, code).toBeGreaterThan(10);
      expect(entry.correction.length, code).toBeGreaterThan(5);
    }
  });

  it('no code is defined by two areas (the catalogue merges them: one would hide the other)', () => {
    const areas = [DATA_CODES, ENGINE_CODES, OUTPUT_CODES, PES_CODES, RENDER_CODES, SIMULATE_CODES, SYSTEM_CODES, USAGE_CODES];
    const all = areas.flatMap((area) => Object.keys(area));
    expect(all.filter((code, i) => all.indexOf(code) !== i)).toEqual([]);
  });

  it('docs/codes-erreur.md is the catalogue as it stands (UPDATE_GOLDEN=1 regenerates it)', async () => {
    if (process.env.UPDATE_GOLDEN) await writeFile(DOC, catalogMarkdown());
    expect(await readFile(DOC, 'utf8')).toBe(catalogMarkdown());
  });
});
