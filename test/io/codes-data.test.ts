import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA_CODES } from '../../src/errors/codes-data.js';

const IO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/io');
const NOT_MINE = /^(journal.*|bordereau-.*|chain|chained-register|file-registers|atomic-write|lock|csv-write|csv-checks|ledger-.*|pool|walk|output-.*)\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !(dir === IO && NOT_MINE.test(name)) ? [full] : [];
  });
}

describe('data problem codes', () => {
  // The compiler checks that every code is catalogued (ProblemCode); this checks it is filed under the data area.
  it('files every code the dataset readers emit under the data area, with French meaning and fix', () => {
    const emitted = new Set<string>();
    for (const file of sources(IO)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:problem|add|fail)\(\s*'([A-Z][A-Z0-9_]+)'/g)) emitted.add(m[1]);
    }
    expect(emitted.size).toBeGreaterThan(40);
    for (const code of emitted) {
      expect(Object.hasOwn(DATA_CODES, code), code).toBe(true);
    }
    for (const entry of Object.values(DATA_CODES)) {
      expect(entry.sens.length).toBeGreaterThan(10);
      expect(entry.correction.length).toBeGreaterThan(10);
    }
  });
});
