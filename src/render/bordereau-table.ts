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
    forgetWritten(tr, { P: dictionaryOf(tr).data.P });
    for (const element of cells) forgetWritten(element, WRITTEN);
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
  data: Record<string, unknown>;
  buffer: unknown[];
}

const dictionaryOf = (element: PDFKit.PDFStructureElement): WrittenReference => (element as unknown as { dictionary: WrittenReference }).dictionary;

const WRITTEN: Record<string, unknown> = Object.freeze({});
const NO_BYTES = Object.freeze([]) as unknown as unknown[];

/**
 * A row's elements are written to the file as soon as they join the table (their parent is set and
 * they are ended), but pdfkit keeps each one's dictionary until the document ends: the table lists
 * its rows, each page's parent tree its cells, by object number (issue 12, flat memory: a
 * 35 000-line bordereau held ~1.4 KB a line). Written, a dictionary only has its number left to
 * give (PDFReference#toString); `keep` is what pdfkit still reads of it: a row's parent, which the
 * table checks before it is written itself (PDFStructureElement#_isFlushable).
 */
function forgetWritten(element: PDFKit.PDFStructureElement, keep: Record<string, unknown>): void {
  if (!(element as unknown as { _flushed?: boolean })._flushed) return; // not written yet: keep it whole
  const reference = dictionaryOf(element);
  reference.data = keep;
  reference.buffer = NO_BYTES;
}
