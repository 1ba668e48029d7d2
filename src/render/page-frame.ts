/**
 * The flow of a document over its pages: geometry from the layout, explicit page breaks (no
 * pdfkit auto-break, so that tagged content never straddles a page), footer and watermark drawn
 * as artifacts when a page is done, and the tagged structure tree (PDF/A, accessibility).
 */
import type { Layout } from './layout.js';
import { FONT_BOLD, FONT_REGULAR } from './pdf-document.js';
import { StructureTree, type StructureTable } from './structure-tree.js';
import { drawWatermark } from './watermark.js';

export interface FrameOptions {
  watermark?: string;
  footer: (page: number) => string;
  /** Drawn at the top of every page after the first (continuation header). */
  onContinuation?: (frame: PageFrame) => void;
}

export interface TextStyle {
  bold?: boolean;
  size: number;
  color?: string;
}

export class PageFrame {
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  private pages = 0;
  private readonly structure: StructureTree;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly layout: Layout,
    private readonly options: FrameOptions,
  ) {
    const { page } = layout;
    this.left = page.marginLeft;
    this.top = page.marginTop;
    this.structure = new StructureTree(doc);
    this.startPage();
    this.right = doc.page.width - page.marginRight;
    this.width = this.right - this.left;
    this.bottom = doc.page.height - page.marginBottom - page.footerHeight;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get pageCount(): number {
    return this.pages;
  }

  /** Ends a page: its footer, then the watermark on top of everything (content order = reading order). */
  private finishPage(): void {
    if (this.pages === 0) return;
    const { doc, layout } = this;
    const watermark = this.options.watermark;
    this.artifact(() => {
      const footerY = doc.page.height - layout.page.marginBottom - layout.fontSize.footer;
      this.style({ size: layout.fontSize.footer, color: layout.color.muted });
      doc.text(this.options.footer(this.pages), layout.page.marginLeft, footerY, { lineBreak: false });
      if (watermark) drawWatermark(doc, watermark, layout);
    });
  }

  private startPage(): void {
    const { doc } = this;
    this.finishPage();
    doc.addPage();
    this.pages++;
    doc.x = this.left;
    doc.y = this.top;
    if (this.pages > 1) this.options.onContinuation?.(this);
  }

  /** Starts a new page unless `height` still fits below the current position. */
  ensure(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.startPage();
    return true;
  }

  style(style: TextStyle): PDFKit.PDFDocument {
    return this.doc
      .font(style.bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(style.size)
      .fillColor(style.color ?? this.layout.color.text);
  }

  /** Height of `text` set in `style` over `width`. */
  measure(text: string, style: TextStyle, width: number): number {
    this.style(style);
    return this.doc.heightOfString(text, { width, lineGap: this.layout.spacing.line });
  }

  /** Draws wrapped text at (x, y) and returns its height; tagged as a `type` element. */
  text(type: string, text: string, style: TextStyle, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left'): number {
    this.structure.open(type);
    this.style(style);
    this.doc.text(text, x, y, { width, align, lineGap: this.layout.spacing.line });
    this.structure.close();
    return this.doc.y - y;
  }

  /** A structure element whose content `draw` paints (run immediately); `alt`, its alternative text (figures). */
  tag(type: string, draw: () => void, alt?: string): void {
    this.structure.tag(type, draw, alt);
  }

  /** A table, whose rows are tagged as they are drawn. */
  table(): StructureTable {
    return this.structure.table();
  }

  /** Decoration (rules, backgrounds, watermark, footer): marked as an artifact, not content. */
  artifact(draw: () => void): void {
    this.structure.artifact(draw);
  }

  rule(y: number, color = this.layout.color.rule, x1 = this.left, x2 = this.right): void {
    this.artifact(() => {
      this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke();
    });
  }

  box(x: number, y: number, w: number, h: number, fill: string): void {
    this.artifact(() => {
      this.doc.rect(x, y, w, h).fill(fill);
    });
  }

  /** Closes the structure tree and the document; returns it as the readable stream. */
  end(): PDFKit.PDFDocument {
    this.finishPage();
    this.structure.end();
    this.doc.end();
    return this.doc;
  }
}
