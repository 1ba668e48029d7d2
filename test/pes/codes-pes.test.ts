import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { PES_CODES } from '../../src/errors/codes-pes.js';

const dir = new URL('../../src/pes/', import.meta.url);
const emitted = new Set(
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/problem\(\s*'([A-Z_]+)'/g)].map((m) => m[1])),
);

test('every code emitted by src/pes is catalogued, and every catalogued code is emitted', () => {
  expect(emitted.size).toBeGreaterThan(10);
  expect([...emitted].sort()).toEqual(Object.keys(PES_CODES).sort());
});

test('every entry has a French meaning and correction', () => {
  for (const entry of Object.values(PES_CODES)) {
    expect(entry.sens.length).toBeGreaterThan(20);
    expect(entry.correction.length).toBeGreaterThan(20);
  }
});
