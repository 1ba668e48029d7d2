/**
 * The XML of PES files, written as text: a small element tree for one fragment at a time (the
 * header, a piece, a PJ, a PES_Facture) and its pretty-printed serialisation.
 *
 * The serialisation is byte for byte the one xmlbuilder2 wrote for these files before (issue 12:
 * the whole flux built as one xmlbuilder2 document took ~130 KB of objects per piece and ran out
 * of heap at national scale): two spaces per level, an element without children self-closed, an
 * element holding only text on one line, attributes in the order given, and the same escapes
 * (`&` unless it already starts an entity, `<`, `>`, and `"` in attributes). A flux is then a
 * sequence of such fragments between opening and closing tags (openTag, closeTag), which
 * build-pes-aller.ts yields one part at a time.
 *
 * The one writing convention of PES V2: every leaf value goes in a `V` attribute (leaf).
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="ISO-8859-1"?>';

const INDENT = '  ';

/** An `&` that does not start an entity or a character reference (xmlbuilder2's rule). */
const LONE_AMPERSAND = /&(?![A-Za-z]+;|#\d+;)/g;

function escapeText(text: string): string {
  return text.replace(LONE_AMPERSAND, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** One element of a fragment: its attributes and either child elements or one text. */
export class PesNode {
  private readonly attributes: [string, string][] = [];
  private readonly children: PesNode[] = [];
  private text: string | undefined;

  constructor(
    readonly name: string,
    private readonly namespace?: string,
  ) {}

  /** Appends a child element and returns it. */
  ele(name: string): PesNode {
    const child = new PesNode(name);
    this.children.push(child);
    return child;
  }

  att(name: string, value: string): this {
    this.attributes.push([name, value]);
    return this;
  }

  txt(text: string): this {
    this.text = (this.text ?? '') + text;
    return this;
  }

  /** The element and its descendants, each line indented by `depth` levels and ended by a newline. */
  render(depth: number): string {
    const parts: string[] = [];
    this.write(depth, parts);
    return parts.join('');
  }

  /** The children only, as render writes them: a fragment of a container written apart. */
  renderChildren(depth: number): string {
    const parts: string[] = [];
    for (const child of this.children) child.write(depth, parts);
    return parts.join('');
  }

  private write(depth: number, out: string[]): void {
    const indent = INDENT.repeat(depth);
    let start = `${indent}<${this.name}`;
    if (this.namespace !== undefined) start += ` xmlns:${this.name.split(':')[0]}="${escapeAttribute(this.namespace)}"`;
    for (const [name, value] of this.attributes) start += ` ${name}="${escapeAttribute(value)}"`;
    if (this.children.length === 0 && (this.text === undefined || this.text === '')) {
      out.push(`${start}/>\n`);
    } else if (this.children.length === 0) {
      out.push(`${start}>${escapeText(this.text ?? '')}</${this.name}>\n`);
    } else {
      out.push(`${start}>\n`);
      for (const child of this.children) child.write(depth + 1, out);
      out.push(`${indent}</${this.name}>\n`);
    }
  }
}

/** A root element in the namespace `namespace` under the prefix of `qualifiedName` (`n:PES_Aller`). */
export function rootElement(namespace: string, qualifiedName: string): PesNode {
  return new PesNode(qualifiedName, namespace);
}

/** A whole document: the declaration, then the root element. */
export function documentText(root: PesNode): string {
  return `${XML_DECLARATION}\n${root.render(0)}`;
}

/** The line that opens `<name>` at `depth` (a container whose children are written apart). */
export function openTag(name: string, depth: number, attributes = ''): string {
  return `${INDENT.repeat(depth)}<${name}${attributes}>\n`;
}

/** The line that closes `</name>` at `depth`. */
export function closeTag(name: string, depth: number): string {
  return `${INDENT.repeat(depth)}</${name}>\n`;
}

/** ` xmlns:n="…"` for openTag of a root element. */
export function namespaceAttribute(qualifiedName: string, namespace: string): string {
  return ` xmlns:${qualifiedName.split(':')[0]}="${escapeAttribute(namespace)}"`;
}

/** Appends `<name V="value"/>` to `parent`. */
export function leaf(parent: PesNode, name: string, value: string | number): void {
  parent.ele(name).att('V', String(value));
}

/** Appends `<name V="value"/>` only when `value` is a non-empty string. */
export function optionalLeaf(parent: PesNode, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') leaf(parent, name, value);
}
