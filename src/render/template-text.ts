/**
 * Wording with {placeholders}, compiled once when the templates are loaded so that filling a
 * text for each of 70 000 titres is a mere join.
 */

/** Literal parts at even indices, placeholder names at odd indices. */
export type CompiledText = readonly string[];

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export class TemplateTextError extends Error {}

/** Splits "Titre n° {numero}" into ["Titre n° ", "numero", ""]; rejects stray braces. */
export function compileText(text: string, where: string): CompiledText {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, m.index), m[1]);
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  for (let i = 0; i < parts.length; i += 2) {
    if (/[{}]/.test(parts[i])) throw new TemplateTextError(`${where} : accolade isolée dans « ${text} »`);
  }
  return parts;
}

/** The placeholder names a compiled text uses. */
export function placeholdersOf(text: CompiledText): string[] {
  return text.filter((_, i) => i % 2 === 1);
}

/** Fills the placeholders; a placeholder without a value is a programming or template error. */
export function fillText(text: CompiledText, values: Readonly<Record<string, string>>, where: string): string {
  if (text.length === 1) return text[0];
  let out = text[0];
  for (let i = 1; i < text.length; i += 2) {
    const value = values[text[i]];
    if (value === undefined) throw new TemplateTextError(`${where} : valeur inconnue {${text[i]}}`);
    out += value + text[i + 1];
  }
  return out;
}
