/**
 * Limits on every text the tool reads (CSV cells, config.json strings): no control character and a
 * bounded length. Control characters (NUL, CR, LF, TAB…, the C1 set, line separators and the
 * bidirectional overrides that make a name read otherwise than it is) would be copied, unseen,
 * into titres, registers and the PES flow.
 */
import type { ProblemCode } from '../../errors/catalog.js';

/** Any cell or string (the Syntec series' `source` column holds a sentence and two URLs). */
export const MAX_TEXT_LENGTH = 1000;
/** A name, a town, an address line: the longest French commune name has 45 characters. */
export const MAX_NAME_LENGTH = 100;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const NAMES: Record<number, string> = {
  0x00: 'caractère nul',
  0x09: 'tabulation',
  0x0a: 'saut de ligne',
  0x0d: 'retour chariot',
  0x1b: 'échappement',
  0x7f: 'suppression',
  0x2028: 'séparateur de ligne',
  0x2029: 'séparateur de paragraphe',
};

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text as a message quotes it: control characters shown as ⟨U+000A⟩, cut after 40 characters. */
export function preview(text: string): string {
  const cut = text.length > 40 ? text.slice(0, 40) + '…' : text;
  return cut.replace(new RegExp(CONTROL.source, 'g'), (ch) => `⟨${codePoint(ch.charCodeAt(0))}⟩`);
}

/** The problem of a text (control character, or longer than `max`), or undefined. */
export function textProblem(text: string, max: number = MAX_TEXT_LENGTH): { code: ProblemCode; message: string } | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const c = control[0].charCodeAt(0);
    const name = NAMES[c] ? ` (${NAMES[c]})` : '';
    return {
      code: 'CONTROL_CHARACTER',
      message: `caractère de contrôle ${codePoint(c)}${name} en position ${control.index + 1} de « ${preview(text)} » : le retirer (il serait recopié, invisible, dans les titres et les registres)`,
    };
  }
  if (text.length > max) {
    return { code: 'TEXT_TOO_LONG', message: `texte de ${text.length} caractères « ${preview(text)} » : ${max} au plus` };
  }
  return undefined;
}
