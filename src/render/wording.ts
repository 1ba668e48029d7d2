/**
 * Document wording loaded from templates/*.json (finance may edit it). A spec in code lists every
 * text and the placeholders it may use; loading checks the file against it once, so that a typo
 * in a template fails before the first document, not in the middle of a batch.
 */
import { compileText, fillText, placeholdersOf, TemplateTextError, type CompiledText } from './template-text.js';

/** Nested object whose leaves are the placeholders allowed in that text. */
export interface WordingSpec {
  readonly [key: string]: readonly string[] | WordingSpec;
}

/** Dotted paths of a spec's leaves: "header.numero". */
export type WordingKey<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends readonly string[] ? `${P}${K}` : WordingKey<T[K], `${P}${K}.`>;
}[keyof T & string];

export class Wording<K extends string> {
  constructor(
    private readonly file: string,
    private readonly texts: ReadonlyMap<string, CompiledText>,
  ) {}

  /** The text of `key`, its placeholders filled from `values`. */
  text(key: K, values: Readonly<Record<string, string>> = {}): string {
    const compiled = this.texts.get(key);
    if (compiled === undefined) throw new TemplateTextError(`${this.file} : texte « ${key} » absent`);
    return fillText(compiled, values, `${this.file} (${key})`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collect(spec: WordingSpec, json: unknown, prefix: string, file: string, out: Map<string, CompiledText>): void {
  if (!isPlainObject(json)) throw new TemplateTextError(`${file} : « ${prefix || '(racine)'} » doit être un objet`);
  for (const [key, sub] of Object.entries(spec)) {
    const path = prefix + key;
    const value = json[key];
    if (Array.isArray(sub)) {
      if (typeof value !== 'string') throw new TemplateTextError(`${file} : texte « ${path} » absent ou non textuel`);
      const compiled = compileText(value, `${file} (${path})`);
      for (const name of placeholdersOf(compiled)) {
        if (!sub.includes(name)) {
          const allowed = sub.length === 0 ? 'aucun' : sub.map((s) => `{${s}}`).join(', ');
          throw new TemplateTextError(`${file} (${path}) : {${name}} inconnu ; possibles : ${allowed}`);
        }
      }
      out.set(path, compiled);
    } else {
      collect(sub as WordingSpec, value, path + '.', file, out);
    }
  }
}

/** Checks `json` (parsed from `file`) against `spec` and compiles every text. */
export function compileWording<S extends WordingSpec>(spec: S, json: unknown, file: string): Wording<WordingKey<S>> {
  const texts = new Map<string, CompiledText>();
  collect(spec, json, '', file, texts);
  return new Wording(file, texts);
}
