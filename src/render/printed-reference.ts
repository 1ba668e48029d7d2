/**
 * Values that pdfkit's writer prints as they are. PDFObject.convert prints an indirect reference
 * (an instance of its PDFAbstractReference, a class pdfkit does not export) by its toString:
 * an object with that prototype and its own toString is written as the text it gives, with none
 * of convert's work (pdfkit 0.20). Used for what is printed once and written many times (a font's
 * W entry, fixed-subset.ts) and for the references of the structure tree that pdfkit's objects
 * hold (structure-tree.ts: the Document element, each page's entry of the parent tree). And
 * pdfkit's way of printing a number, for whoever prints PDF syntax itself (native-writes.ts,
 * text-runs.ts, fixed-subset.ts, line-operators.ts).
 */
import PDFDocument from 'pdfkit';

let prototype: object | undefined;

/** PDFAbstractReference.prototype, found once from a reference of a throwaway document. */
export function referencePrototype(): object {
  prototype ??= Object.getPrototypeOf(Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false, font: '' }).ref({}))) as object;
  return prototype;
}

/** A value pdfkit writes as `text`. */
export function printedAs(text: string): object {
  return Object.create(referencePrototype(), { toString: { value: () => text } }) as object;
}

/** pdfkit's PDFObject.number: rounded to 6 decimals, printed by JavaScript; pdfkit refuses the others. */
export function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}
