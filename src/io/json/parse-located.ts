/**
 * JSON (RFC 8259) with each value's line and column, so that config problems point at the value.
 * The parsing is jsonc-parser's (Microsoft's, the VS Code JSON parser: offsets for every node, all
 * syntax errors with their offset), in strict JSON mode: no comments, no trailing comma. This module
 * only turns offsets into lines and columns and the error codes into French.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JsonEntry, JsonNode } from './json-node.js';

/** A JSON syntax error at a line and column (1-based), with a French reason. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const EXPECTED: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  ValueExpected: 'une valeur est attendue',
  PropertyNameExpected: 'un nom de clé entre guillemets est attendu (virgule en trop ?)',
  ColonExpected: '« : » attendu',
  CommaExpected: '« , » attendue',
  CloseBraceExpected: '« } » attendue',
  CloseBracketExpected: '« ] » attendu',
  EndOfFileExpected: 'fin du document attendue',
  InvalidNumberFormat: 'nombre invalide',
  InvalidSymbol: 'symbole invalide',
  InvalidCommentToken: 'commentaire interdit en JSON',
  UnexpectedEndOfComment: 'commentaire interdit en JSON',
  UnexpectedEndOfNumber: 'nombre incomplet',
  InvalidUnicode: 'séquence \\u invalide',
  InvalidEscapeCharacter: 'séquence d’échappement invalide',
  InvalidCharacter: 'caractère de contrôle interdit dans une chaîne (guillemet fermant manquant ?)',
};

/** Line and column (1-based) of each offset of `text`. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

function reason(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  if (code === 'UnexpectedEndOfString') return 'chaîne non terminée (guillemet fermant manquant ?)';
  const what = EXPECTED[code] ?? 'syntaxe invalide';
  if (error.offset >= text.length) return `fin de fichier inattendue : ${what}`;
  return `caractère inattendu « ${text.slice(error.offset, error.offset + Math.max(1, Math.min(error.length, 10)))} » : ${what}`;
}

export function parseLocatedJson(input: string): JsonNode {
  const text = input.replace(/^\uFEFF/, '');
  const at = positions(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0] ?? { error: 4, offset: text.length, length: 0 };
    const { line, column } = at(first.offset);
    throw new JsonSyntaxError(line, column, reason(first, text));
  }
  const convert = (node: Node): JsonNode => {
    const where = at(node.offset);
    switch (node.type) {
      case 'object': {
        const entries: JsonEntry[] = (node.children ?? []).map((property) => {
          const [key, value] = property.children ?? [];
          return { key: key.value as string, keyAt: at(key.offset), value: convert(value) };
        });
        return { ...where, kind: 'object', entries };
      }
      case 'array':
        return { ...where, kind: 'array', items: (node.children ?? []).map(convert) };
      case 'string':
        return { ...where, kind: 'string', value: node.value as string };
      case 'number':
        return { ...where, kind: 'number', value: node.value as number, raw: text.slice(node.offset, node.offset + node.length) };
      case 'boolean':
        return { ...where, kind: 'boolean', value: node.value as boolean };
      default:
        return { ...where, kind: 'null' };
    }
  };
  return convert(root);
}
