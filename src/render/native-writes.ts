/**
 * Node's own conversion of the strings pdfkit writes into bytes.
 *
 * pdfkit 0.20, written for the browser as well, turns every string it writes (each operator of a
 * content stream, each object of the file) into bytes with a JavaScript loop (`fromBinaryString`:
 * each char code & 0xff), where 0.17 called Buffer.from(…, 'binary'): with the Uint8Arrays it then
 * concatenates and hands to the stream, some 6 % of a titre's rendering time in a CPU profile, and
 * garbage. Node's latin1 conversion keeps the low byte of each char code too: the same bytes.
 *
 * Replaces pdfkit internals, once per process: PDFDocument#_write (the file) and the write() of its
 * object references (content streams and other streams), both as 0.20 writes them (a string gets a
 * final newline; bytes pass as they are). A reference's strings (a page's content stream receives
 * one per operator, some 400 per titre) are kept as strings and turned into bytes at once, when
 * bytes follow or the reference is finalized: one Buffer instead of one per operator, the same
 * bytes. If pdfkit no longer has these internals, nothing is changed.
 *
 * The streams pdfkit compresses (a page's content, the embedded data) are deflated at level 3,
 * not zlib's default 6: on a titre's content stream (29 KB) 0.08 ms instead of 0.46 ms, for
 * 5.0 KB instead of 4.2 KB in a 78 KB file (the fonts, compressed once per run at the default
 * level, make the rest). Same level on every machine: the bytes stay deterministic. One zlib
 * state serves them all, reset between two streams (reused-deflate.ts).
 */
import PDFDocument from 'pdfkit';
import { reusedDeflate, type Deflate } from './reused-deflate.js';

/** zlib level of the streams compressed per document. */
const DOCUMENT_STREAM_LEVEL = 3;

type Write = (this: object, chunk: Uint8Array | string) => unknown;

interface DocumentInternals {
  _write?: Write;
  ref?(data?: object): object;
}

interface ReferenceInternals {
  write?: Write;
  finalize?: (this: object) => unknown;
}

/** What finalize reads of a reference (pdfkit 0.20). */
interface ReferenceState {
  compress?: boolean;
  buffer?: Uint8Array[];
}

/** The strings written to a reference and not yet turned into bytes. */
const pendingText = new WeakMap<object, string[]>();

/** A string's bytes (the low byte of each char code) and a final newline, without a concatenated copy of the string. */
function line(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length + 1);
  out.write(text, 0, text.length, 'latin1');
  out[text.length] = 0x0a;
  return out;
}

const bytes = (chunk: Uint8Array | string): Uint8Array => (chunk instanceof Uint8Array ? chunk : line(chunk));

let installed = false;

/** The deflate of the streams of every document of this thread, once installed. */
let documentDeflate: Deflate | undefined;

/**
 * How a compressed stream of a document is deflated here (attachDataPieces deflates its pieces as
 * finalize would deflate their concatenation); undefined where pdfkit's own finalize does it.
 */
export function referenceDeflate(): Deflate | undefined {
  return documentDeflate;
}

export function useNativeWrites(): void {
  if (installed) return;
  installed = true;
  const documentPrototype = PDFDocument.prototype as unknown as DocumentInternals;
  const probe = new PDFDocument({ autoFirstPage: false, font: '' }) as unknown as DocumentInternals;
  const referencePrototype = probe.ref ? (Object.getPrototypeOf(probe.ref()) as ReferenceInternals) : undefined;
  const writeDocument = documentPrototype._write;
  const writeReference = referencePrototype?.write;
  const finalizeReference = referencePrototype?.finalize;
  if (typeof writeDocument !== 'function' || typeof writeReference !== 'function' || typeof finalizeReference !== 'function') return;
  documentPrototype._write = function (chunk) {
    return writeDocument.call(this, bytes(chunk));
  };
  const deflate = reusedDeflate(DOCUMENT_STREAM_LEVEL); // one zlib state for all the documents of this thread
  documentDeflate = deflate;
  const flush = (reference: object): void => {
    const text = pendingText.get(reference);
    if (text === undefined) return;
    pendingText.delete(reference);
    text.push(''); // the final newline, joined in
    writeReference.call(reference, Buffer.from(text.join('\n'), 'latin1'));
  };
  referencePrototype!.write = function (this: object, chunk) {
    if (typeof chunk === 'string') {
      const text = pendingText.get(this);
      if (text === undefined) pendingText.set(this, [chunk]);
      else text.push(chunk);
      return;
    }
    flush(this);
    return writeReference.call(this, bytes(chunk));
  };
  referencePrototype!.finalize = function (this: object) {
    flush(this);
    const state = this as ReferenceState;
    if (state.compress === true && Array.isArray(state.buffer) && state.buffer.length > 0) {
      // Compressed here; pdfkit's finalize then writes the one buffer as it is (Filter set by write).
      const raw = state.buffer.length === 1 ? state.buffer[0] : Buffer.concat(state.buffer);
      state.buffer = [deflate(raw)];
      state.compress = false;
    }
    return finalizeReference.call(this);
  };
}
