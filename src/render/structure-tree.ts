/**
 * The tagged structure of a document (PDF/UA, PDF/A): its Document element, the elements under it
 * (paragraphs, headings, figures; tables of rows of cells), the marked contents of each page's
 * content stream that they own, and the parent tree that maps each page's marked contents back to
 * them; decorations are marked as artifacts.
 *
 * Written here rather than by pdfkit's structure elements (PDFStructureElement, markStructureContent
 * and markContent of its MarkingsMixin), whose every element held a PDFReference, its children, a
 * closure, a PDFStructureContent with its refs array, the page's marking ({ ...options, mcid }) and
 * its dictionary's data, converted by PDFObject.convert when written: some 70 elements a titre, a
 * quarter of what rendering a titre allocated (alloc-profile: 902 KB a titre, 653 KB with this
 * writer; instructions a titre under cachegrind, 16.2-17.2 M, 12.5-12.9 M with it). Here an
 * element is its object number: it is printed as pdfkit 0.20 prints it, when pdfkit would write
 * it, and nothing of it is kept but its number in its parent's list of children and in its page's
 * entry of the parent tree. Byte for byte the file pdfkit 0.20 writes:
 * - object numbers taken in pdfkit's order (PDFDocument#ref: the next entry of _offsets): an
 *   element's when it is created, a row's cells then the row, before the cells are drawn;
 * - an element written when pdfkit's would be flushed: a leaf once its content is drawn, a row once
 *   its cells are, a table when it ends, the Document when the frame ends; its dictionary printed
 *   as PDFObject.convert prints it, keys in pdfkit's order (S, A or Alt, P, K, Pg), and written as
 *   PDFReference#finalize writes it: « n 0 obj », the dictionary, « endobj », each followed by a
 *   newline, here in one write of the document (the same bytes, the same offset for _refEnd);
 * - the content stream's « /Tag <</MCID n>> BDC » … « EMC » (the dictionary as convert prints it),
 *   « /Artifact BMC » … « EMC »; a page's StructParents taken by pdfkit's own getter when its first
 *   marked content is drawn, its entry of pdfkit's parent tree (a PDFNumberTree, which the
 *   StructTreeRoot prints when the document ends) set as the text convert prints for the elements'
 *   references once the page is left.
 * Marked contents do not nest (pdfkit would close the open ones first): our frames draw decorations
 * and tagged contents one after the other, and break pages outside them (page-frame.ts), so pdfkit's
 * page markings, which it closes at the end of a page and reopens on the next, stay empty.
 */
import { printedAs } from './printed-reference.js';

/** What the writer reads and calls of a pdfkit document (pdfkit 0.20). */
interface DocumentInternals {
  _offsets: unknown[];
  _waiting: number;
  _offset: number;
  _write(text: string): void;
  _refEnd(reference: { id: number; offset: number }): void;
  _root: { data: { StructTreeRoot?: StructTreeRoot } };
  page: PageInternals;
  addContent(operator: string): unknown;
  ref(data: Record<string, unknown>): { id: number; data: Record<string, unknown>; end(): void };
}

interface StructTreeRoot {
  id: number;
  data: { K?: unknown[]; ParentTree: { add(key: number, value: unknown): void } };
}

interface PageInternals {
  dictionary: { id: number };
  /** The page's key in the parent tree, taken (and its entry added) on first use. */
  readonly structParentTreeKey: number;
}

/** How an element of a type is printed: its marked content's operator, and its dictionary up to its parent. */
interface Printed {
  /** « /Tag <</MCID », before the MCID. */
  readonly marked: string;
  /** « <</S /Tag », a table heading's A, then « /P », before the parent. */
  readonly head: string;
}

function printing(tag: string, attributes = ''): Printed {
  return { marked: `/${tag} <<\n/MCID `, head: `<<\n/S /${tag}${attributes}\n/P ` };
}

/** Printing of the types of the elements tagged so far (a dozen). */
const types = new Map<string, Printed>();

function printingOf(type: string): Printed {
  let printed = types.get(type);
  if (printed === undefined) types.set(type, (printed = printing(type)));
  return printed;
}

/** A table cell: a data cell, a column's heading, a row's heading (PDF/UA: every TH has a scope). */
export type TableCell = 'TD' | 'ColumnHeading' | 'RowHeading';

const CELLS: Record<TableCell, Printed> = {
  TD: printing('TD'),
  ColumnHeading: printing('TH', '\n/A <<\n/O /Table\n/Scope /Column\n>>'),
  RowHeading: printing('TH', '\n/A <<\n/O /Table\n/Scope /Row\n>>'),
};

/** The references to objects `ids`, as convert prints the items of an array: « n 0 R » joined by spaces. */
function references(ids: readonly number[]): string {
  return ids.length === 0 ? '' : `${ids.join(' 0 R ')} 0 R`;
}

/** What is open in the content stream: nothing, an artifact, a leaf's marked content. */
type Open = 'nothing' | 'artifact' | 'leaf';

export class StructureTree {
  private readonly doc: DocumentInternals;
  private readonly treeRoot: StructTreeRoot;
  /** The Document element's object number, and its children's. */
  private readonly root: number;
  private readonly children: number[] = [];
  /** The page whose marked contents `marks` lists (element of each, by MCID), its key and object number. */
  private page: PageInternals | undefined;
  private pageKey = 0;
  private pageId = 0;
  private marks: number[] = [];
  /** What is open (marked contents do not nest), and the open leaf: its number, printing, parent and MCID. */
  private opened: Open = 'nothing';
  private leaf = 0;
  private leafPrinted: Printed = CELLS.TD;
  private leafParent = 0;
  private leafMcid = 0;
  /** What _refEnd reads of a written object, reused. */
  private readonly written = { id: 0, offset: 0 };

  /** The Document element, child of the StructTreeRoot (pdfkit's struct('Document') and addStructure). */
  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc as unknown as DocumentInternals;
    const treeRoot = this.doc._root.data.StructTreeRoot;
    if (treeRoot === undefined) throw new Error('the structure tree of an untagged document');
    this.treeRoot = treeRoot;
    this.root = this.element();
    treeRoot.data.K = [printedAs(`${this.root} 0 R`)];
  }

  /**
   * Opens an element of type `type` under the Document: what is drawn until close() is its
   * content (pdfkit's struct(type, {}, draw) added to the Document, without the closure).
   */
  open(type: string): void {
    const id = this.element();
    this.children.push(id);
    this.mark(id, printingOf(type), this.root);
  }

  /** Closes the open element's content, and writes the element. */
  close(): void {
    if (this.opened !== 'leaf') throw new Error('no open element');
    this.unmark();
    const { leaf, leafPrinted, leafParent, leafMcid } = this;
    this.write(leaf, `${leaf} 0 obj\n${leafPrinted.head}${leafParent} 0 R\n/K [${leafMcid}]\n/Pg ${this.pageId} 0 R\n>>\nendobj`);
  }

  /**
   * An element of type `type` under the Document, whose content `draw` paints now; `alt`, its
   * alternative text (a figure). An element with a text string is printed by pdfkit's own
   * reference (a PDF text string: PDFDocEncoding or UTF-16, escaped), numbered and written when
   * pdfkit would.
   */
  tag(type: string, draw: () => void, alt?: string): void {
    if (alt === undefined) {
      this.open(type);
      draw();
      this.close();
      return;
    }
    const element = this.doc.ref({ S: type, Alt: new String(alt) });
    this.children.push(element.id);
    this.mark(element.id, printingOf(type), this.root);
    draw();
    this.unmark();
    Object.assign(element.data, { P: printedAs(`${this.root} 0 R`), K: [this.leafMcid], Pg: printedAs(`${this.pageId} 0 R`) });
    element.end();
  }

  /** A table under the Document. */
  table(): StructureTable {
    const id = this.element();
    this.children.push(id);
    return new StructureTable(this, id);
  }

  /** Decoration (rules, backgrounds, footer, watermark): marked as an artifact, not content. */
  artifact(draw: () => void): void {
    this.opening('artifact');
    this.doc.addContent('/Artifact BMC');
    draw();
    this.unmark();
  }

  /** The last page's entry of the parent tree, and the Document element. */
  end(): void {
    this.pageDone();
    this.write(this.root, `${this.root} 0 obj\n<<\n/S /Document\n/P ${this.treeRoot.id} 0 R\n/K [${references(this.children)}]\n>>\nendobj`);
  }

  /**
   * A row of `table` (object `table`) whose cells are `cells`, each painted by `paint(i)`: the
   * cells' numbers, then the row's, then each cell drawn and written, then the row; returns the
   * row's number.
   */
  row(table: number, cells: readonly TableCell[], paint: (cell: number) => void): number {
    const first = this.element();
    for (let i = 1; i < cells.length; i++) this.element();
    const row = this.element();
    for (let i = 0; i < cells.length; i++) {
      this.mark(first + i, CELLS[cells[i]], row);
      paint(i);
      this.close();
    }
    let kids = `${first} 0 R`;
    for (let i = 1; i < cells.length; i++) kids += ` ${first + i} 0 R`;
    this.write(row, `${row} 0 obj\n<<\n/S /TR\n/P ${table} 0 R\n/K [${kids}]\n>>\nendobj`);
    return row;
  }

  /** Writes a grouping element: `type`, under the Document, with children `ids` (a table's rows). */
  group(id: number, type: string, ids: readonly number[]): void {
    this.write(id, `${id} 0 obj\n<<\n/S /${type}\n/P ${this.root} 0 R\n/K [${references(ids)}]\n>>\nendobj`);
  }

  /** An object number, taken as PDFDocument#ref takes it. */
  private element(): number {
    const doc = this.doc;
    doc._waiting++;
    return doc._offsets.push(null);
  }

  /** Opens the marked content of leaf `id` (printed as `printed`, child of `parent`) on the current page. */
  private mark(id: number, printed: Printed, parent: number): void {
    const page = this.doc.page;
    if (page !== this.page) {
      this.pageDone();
      this.page = page;
      this.pageKey = page.structParentTreeKey;
      this.pageId = page.dictionary.id;
    }
    this.opening('leaf');
    const mcid = this.marks.length;
    this.marks.push(id);
    this.leaf = id;
    this.leafPrinted = printed;
    this.leafParent = parent;
    this.leafMcid = mcid;
    this.doc.addContent(`${printed.marked}${mcid}\n>> BDC`);
  }

  private opening(open: Open): void {
    if (this.opened !== 'nothing') throw new Error('marked contents do not nest');
    this.opened = open;
  }

  private unmark(): void {
    this.opened = 'nothing';
    this.doc.addContent('EMC');
  }

  /** The page left behind: its entry of the parent tree, the references of its marked contents' elements. */
  private pageDone(): void {
    if (this.page === undefined) return;
    this.treeRoot.data.ParentTree.add(this.pageKey, printedAs(`[${references(this.marks)}]`));
    this.page = undefined;
    this.marks = [];
  }

  /** Writes object `id`, its text `object` (« n 0 obj », its dictionary, « endobj »), as PDFReference#finalize writes it. */
  private write(id: number, object: string): void {
    const { doc, written } = this;
    written.id = id;
    written.offset = doc._offset;
    doc._write(object);
    doc._refEnd(written);
  }
}

/**
 * A table: its rows, written as they are drawn, kept as their object numbers alone (a bordereau's
 * 35 000 lines: flat memory), printed in the table's dictionary when it ends.
 */
export class StructureTable {
  private readonly rows: number[] = [];

  constructor(
    private readonly tree: StructureTree,
    private readonly id: number,
  ) {}

  /** A row whose cells are `cells`, each painted by `paint(i)`. */
  row(cells: readonly TableCell[], paint: (cell: number) => void): void {
    this.rows.push(this.tree.row(this.id, cells, paint));
  }

  end(): void {
    this.tree.group(this.id, 'Table', this.rows);
  }
}
