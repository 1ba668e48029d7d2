/**
 * The XML of PES files, written by xmlbuilder2 (the project's rule: a well-kept library rather
 * than a hand-written serialiser) one fragment at a time: the header, a bordereau's head, a piece,
 * a PJ, each built as a small xmlbuilder2 fragment and serialised at its depth in the flux, then
 * let go (issue 12: the whole flux as one xmlbuilder2 document took ~130 KB of objects per piece
 * and ran out of heap at national scale). A fragment serialised with `offset` is, line for line,
 * what the whole pretty-printed document holds at that depth, so the flux's bytes are those of the
 * whole document.
 *
 * The containers whose children are streamed (n:PES_Aller, PES_RecetteAller, Bordereau, PES_PJ)
 * cannot be an xmlbuilder2 fragment left open: each is built with its head (Enveloppe and
 * EnTetePES, EnTeteRecette, BlocBordereau, EnTetePES_PJ), serialised whole, and its text split
 * before its closing tag (container); the streamed children are written between the two.
 *
 * The one writing convention of PES V2: every leaf value goes in a `V` attribute (leaf).
 */
import { create, fragment } from 'xmlbuilder2';

export type PesNode = ReturnType<typeof create>;

const ENCODING = 'ISO-8859-1';

/** Pretty-printed text of the document `builder` belongs to, at `depth` levels, each line ended by a newline (nothing when empty). */
function text(builder: PesNode, depth: number): string {
  const out = builder.end({ prettyPrint: true, offset: depth });
  return out === '' ? '' : `${out}\n`;
}

/** What `build` appends to a fragment, serialised at `depth` levels: the elements of the flux written apart. */
export function fragmentText(depth: number, build: (parent: PesNode) => void): string {
  const parent = fragment();
  build(parent);
  return text(parent, depth);
}

/** A root element `qualifiedName` in `namespace` (`n:PES_Aller`), of a document of its own. */
export function rootElement(namespace: string, qualifiedName: string): PesNode {
  return create({ version: '1.0', encoding: ENCODING }).ele(namespace, qualifiedName);
}

/** The whole document of `root` (rootElement): the XML declaration, then the root element. */
export function documentText(root: PesNode): string {
  return text(root, 0);
}

/** A container's text cut before its closing tag: its children are written between `open` and `close`. */
export interface ContainerText {
  open: string;
  close: string;
}

/**
 * The text of `whole` (one container serialised with its head: documentText or fragmentText)
 * split before its closing tag, the last line.
 */
export function container(whole: string): ContainerText {
  const cut = whole.lastIndexOf('\n', whole.length - 2) + 1;
  const close = whole.slice(cut);
  if (!/^ *<\/[^>]+>\n$/.test(close)) throw new Error(`not a container with children: ${close}`);
  return { open: whole.slice(0, cut), close };
}

/** Appends `<name V="value"/>` to `parent`. */
export function leaf(parent: PesNode, name: string, value: string | number): void {
  parent.ele(name).att('V', String(value));
}

/** Appends `<name V="value"/>` only when `value` is a non-empty string. */
export function optionalLeaf(parent: PesNode, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') leaf(parent, name, value);
}
