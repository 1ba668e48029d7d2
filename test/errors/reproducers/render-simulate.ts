/** Reproducers of the document templates' problems (codes-render.ts) and of `titres simulate` (codes-simulate.ts). */
import { cp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RENDER_CODES } from '../../../src/errors/codes-render.js';
import type { SIMULATE_CODES } from '../../../src/errors/codes-simulate.js';
import { DEFAULT_TEMPLATES_DIR, loadTemplates } from '../../../src/render/templates.js';
import { cli, dataset, problemsOf, reproducer, scratch, type Reproducers } from './harness.js';

/** A copy of templates/ with `file` rewritten (or removed, with null), loaded. */
async function templates(file: string, text: string | null) {
  const dir = await scratch();
  await cp(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  if (text === null) await rm(path.join(dir, file));
  else await writeFile(path.join(dir, file), text);
  return problemsOf(() => void loadTemplates(dir));
}

/** `titres simulate` on the minimal dataset with these options. */
const simulate = async (...options: string[]) => cli(['simulate', '--data', await dataset(), ...options]);

export const RENDER_SIMULATE_REPRODUCERS = {
  TEMPLATE_MISSING: reproducer('titre.fr.json', () => templates('titre.fr.json', null)),
  TEMPLATE_INVALID: reproducer('layout.json', () => templates('layout.json', '{ "marges": ')),
  SIMULATION_PERIODE_INVALIDE: reproducer('', () => simulate('--from', '2031', '--to', '2026')),
  TAUX_INVALIDE: reproducer('', () => simulate('--from', '2026', '--to', '2027', '--indice', '150%')),
} satisfies Reproducers<typeof RENDER_CODES & typeof SIMULATE_CODES>;
