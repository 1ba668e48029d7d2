/**
 * The lines of a plain text, as pdfkit 0.20's LineWrapper.wrap emits them, without its machinery.
 *
 * The ~18 variable texts of a titre (names, amounts, numbers, the amount in words) are new on each
 * titre and are broken anew: pdfkit's wrapper then builds a LineWrapper (an event emitter with its
 * listeners), a dictionary of the text's word widths, and emits five events a line, each emission
 * copying its listeners and spreading its arguments; its eachWord, wrap and events were some 6 % of
 * a rendering thread's CPU profile. Here the same steps are taken directly: the breaks of the same
 * UAX #14 breaker (linebreak, pdfkit's), the words' widths as the wrapper takes them (wordWidth),
 * and wrap's decisions in its order (a word fits when its width is at most the space left; a line
 * is emitted at a required break or before a word that does not fit).
 *
 * Only what the renderer's plain texts need is done (line-breaks.ts: no indent, columns, spacing,
 * scaling, ellipsis or continued text, a height without limit); a text holding a soft hyphen or a
 * word wider than a line (which pdfkit cuts letter by letter) gives undefined, and pdfkit breaks it.
 */
import { createRequire } from 'node:module';

/** linebreak 1.1's breaker (pdfkit 0.20's; the package ships no types). */
type LineBreaker = new (text: string) => { nextBreak(): { position: number; required: boolean } | null };
const LineBreaker = createRequire(import.meta.url)('linebreak') as LineBreaker;

/** A line as pdfkit's wrapper emits it: its text, then textWidth, wordCount and lineWidth. */
export type WrappedLine = readonly [text: string, textWidth: number, wordCount: number, lineWidth: number];

const SOFT_HYPHEN = '\u00ad';

/**
 * pdfkit's line width for `width`: LineWrapper computes (width × horizontalScaling / 100 − gap ×
 * (columns − 1)) / columns, here with scaling 100 and one column; width × 100 / 100 is kept, since
 * in floating point it is not always `width`.
 */
export function wrapperLineWidth(width: number): number {
  return (width * 100) / 100;
}

/**
 * The lines of `text` set in `lineWidth` (wrapperLineWidth), `wordWidth` giving a word's width as
 * LineWrapper.wordWidth does; undefined where pdfkit's wrapper must do it.
 */
export function wrapPlain(text: string, lineWidth: number, wordWidth: (word: string) => number): WrappedLine[] | undefined {
  if (text.includes(SOFT_HYPHEN)) return undefined;
  const lines: WrappedLine[] = [];
  const breaker = new LineBreaker(text);
  let spaceLeft = lineWidth;
  let buffer = '';
  let textWidth = 0;
  let wordCount = 0;
  let start = 0;
  let lastRequired = true; // the first word opens a line, as after a required break
  // pdfkit's textWidth is textWidth + wordSpacing × (wordCount - 1), with a wordSpacing of 0 here
  const emit = (): void => {
    lines.push([buffer, textWidth, wordCount, lineWidth]);
  };
  for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) {
    const word = text.slice(start, bk.position);
    const w = wordWidth(word);
    if (w > lineWidth) return undefined; // pdfkit cuts such a word letter by letter
    if (lastRequired) spaceLeft = lineWidth;
    const fits = w <= spaceLeft;
    if (fits) {
      buffer += word;
      textWidth += w;
      wordCount++;
    }
    if (bk.required || !fits) {
      if (bk.required && w > spaceLeft) {
        emit();
        buffer = word;
        textWidth = w;
        wordCount = 1;
      }
      emit();
      if (bk.required) {
        spaceLeft = lineWidth;
        buffer = '';
        textWidth = 0;
        wordCount = 0;
      } else {
        spaceLeft = lineWidth - w;
        buffer = word;
        textWidth = w;
        wordCount = 1;
      }
    } else {
      spaceLeft -= w;
    }
    start = bk.position;
    lastRequired = bk.required;
  }
  if (wordCount > 0) emit();
  return lines;
}

/** What LineWrapper.wordWidth hands to the document's widthOfString: the wrapper itself, unscaled, unspaced. */
const WRAPPER_OPTIONS = { horizontalScaling: 100, characterSpacing: 0 } as PDFKit.Mixins.TextOptions;

const float = new Float32Array(1);
const floatBits = new Uint32Array(float.buffer);

/** pdfkit's PDFNumber: the largest 32-bit float not above `n`. */
function float32AtMost(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  float[0] = n;
  if (n <= 0) floatBits[0] += 1;
  else floatBits[0] -= 1;
  return float[0];
}

/** A word's width in `doc`'s current font and size, as LineWrapper.wordWidth gives it (no spacing). */
export function wrapperWordWidth(doc: PDFKit.PDFDocument, word: string): number {
  return float32AtMost(doc.widthOfString(word, WRAPPER_OPTIONS)); // pdfkit adds characterSpacing and wordSpacing, 0 here
}
