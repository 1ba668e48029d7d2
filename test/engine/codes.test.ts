/** Every problem code the engine emits is catalogued with its French meaning and fix. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/errors/catalog.js';

const engineDir = fileURLToPath(new URL('../../src/engine/', import.meta.url));

describe('engine problem codes', () => {
  it('are all in the catalogue', () => {
    const emitted = new Set<string>();
    for (const file of readdirSync(engineDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(engineDir + file, 'utf8');
      for (const m of text.matchAll(/problem\(\s*'([A-Z0-9_]+)'/g)) emitted.add(m[1]);
    }
    expect(emitted.size).toBeGreaterThan(10);
    for (const code of emitted) {
      expect(CATALOG[code], code).toBeDefined();
    }
  });
});
