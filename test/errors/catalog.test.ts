import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/errors/catalog.js';
import { catalogMarkdown } from '../../src/errors/catalog-markdown.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/codes-erreur.md');

describe('catalogue of problem codes', () => {
  it('gives every code a meaning and a fix in French', () => {
    for (const [code, entry] of Object.entries(CATALOG)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.sens.length, code).toBeGreaterThan(10);
      expect(entry.correction.length, code).toBeGreaterThan(5);
    }
  });

  it('docs/codes-erreur.md is the catalogue as it stands (UPDATE_GOLDEN=1 regenerates it)', async () => {
    if (process.env.UPDATE_GOLDEN) await writeFile(DOC, catalogMarkdown());
    expect(await readFile(DOC, 'utf8')).toBe(catalogMarkdown());
  });
});
