import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewPlan } from '../../src/apply/preview-plan.js';
import { fakeRenderer, makeDataset, makePlan, removeDir, snapshot, tempDir, titre } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('previewPlan', () => {
  it('renders every document and bordereau as an unnumbered preview, with no journal and no lock', async () => {
    const plan = makePlan([titre('69081', 'laclasse', '1210.00'), titre('69081', 'toodego', '800.00')]);
    const { files } = await previewPlan(plan, { dataset: makeDataset(), outDir: dir, renderer: fakeRenderer() });
    expect(files).toEqual([
      '2026/titres/laclasse/69081-ecully/projet-titre-2026-laclasse.pdf',
      '2026/titres/toodego/69081-ecully/projet-titre-2026-toodego.pdf',
      '2026/bordereaux/projet-bordereau-2026-titres-laclasse.pdf',
      '2026/bordereaux/projet-bordereau-2026-titres-laclasse.csv',
      '2026/bordereaux/projet-bordereau-2026-titres-toodego.pdf',
      '2026/bordereaux/projet-bordereau-2026-titres-toodego.csv',
    ]);
    expect([...(await snapshot(dir)).keys()].sort()).toEqual([...files].sort());
    expect(await readdir(dir)).toEqual(['2026']);
    const pdf = await readFile(join(dir, files[0]), 'utf8');
    expect(pdf).toContain('"numero":null');
    expect(pdf).toContain('"preview":true');
  });
});
