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
import type { StructureTable, TableCell } from './structure-tree.js';

export interface Column<L> {
  heading: string;
  /** 0 = takes the width left by the other columns. */
  width: number;
  align: 'left' | 'right';
  value: (line: L) => string;
}

export class BordereauTable<L> {
  private readonly table: StructureTable;
  private readonly widths: number[];
  /** Each column's left edge. */
  private readonly lefts: number[] = [];
  /** The cells of the headings' row and of a line's. */
  private readonly headings: readonly TableCell[];
  private readonly cells: readonly TableCell[];

  constructor(
    private readonly frame: PageFrame,
    private readonly columns: readonly Column<L>[],
  ) {
    const fixed = columns.reduce((s, c) => s + c.width, 0);
    this.widths = columns.map((c) => (c.width === 0 ? frame.width - fixed : c.width));
    let x = frame.left;
    for (const width of this.widths) {
      this.lefts.push(x);
      x += width;
    }
    this.table = frame.table();
    this.headings = columns.map((): TableCell => 'ColumnHeading');
    this.cells = columns.map((): TableCell => 'TD');
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
    const baseline = this.baseline(style, y + 1);
    if (this.headed) frame.artifact(() => texts.forEach((_, i) => this.paint(texts, style, baseline, i)));
    else this.table.row(this.headings, (i) => this.paint(texts, style, baseline, i));
    this.headed = true;
    frame.y = y + this.rowHeight + 2;
  }

  /** One line; `index` stripes every other row. */
  line(line: L, index: number): void {
    const { frame } = this;
    frame.ensure(this.rowHeight); // a new page repeats the header (PageFrame's onContinuation)
    const y = frame.y;
    if (index % 2 === 1) frame.box(frame.left, y, frame.width, this.rowHeight, frame.layout.color.tableStripe);
    const texts = this.columns.map((c) => c.value(line));
    const style = { size: frame.layout.fontSize.table };
    const baseline = this.baseline(style, y);
    this.table.row(this.cells, (i) => this.paint(texts, style, baseline, i));
    frame.y = y + this.rowHeight;
  }

  end(): void {
    this.table.end();
    this.frame.rule(this.frame.y);
  }

  /** The baseline of a row's texts in `style`, for a row at `y`. */
  private baseline(style: TextStyle, y: number): number {
    return y + (this.rowHeight - style.size) / 2 - 1;
  }

  /** Paints cell `i` of a row: `texts[i]`, shortened if it does not fit its column. */
  private paint(texts: readonly string[], style: TextStyle, baseline: number, i: number): void {
    const { frame } = this;
    const { doc } = frame;
    const pad = frame.layout.spacing.cellPadding;
    const left = this.lefts[i];
    const room = this.widths[i] - 2 * pad;
    frame.style(style);
    let text = texts[i];
    if (text === '') return;
    let width = doc.widthOfString(text);
    if (width > room) [text, width] = shorten(doc, text, room);
    doc.text(text, this.columns[i].align === 'right' ? left + pad + room - width : left + pad, baseline, { lineBreak: false });
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
