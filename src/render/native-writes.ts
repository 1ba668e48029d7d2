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
 * bytes. The file's own writes (three to six per object, each line of the cross-reference table:
 * some 350 per titre, each a Buffer pushed into the document's stream, which read() then joined)
 * are held the same way and handed to the stream as one chunk when the file ends, or as soon as
 * 256 KB are held (a bordereau); the offsets of the cross-reference table are counted as pdfkit
 * counts them, when each piece is written. An object's dictionary is printed here (printed(),
 * the same text as pdfkit's PDFObject.convert) unless it holds a value pdfkit prints otherwise
 * (text strings, dates, bytes, trees) or the document is encrypted. If pdfkit no longer has these
 * internals, nothing is changed.
 *
 * The streams pdfkit compresses (a page's content, the embedded data) are deflated at level 3,
 * not zlib's default 6: on a titre's content stream (29 KB) 0.08 ms instead of 0.46 ms, for
 * 5.0 KB instead of 4.2 KB in a 78 KB file (the fonts, compressed once per run at the default
 * level, make the rest). Same level on every machine: the bytes stay deterministic. One zlib
 * state serves them all, reset between two streams (reused-deflate.ts).
 */
import PDFDocument from 'pdfkit';
import { pdfNumber, referencePrototype as abstractReferencePrototype } from './printed-reference.js';
import { reusedDeflate, type Deflate } from './reused-deflate.js';

/** zlib level of the streams compressed per document. */
const DOCUMENT_STREAM_LEVEL = 3;

type Write = (this: object, chunk: Uint8Array | string) => unknown;

interface DocumentInternals {
  _write?: Write;
  _offset?: number;
  push?: (this: object, chunk: Uint8Array | null) => boolean;
  ref?(data?: object): object;
}

interface ReferenceInternals {
  write?: Write;
  finalize?: (this: object) => unknown;
}

/** What finalize reads and writes of a reference (pdfkit 0.20). */
interface ReferenceState {
  compress?: boolean;
  buffer?: Uint8Array[];
  id: number;
  gen: number;
  data: Record<string, unknown>;
  offset?: number;
  document: {
    _security?: unknown;
    _offset: number;
    _write(chunk: string | Uint8Array): void;
    _refEnd(reference: object): void;
  };
}

/**
 * What pdfkit's PDFObject.convert prints for the values a titre's objects hold: names, numbers,
 * booleans and null, references (pdfkit's and printed-reference.ts's, printed by their toString),
 * arrays and dictionaries. undefined for any other value (text strings, dates, bytes, trees), which
 * pdfkit's own finalize then prints. The same text as pdfkit's, without its arrays of parts joined
 * at each level: a titre's some 100 objects (70 of them structure elements) were 15 % of what its
 * rendering allocated.
 */
function printed(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `/${value}`;
    case 'number':
      return String(pdfNumber(value));
    case 'boolean':
      return String(value);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (abstractReferencePrototype().isPrototypeOf(value)) return value.toString();
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Array.prototype) {
    const items = value as unknown[];
    let text = '[';
    for (let i = 0; i < items.length; i++) {
      const item = printed(items[i] === undefined ? null : items[i]);
      if (item === undefined) return undefined;
      text += i === 0 ? item : ` ${item}`;
    }
    return `${text}]`;
  }
  if (prototype === Object.prototype) {
    const entries = value as Record<string, unknown>;
    let text = '<<';
    for (const key in entries) {
      const entry = entries[key];
      if (entry === undefined) continue;
      const item = printed(entry);
      if (item === undefined) return undefined;
      text += `\n/${key} ${item}`;
    }
    return `${text}\n>>`;
  }
  return undefined;
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

/**
 * Bytes a document holds before it hands them to its stream: above a titre's size (~80 KB), so
 * that a titre reaches its stream as one chunk; a bordereau's pass on in pieces of this size.
 */
const HANDED_FROM = 256 * 1024;

/** What a document has written and not yet handed to its stream: strings (a newline follows each) and bytes. */
interface Unhanded {
  pieces: Array<string | Uint8Array>;
  length: number;
}

const unhanded = new WeakMap<object, Unhanded>();

/** The pieces' bytes, in one buffer of its own memory. */
function joined({ pieces, length }: Unhanded): Buffer {
  const out = Buffer.allocUnsafeSlow(length);
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      at += out.write(piece, at, piece.length, 'latin1');
      out[at++] = 0x0a;
    } else {
      out.set(piece, at);
      at += piece.length;
    }
  }
  return out;
}

/**
 * Hands what `doc` holds to its stream, as one chunk, through its push (PdfOutput.divert's, when
 * it takes the bytes as they come). Nothing if nothing is held.
 */
export function handHeld(doc: object): void {
  const held = unhanded.get(doc);
  if (held === undefined) return;
  unhanded.delete(doc);
  (doc as { push(chunk: Uint8Array): boolean }).push(joined(held));
}

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
  const push = documentPrototype.push;
  if (typeof writeDocument !== 'function' || typeof writeReference !== 'function' || typeof finalizeReference !== 'function') return;
  if (typeof push !== 'function' || typeof probe._offset !== 'number') return;
  documentPrototype._write = function (this: DocumentInternals, chunk) {
    let held = unhanded.get(this);
    if (held === undefined) unhanded.set(this, (held = { pieces: [], length: 0 }));
    const size = typeof chunk === 'string' ? chunk.length + 1 : chunk.length;
    held.pieces.push(chunk);
    held.length += size;
    this._offset! += size; // where the next object starts, for the cross-reference table
    if (held.length >= HANDED_FROM) handHeld(this);
  };
  documentPrototype.push = function (chunk) {
    if (chunk === null) handHeld(this); // the end of the file: what is held goes first
    return push.call(this, chunk);
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
    if (!Array.isArray(state.buffer)) return finalizeReference.call(this);
    // The stream in one buffer, compressed here (Filter set by write), then pdfkit's finalize,
    // with the dictionary printed here when it can be; pdfkit's own prints the rest.
    let stream = state.buffer.length === 0 ? undefined : state.buffer.length === 1 ? state.buffer[0] : Buffer.concat(state.buffer);
    if (stream !== undefined) {
      if (state.compress === true) stream = deflate(stream);
      state.compress = false;
      state.buffer = [stream];
      state.data.Length = stream.length;
    }
    const doc = state.document;
    const dictionary = doc._security ? undefined : printed(state.data); // encrypted: pdfkit prints it
    if (dictionary === undefined) return finalizeReference.call(this);
    state.offset = doc._offset;
    doc._write(`${state.id} ${state.gen} obj`);
    doc._write(dictionary);
    if (stream !== undefined && stream.length > 0) {
      doc._write('stream');
      doc._write(stream);
      doc._write('\nendstream');
    }
    state.buffer = [];
    doc._write('endobj');
    doc._refEnd(this);
  };
}
