/**
 * Node's own conversion of the strings pdfkit writes into bytes.
 *
 * pdfkit 0.20, written for the browser as well, turns every string it writes (each operator of a
 * content stream, each object of the file) into bytes with a JavaScript loop (`fromBinaryString`:
 * each char code & 0xff), where 0.17 called Buffer.from(…, 'binary'): with the Uint8Arrays it then
 * concatenates and hands to the stream, some 6 % of a titre's rendering time in a CPU profile, and
 * garbage. Node's latin1 conversion keeps the low byte of each char code too: the same bytes.
 *
 * Replaces two pdfkit internals, once per process: PDFDocument#_write (the file) and the write()
 * of its object references (content streams and other streams), both as 0.20 writes them (a string
 * gets a final newline; bytes pass as they are). If pdfkit no longer has them, nothing is changed.
 */
import PDFDocument from 'pdfkit';

type Write = (this: unknown, chunk: Uint8Array | string) => unknown;

interface DocumentInternals {
  _write?: Write;
  ref?(data?: object): object;
}

const bytes = (chunk: Uint8Array | string): Uint8Array => (chunk instanceof Uint8Array ? chunk : Buffer.from(`${chunk}\n`, 'latin1'));

let installed = false;

export function useNativeWrites(): void {
  if (installed) return;
  installed = true;
  const documentPrototype = PDFDocument.prototype as unknown as DocumentInternals;
  const probe = new PDFDocument({ autoFirstPage: false, font: '' }) as unknown as DocumentInternals;
  const referencePrototype = probe.ref ? (Object.getPrototypeOf(probe.ref()) as { write?: Write }) : undefined;
  const writeDocument = documentPrototype._write;
  const writeReference = referencePrototype?.write;
  if (typeof writeDocument !== 'function' || typeof writeReference !== 'function') return;
  documentPrototype._write = function (chunk) {
    return writeDocument.call(this, bytes(chunk));
  };
  referencePrototype!.write = function (chunk) {
    return writeReference.call(this, bytes(chunk));
  };
}
