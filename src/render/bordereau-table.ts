/**
 * The table of a bordereau's lines: single-line rows of fixed height, each cell measured once and
 * drawn without pdfkit's line wrapper, so that 35 000 lines stay linear.
 *
 * Tagging: each row is one structure element (its cells read in column order). Table/TR/TD with
 * an element per cell made a 35 000-line bordereau 20.8 MB instead of 5.8 MB (one PDF object per
 * cell), for no gain in a PDF/A-3b document; the titre's small liquidation table keeps TD cells.
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
    this.element = frame.doc.struct('Sect');
    frame.add(this.element);
  }

  private get rowHeight(): number {
    return this.frame.layout.bordereau.rowHeight;
  }

  /** The column headings on a tinted band (at the start and on every continuation page). */
  header(): void {
    const { frame } = this;
    const { layout } = frame;
    const y = frame.y;
    frame.box(frame.left, y, frame.width, this.rowHeight + 2, layout.color.tableHeader);
    this.row(this.columns.map((c) => c.heading), { bold: true, size: layout.fontSize.table, color: layout.color.accent }, y + 1);
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

  private row(texts: string[], style: TextStyle, y: number): void {
    const { frame } = this;
    const { doc } = frame;
    const pad = frame.layout.spacing.cellPadding;
    const baseline = y + (this.rowHeight - style.size) / 2 - 1;
    const draw = (): void => {
      frame.style(style);
      let x = frame.left;
      this.columns.forEach((column, i) => {
        const room = this.widths[i] - 2 * pad;
        let text = texts[i];
        if (text !== '') {
          let width = doc.widthOfString(text);
          if (width > room) [text, width] = shorten(doc, text, room);
          doc.text(text, column.align === 'right' ? x + pad + room - width : x + pad, baseline, { lineBreak: false });
        }
        x += this.widths[i];
      });
    };
    this.element.add(doc.struct('P', {}, draw));
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
