/**
 * Heights of wrapped texts without wrapping them again. Every titre measures the same wording
 * (labels, legal mentions, recourse) before drawing it, and pdfkit's heightOfString runs its whole
 * line wrapper each time: a tenth of a titre's rendering. Here the number of lines a text takes
 * (for a font, size and width) is remembered across the documents of a renderer, and the height is
 * then added up line by line exactly as pdfkit does, from the current position: same floating
 * point steps, hence the same height, whatever document measured the text first.
 *
 * Uses pdfkit internals (_initOptions, _text, _font, _fontSize, _lineGap, _textOptions; pdfkit
 * 0.17). Texts measured with options other than width, lineGap and align are measured by pdfkit.
 */
interface TextInternals {
  x: number;
  y: number;
  _font: { name: string } | null;
  _fontSize: number;
  _lineGap?: number;
  _textOptions?: object | null;
  _initOptions(options?: object): { lineGap?: number; height?: number; width?: number };
  _text(text: string, x: number, y: number, options: object, lineCallback: () => void): void;
  currentLineHeight(includeGap?: boolean): number;
}

const CACHEABLE = new Set(['width', 'lineGap', 'align']);

/** Emptied past this many texts (the recurring wording stays; names and amounts churn). */
const MAX_TEXTS = 5_000;

export class LineCounts {
  private counts = new Map<string, number>();

  /** Makes `doc.heightOfString` use (and fill) these counts. */
  install(doc: PDFKit.PDFDocument): void {
    const counts = this;
    const original = doc.heightOfString;
    doc.heightOfString = function (this: PDFKit.PDFDocument & TextInternals, text: string, options?: PDFKit.Mixins.TextOptions) {
      const given = (options ?? {}) as Record<string, unknown>;
      if (this._textOptions || !this._font || typeof given.width !== 'number' || Object.keys(given).some((k) => !CACHEABLE.has(k))) {
        return original.call(this, text, options);
      }
      return counts.height(this, `${text}`, given);
    };
  }

  /** pdfkit's heightOfString, counting the lines on the first measure of a text. */
  private height(doc: TextInternals, text: string, options: object): number {
    const { x, y } = doc;
    const resolved = doc._initOptions(options);
    resolved.height = Infinity;
    const lineGap = resolved.lineGap || doc._lineGap || 0;
    const key = `${doc._font!.name}\u0000${doc._fontSize}\u0000${resolved.width}\u0000${text}`;
    let lines = this.counts.get(key);
    if (lines === undefined) {
      let counted = 0;
      doc._text(text, doc.x, doc.y, resolved, () => {
        counted++;
        doc.y += doc.currentLineHeight(true) + lineGap;
      });
      if (this.counts.size >= MAX_TEXTS) this.counts = new Map();
      this.counts.set(key, counted);
    } else {
      for (let i = 0; i < lines; i++) doc.y += doc.currentLineHeight(true) + lineGap;
    }
    const height = doc.y - y;
    doc.x = x;
    doc.y = y;
    return height;
  }
}
