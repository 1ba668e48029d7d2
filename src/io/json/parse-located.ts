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

/**
 * Parses JSON (RFC 8259) keeping each value's position. JSON.parse's messages on Node 20 carry no
 * position, so the config reader uses this parser to point at the bad character.
 */
export function parseLocatedJson(text: string): JsonNode {
  const p = new Parser(text.replace(/^\uFEFF/, ''));
  p.space();
  const node = p.value();
  p.space();
  if (!p.done()) p.fail(`caractère inattendu « ${p.peek()} » après la fin du document`);
  return node;
}

class Parser {
  private i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  peek(): string {
    return this.s[this.i] ?? '';
  }

  fail(reason: string): never {
    throw new JsonSyntaxError(this.line, this.i - this.lineStart + 1, reason);
  }

  private at() {
    return { line: this.line, column: this.i - this.lineStart + 1 };
  }

  space(): void {
    while (!this.done()) {
      const c = this.s[this.i];
      if (c === '\n') {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else break;
    }
  }

  value(): JsonNode {
    if (this.done()) this.fail('fin de fichier inattendue : une valeur est attendue');
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { ...this.at(), kind: 'string', value: this.string() };
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        const at = this.at();
        this.i += word.length;
        return { ...at, ...node } as JsonNode;
      }
    }
    return this.fail(`caractère inattendu « ${c} » : une valeur est attendue`);
  }

  private expect(ch: string, what: string): void {
    if (this.peek() !== ch) {
      this.fail(this.done() ? `fin de fichier inattendue : ${what} attendu` : `caractère inattendu « ${this.peek()} » : ${what} attendu`);
    }
    this.i++;
  }

  private object(): JsonNode {
    const at = this.at();
    this.i++;
    const entries: JsonEntry[] = [];
    this.space();
    if (this.peek() === '}') {
      this.i++;
      return { ...at, kind: 'object', entries };
    }
    for (;;) {
      this.space();
      const keyAt = this.at();
      if (this.peek() !== '"') this.expect('"', 'un nom de clé entre guillemets');
      const key = this.string();
      this.space();
      this.expect(':', '« : »');
      this.space();
      entries.push({ key, keyAt, value: this.value() });
      this.space();
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      this.expect('}', '« , » ou « } »');
      return { ...at, kind: 'object', entries };
    }
  }

  private array(): JsonNode {
    const at = this.at();
    this.i++;
    const items: JsonNode[] = [];
    this.space();
    if (this.peek() === ']') {
      this.i++;
      return { ...at, kind: 'array', items };
    }
    for (;;) {
      this.space();
      items.push(this.value());
      this.space();
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      this.expect(']', '« , » ou « ] »');
      return { ...at, kind: 'array', items };
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.done()) this.fail('fin de fichier inattendue : chaîne non terminée');
      const c = this.s[this.i];
      if (c === '"') break;
      if (c === '\n' || c < ' ') this.fail('chaîne non terminée sur sa ligne (guillemet fermant manquant ?)');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else this.fail(`séquence d'échappement invalide « \\${e ?? ''} »`);
        continue;
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  private number(): JsonNode {
    const at = this.at();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.fail(`nombre invalide « ${this.s.slice(this.i, this.i + 10)} »`);
    this.i += m[0].length;
    return { ...at, kind: 'number', value: Number(m[0]), raw: m[0] };
  }
}
