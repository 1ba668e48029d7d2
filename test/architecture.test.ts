/**
 * The house rules of src/ (issue 15), checked on the source itself:
 * - folders only import downhill: cli → report → apply, simulate → verify → io → charts →
 *   render, pes → engine → errors (a folder may import its own files and any lower folder);
 * - no import cycle between modules (value imports; a type import leaves nothing at run time);
 * - few confetti: a file under 25 lines is a real unit on its own, at most a dozen of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Height of each folder of src: an import goes to a strictly lower folder, or stays in its own. */
const HEIGHT: Record<string, number> = {
  cli: 9,
  report: 8,
  apply: 7,
  simulate: 7,
  verify: 6,
  io: 5,
  charts: 4,
  render: 3,
  pes: 3,
  engine: 2,
  errors: 1,
};

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split('\\').join('/'));

function edges(): Edge[] {
  const found: Edge[] = [];
  const statement = /^import (type )?[^;]*? from '(\.[^']+)\.js';/gms;
  for (const from of files) {
    const text = readFileSync(join(SRC, from), 'utf8');
    for (const m of text.matchAll(statement)) {
      const to = relative(SRC, normalize(join(SRC, dirname(from), `${m[2]}.ts`))).split('\\').join('/');
      found.push({ from, to, typeOnly: m[1] !== undefined });
    }
  }
  return found;
}

const folder = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

describe('the shape of src/', () => {
  const all = edges();

  it('has every folder placed in the order of imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...new Set(files.map(folder))].filter((f) => f !== '' && !(f in HEIGHT))).toEqual([]);
  });

  it('imports only downhill, or within a folder', () => {
    const uphill = all
      .filter((e) => folder(e.from) !== folder(e.to) && folder(e.from) in HEIGHT && HEIGHT[folder(e.to)] >= HEIGHT[folder(e.from)])
      .map((e) => `${e.from} → ${e.to}`);
    expect(uphill).toEqual([]);
  });

  it('has no cycle of value imports', () => {
    const next = new Map<string, string[]>();
    for (const e of all) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const to of next.get(file) ?? []) {
        if (state.get(to) === 'open') cycles.push([...path.slice(path.indexOf(to)), to].join(' → '));
        else if (!state.has(to)) visit(to, [...path, to]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
  });

  it('keeps at most a dozen files under 25 lines', () => {
    const small = files.filter((f) => readFileSync(join(SRC, f), 'utf8').split('\n').length - 1 < 25);
    expect(small.length, small.join(', ')).toBeLessThanOrEqual(12);
  });
});
