/**
 * The table of a bordereau's lines: single-line rows of fixed height, each cell measured once and
 * drawn without pdfkit's line wrapper, so that 35 000 lines stay linear.
 *
 * Tagging (PDF/UA, issue 11): a Table whose heading row is TH cells with /Scope /Column (repeated
 * headings on continuation pages are artifacts), and one TR of TD cells per line. An element per
 * cell costs one PDF object per cell (a 35 000-line bordereau measured 20.8 MB instead of 5.8 MB
 * with one element per row), the price of a table a screen reader can navigate.
 */
import type { PageFrame, TextStyle } from './page-frame.js';
import { printedAs, referencePrototype } from './printed-reference.js';

export interface Column<L> {
  heading: string;
  /** 0 = takes the width left by the other columns. */
  width: number;
  align: 'left' | 'right';
  value: (line: L) => string;
}

export class BordereauTable<L> {
  private readonly element: PDFKit.PDFStructureElement;
  private readonly written: WrittenStructure;
  private readonly widths: number[];

  constructor(
    private readonly frame: PageFrame,
    private readonly columns: readonly Column<L>[],
  ) {
    const fixed = columns.reduce((s, c) => s + c.width, 0);
    this.widths = columns.map((c) => (c.width === 0 ? frame.width - fixed : c.width));
    this.element = frame.doc.struct('Table');
    frame.add(this.element);
    this.written = new WrittenStructure(frame.doc, this.element);
  }

  private get rowHeight(): number {
    return this.frame.layout.bordereau.rowHeight;
  }

  private headed = false;

  /** The column headings on a tinted band (at the start, and as an artifact on every continuation page). */
  header(): void {
    const { frame } = this;
    const { layout } = frame;
    const y = frame.y;
    frame.box(frame.left, y, frame.width, this.rowHeight + 2, layout.color.tableHeader);
    const style = { bold: true, size: layout.fontSize.table, color: layout.color.accent };
    const texts = this.columns.map((c) => c.heading);
    if (this.headed) frame.artifact(() => this.draw(texts, style, y + 1));
    else this.row(texts, style, y + 1, 'TH');
    this.headed = true;
    frame.y = y + this.rowHeight + 2;
  }

  /** One line; `index` stripes every other row. */
  line(line: L, index: number): void {
    const { frame } = this;
    frame.ensure(this.rowHeight); // a new page repeats the header (PageFrame's onContinuation)
    const y = frame.y;
    if (index % 2 === 1) frame.box(frame.left, y, frame.width, this.rowHeight, frame.layout.color.tableStripe);
    this.row(this.columns.map((c) => c.value(line)), { size: frame.layout.fontSize.table }, y);
    frame.y = y + this.rowHeight;
  }

  end(): void {
    this.element.end();
    this.frame.rule(this.frame.y);
  }

  private row(texts: string[], style: TextStyle, y: number, cell: 'TH' | 'TD' = 'TD'): void {
    const { doc } = this.frame;
    const cells: PDFKit.PDFStructureElement[] = [];
    this.draw(texts, style, y, (i, paint) => {
      const element = doc.struct(cell, {}, paint);
      if (cell === 'TH') (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = { O: 'Table', Scope: 'Column' };
      cells.push(element);
    });
    const tr = doc.struct('TR', {}, cells);
    this.element.add(tr);
    this.written.rowAdded(tr);
  }

  /** Paints each cell, through `wrap` when given (which tags it). */
  private draw(texts: string[], style: TextStyle, y: number, wrap?: (i: number, paint: () => void) => void): void {
    const { frame } = this;
    const { doc } = frame;
    const pad = frame.layout.spacing.cellPadding;
    const baseline = y + (this.rowHeight - style.size) / 2 - 1;
    let x = frame.left;
    this.columns.forEach((column, i) => {
      const room = this.widths[i] - 2 * pad;
      const left = x;
      const paint = (): void => {
        frame.style(style);
        let text = texts[i];
        if (text === '') return;
        let width = doc.widthOfString(text);
        if (width > room) [text, width] = shorten(doc, text, room);
        doc.text(text, column.align === 'right' ? left + pad + room - width : left + pad, baseline, { lineBreak: false });
      };
      if (wrap) wrap(i, paint);
      else paint();
      x += this.widths[i];
    });
  }
}

/** Cuts `text` with an ellipsis to fit `room` (rare: a very long commune name). */
function shorten(doc: PDFKit.PDFDocument, text: string, room: number): [string, number] {
  let cut = text;
  let width = doc.widthOfString(cut + '…');
  while (cut.length > 1 && width > room) {
    cut = cut.slice(0, -1);
    width = doc.widthOfString(cut + '…');
  }
  return [cut + '…', width];
}

/** What the written structure needs of pdfkit's objects (pdfkit 0.20). */
interface ElementInternals {
  dictionary: { id: number; gen: number; data: Record<string, unknown> };
  _flushed?: boolean;
  _children: unknown[];
}

interface TaggedDocument {
  page: { dictionary: { data: { StructParents?: number } } };
  getStructParentTree(): { get(key: number): unknown; add(key: number, value: unknown): void };
}

const internals = (element: PDFKit.PDFStructureElement): ElementInternals => element as unknown as ElementInternals;

/**
 * What pdfkit keeps of a bordereau's table once its rows are written (issue 12, flat memory: a
 * 35 000-line bordereau held ~440 bytes a line, ~15 MB a national bordereau, until its end):
 * - the table lists its rows: pdfkit keeps each row's element and dictionary to print the table's
 *   K array when it ends. Written rows are kept as their object numbers alone, in runs
 *   (writtenRows) that the table prints as it would print the rows themselves;
 * - each page's entry of the parent tree lists its marked contents' elements: once the table has
 *   gone on to another page, the page's entry can no longer change (rows are drawn, and tagged,
 *   on the page they are on), and is kept as the text pdfkit would print for it.
 * Both print byte for byte what pdfkit prints: PDFObject.convert prints an array as its items
 * joined by spaces, in brackets, an indirect reference as « id gen R », null as « null ».
 */
class WrittenStructure {
  /** Object number and generation of each written row of the current run, flat. */
  private rows: number[] | undefined;
  private page: number | undefined;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly table: PDFKit.PDFStructureElement,
  ) {}

  /** After `row` has joined the table: keeps its number alone once written, and prints the pages left behind. */
  rowAdded(row: PDFKit.PDFStructureElement): void {
    const children = internals(this.table)._children;
    if (internals(row)._flushed && children[children.length - 1] === row) {
      children.pop();
      const last = children[children.length - 1];
      if (!this.rows || !isWrittenRows(last, this.rows)) {
        this.rows = [];
        children.push(writtenRows(this.table, this.rows));
      }
      const { id, gen } = internals(row).dictionary;
      this.rows.push(id, gen);
    }
    const tagged = this.doc as unknown as TaggedDocument;
    const page = tagged.page.dictionary.data.StructParents;
    if (page === this.page) return;
    if (this.page !== undefined) printPage(tagged.getStructParentTree(), this.page);
    this.page = page;
  }
}

/** A page's entry of the parent tree, replaced by its printed text when it holds only references and nulls. */
function printPage(tree: ReturnType<TaggedDocument['getStructParentTree']>, key: number): void {
  const entry = tree.get(key);
  if (!Array.isArray(entry)) return;
  const reference = referencePrototype();
  const items: string[] = [];
  for (const item of entry as unknown[]) {
    if (item === null || item === undefined) items.push('null');
    else if (Object.prototype.isPrototypeOf.call(reference, item)) items.push(String(item));
    else return;
  }
  tree.add(key, printedAs(`[${items.join(' ')}]`));
}

/**
 * Written rows of a table (`rows`: object number and generation of each, flat), in order, standing
 * for their elements among the table's children: an element as pdfkit's table sees it when it
 * ends (PDFStructureElement#end, _isFlushable, _flushChild: ended, written, attached, without
 * children, with a parent), whose dictionary prints the rows' references. Plain data given the
 * element's prototype, as a class's methods would go with its own.
 */
function writtenRows(table: PDFKit.PDFStructureElement, rows: readonly number[]): object {
  const dictionary = Object.create(referencePrototype(), {
    data: { value: { P: internals(table).dictionary } },
    toString: { value: () => printedRows(rows) },
  }) as object;
  const element = { _ended: true, _flushed: true, _attached: true, _children: [], dictionary, rows };
  return Object.setPrototypeOf(element, Object.getPrototypeOf(table) as object) as object;
}

function isWrittenRows(child: unknown, rows: readonly number[]): boolean {
  return (child as { rows?: unknown } | undefined)?.rows === rows;
}

function printedRows(rows: readonly number[]): string {
  const references: string[] = [];
  for (let i = 0; i < rows.length; i += 2) references.push(`${rows[i]} ${rows[i + 1]} R`);
  return references.join(' ');
}
