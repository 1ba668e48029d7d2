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
import { referencePrototype } from './printed-reference.js';

export interface Column<L> {
  heading: string;
  /** 0 = takes the width left by the other columns. */
  width: number;
  align: 'left' | 'right';
  value: (line: L) => string;
}

export class BordereauTable<L> {
  private readonly element: PDFKit.PDFStructureElement;
  private readonly widths: number[];

  constructor(
    private readonly frame: PageFrame,
    private readonly columns: readonly Column<L>[],
  ) {
    const fixed = columns.reduce((s, c) => s + c.width, 0);
    this.widths = columns.map((c) => (c.width === 0 ? frame.width - fixed : c.width));
    this.element = frame.doc.struct('Table');
    frame.add(this.element);
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
    forgetWritten(doc, tr, cells);
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

/** What pdfkit keeps of a structure element: its dictionary, an object reference (pdfkit 0.20). */
interface WrittenReference {
  id: number;
  gen: number;
  data: Record<string, unknown>;
  buffer: unknown[];
}

interface StructureInternals {
  dictionary: WrittenReference;
  _flushed?: boolean;
}

interface TaggedDocument {
  page: { dictionary: { data: { StructParents?: number } } };
  getStructParentTree(): { get(key: number): unknown[] | undefined };
}

const internals = (element: PDFKit.PDFStructureElement): StructureInternals => element as unknown as StructureInternals;

const NO_BYTES = Object.freeze([]) as unknown as unknown[];

/**
 * A written object as pdfkit's writer (PDFObject.convert) still sees it in a parent tree: an
 * indirect reference (instanceof PDFAbstractReference, whose class pdfkit does not export) that
 * gives its object number: 20 bytes of heap instead of ~110 for the whole reference.
 */
class WrittenNumber {
  constructor(
    private readonly id: number,
    private readonly gen: number,
  ) {}
  toString(): string {
    return `${this.id} ${this.gen} R`;
  }
}
let prototypeSet = false;
function writtenNumber(reference: WrittenReference): WrittenNumber {
  if (!prototypeSet) {
    Object.setPrototypeOf(WrittenNumber.prototype, referencePrototype());
    prototypeSet = true;
  }
  return new WrittenNumber(reference.id, reference.gen);
}

/**
 * A row and its cells are written to the file as soon as the row joins the table (parent set,
 * ended), but pdfkit keeps their dictionaries until the document ends: the table lists its rows,
 * each page's parent tree its cells, by object number (issue 12, flat memory: a 35 000-line
 * bordereau held ~1.4 KB a line). What is kept of them once written:
 * - a cell: its number only, in the page's parent tree (the only place left that names it);
 * - a row: its reference with its parent alone (the table checks that its rows have one before it is
 *   written itself, PDFStructureElement#_isFlushable), without its other entries nor bytes.
 * An element not written yet (pdfkit internals changed?) is left whole.
 */
function forgetWritten(doc: PDFKit.PDFDocument, row: PDFKit.PDFStructureElement, cells: readonly PDFKit.PDFStructureElement[]): void {
  const tr = internals(row);
  if (!tr._flushed || !cells.every((cell) => internals(cell)._flushed)) return;
  tr.dictionary.data = { P: tr.dictionary.data.P };
  tr.dictionary.buffer = NO_BYTES;
  const tagged = doc as unknown as TaggedDocument;
  const key = tagged.page.dictionary.data.StructParents;
  const parents = key === undefined ? undefined : tagged.getStructParentTree().get(key);
  if (!Array.isArray(parents)) return;
  const written = new Set(cells.map((cell) => internals(cell).dictionary));
  // the row's cells were marked last on this page, one content each
  for (let i = parents.length - 1, left = written.size; i >= 0 && left > 0; i--) {
    const entry = parents[i] as WrittenReference;
    if (!written.has(entry)) continue;
    parents[i] = writtenNumber(entry);
    left--;
  }
}
