/**
 * Loads the templates folder once: wording of the titre, the corrections and the bordereau, and the layout.
 * Default folder: <repo>/templates, two levels above this module (src/render or dist/render).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TitresError } from '../errors/titres-error.js';
import { BORDEREAU_WORDING, type BordereauWordingKey } from './bordereau-wording.js';
import { CORRECTION_WORDING, type CorrectionWordingKey } from './correction-wording.js';
import { parseLayout, type Layout } from './layout.js';
import { TemplateTextError } from './template-text.js';
import { TITRE_WORDING, type TitreWordingKey } from './titre-wording.js';
import { compileWording, type Wording } from './wording.js';

export interface Templates {
  titre: Wording<TitreWordingKey>;
  correction: Wording<CorrectionWordingKey>;
  bordereau: Wording<BordereauWordingKey>;
  layout: Layout;
  /** Every character of the wording, sorted: the fonts' fixed glyph set holds them all. */
  alphabet: string;
}

/** Adds the characters of every string in `json` to `seen`. */
function collectCharacters(json: unknown, seen: Set<string>): void {
  if (typeof json === 'string') for (const ch of json) seen.add(ch);
  else if (Array.isArray(json)) for (const item of json) collectCharacters(item, seen);
  else if (typeof json === 'object' && json !== null) for (const value of Object.values(json)) collectCharacters(value, seen);
}

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url));

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new TitresError('data', [
      { code: 'TEMPLATE_MISSING', severity: 'error', file, message: `gabarit introuvable ou illisible « ${file} »` },
    ]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(file, `JSON mal formé (${(e as Error).message})`);
  }
}

function invalid(file: string, message: string): TitresError {
  return new TitresError('data', [{ code: 'TEMPLATE_INVALID', severity: 'error', file, message }]);
}

function compile<T>(file: string, build: (json: unknown) => T, seen?: Set<string>): T {
  const json = readJson(file);
  if (seen) collectCharacters(json, seen);
  try {
    return build(json);
  } catch (e) {
    if (e instanceof TemplateTextError) throw invalid(file, e.message);
    throw e;
  }
}

export function loadTemplates(dir: string = DEFAULT_TEMPLATES_DIR): Templates {
  const titreFile = join(dir, 'titre.fr.json');
  const correctionFile = join(dir, 'correction.fr.json');
  const bordereauFile = join(dir, 'bordereau.fr.json');
  const layoutFile = join(dir, 'layout.json');
  const seen = new Set<string>();
  return {
    titre: compile(titreFile, (json) => compileWording(TITRE_WORDING, json, 'titre.fr.json'), seen),
    correction: compile(correctionFile, (json) => compileWording(CORRECTION_WORDING, json, 'correction.fr.json'), seen),
    bordereau: compile(bordereauFile, (json) => compileWording(BORDEREAU_WORDING, json, 'bordereau.fr.json'), seen),
    layout: compile(layoutFile, (json) => parseLayout(json, 'layout.json')),
    alphabet: [...seen].filter((ch) => ch >= ' ').sort().join(''),
  };
}
