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
 * one per operator, some 520 per titre) are turned into bytes as they are written, one after the
 * other in a buffer the thread keeps (WrittenStrings), and handed to pdfkit's write when bytes
 * follow or the reference is finalized: one Buffer instead of one per operator, the same bytes; a
 * compressed stream is deflated from that buffer. The file's own writes (three to six per object,
 * each line of the cross-reference table: some 350 per titre, each a Buffer pushed into the
 * document's stream, which read() then joined) are held the same way, the bytes given as they
 * are, and handed to the stream as one chunk when the file ends, or as soon as
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

/** Bytes of a thread's first buffers for written strings: above a titre's content stream (29 KB). */
const WRITTEN_FIRST_SIZE = 64 * 1024;
/** Larger buffers (a long stream, a bordereau's 256 KB held) are not kept for the next strings. */
const WRITTEN_KEPT_SIZE = 1024 * 1024;
/** Buffers kept per thread: a document's own strings, its open page's content, one spare. */
const WRITTEN_KEPT = 4;
/** Strings shorter than this are copied char by char; a longer one by Node (a native call, ~100 ns). */
const SHORT_STRING = 48;

const keptBuffers: Buffer[] = [];

/**
 * Strings turned into bytes as they are written, each followed by a newline, in a buffer taken
 * from those the thread keeps and given back once its bytes are deflated or copied out.
 *
 * Held as strings until their stream ended (a page's content: some 520 strings, 29 KB; the file's
 * own, until it was whole), they were alive at most of a titre's scavenges, copied and promoted
 * with the rest, then joined into one more string and copied into a buffer of its own before
 * being deflated. The scavenges, whose cost is what survives them, were a fifth of a rendering
 * thread's time. Here a string dies as soon as it is written: 1 000 titres rendered after 600
 * (--max-semi-space-size=1, --trace-gc-nvp), 537 scavenges of 106 KB surviving each before, 496
 * of 87 KB after (55.6 -> 42.3 KB surviving a titre); and a compressed stream is deflated from here.
 *
 * The bytes are the low byte of each char code, as Node's latin1 conversion (and pdfkit's own
 * fromBinaryString) gives them. A short string (most operators, the cross-reference table's lines)
 * is copied in JavaScript: a native write per string took half again as long on a titre's content
 * strings (micro-benchmark, 520 strings: ~16 us, ~26 us with a native write each).
 */
class WrittenStrings {
  private buffer: Buffer = keptBuffers.pop() ?? Buffer.allocUnsafeSlow(WRITTEN_FIRST_SIZE);
  private used = 0;

  /** Adds `text`'s bytes and a newline. */
  line(text: string): void {
    const length = text.length;
    if (this.used + length + 1 > this.buffer.length) this.grow(this.used + length + 1);
    const buffer = this.buffer;
    let at = this.used;
    if (length < SHORT_STRING) {
      for (let i = 0; i < length; i++) buffer[at++] = text.charCodeAt(i); // a Uint8Array keeps the low byte
    } else {
      at += buffer.write(text, at, length, 'latin1');
    }
    buffer[at++] = 0x0a;
    this.used = at;
  }

  /** The bytes written from `from` to `to`: a view, valid until release(). */
  bytes(from = 0, to = this.used): Buffer {
    return this.buffer.subarray(from, to);
  }

  /** Gives the buffer back to the thread: nothing may be written or read here any more. */
  release(): void {
    if (this.buffer.length <= WRITTEN_KEPT_SIZE && keptBuffers.length < WRITTEN_KEPT) keptBuffers.push(this.buffer);
    this.buffer = Buffer.alloc(0);
    this.used = 0;
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafeSlow(Math.max(needed, 2 * this.buffer.length));
    larger.set(this.buffer.subarray(0, this.used));
    this.buffer = larger;
  }
}

/** The strings written to a reference and not yet handed to its write() as bytes. */
const pendingText = new WeakMap<object, WrittenStrings>();

/**
 * Bytes a document holds before it hands them to its stream: above a titre's size (~80 KB), so
 * that a titre reaches its stream as one chunk; a bordereau's pass on in pieces of this size.
 */
const HANDED_FROM = 256 * 1024;

/**
 * What a document has written and not yet handed to its stream: its strings' bytes in `text`, and
 * in `pieces`, in the order written, bytes given as they are and the lengths of the runs of
 * strings between them (the bytes of `text`, one run after the other).
 */
interface Unhanded {
  pieces: Array<number | Uint8Array>;
  text: WrittenStrings;
  length: number;
}

const unhanded = new WeakMap<object, Unhanded>();

/** The pieces' bytes, in one buffer of its own memory. */
function joined({ pieces, text, length }: Unhanded): Buffer {
  const out = Buffer.allocUnsafeSlow(length);
  let at = 0;
  let from = 0;
  for (const piece of pieces) {
    if (typeof piece === 'number') {
      out.set(text.bytes(from, from + piece), at);
      from += piece;
      at += piece;
    } else {
      out.set(piece, at);
      at += piece.length;
    }
  }
  text.release();
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
    if (held === undefined) unhanded.set(this, (held = { pieces: [], text: new WrittenStrings(), length: 0 }));
    let size: number;
    if (typeof chunk === 'string') {
      held.text.line(chunk);
      size = chunk.length + 1;
      const last = held.pieces.length - 1;
      const run = last >= 0 ? held.pieces[last] : undefined;
      if (typeof run === 'number') held.pieces[last] = run + size;
      else held.pieces.push(size);
    } else {
      held.pieces.push(chunk);
      size = chunk.length;
    }
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
  /**
   * Hands the strings written to `reference` to pdfkit's write (its Length, Filter, uncompressed
   * length), as bytes: a copy if `held` (the reference keeps them), else the written bytes
   * themselves, to be deflated, and released, before anything else is written.
   */
  const flush = (reference: object, written: WrittenStrings, held: boolean): void => {
    pendingText.delete(reference);
    if (!held) {
      writeReference.call(reference, written.bytes());
      return;
    }
    writeReference.call(reference, Buffer.from(written.bytes()));
    written.release();
  };
  referencePrototype!.write = function (this: object, chunk) {
    let written = pendingText.get(this);
    if (typeof chunk === 'string') {
      if (written === undefined) pendingText.set(this, (written = new WrittenStrings()));
      written.line(chunk);
      return;
    }
    if (written !== undefined) flush(this, written, true);
    return writeReference.call(this, chunk);
  };
  referencePrototype!.finalize = function (this: object) {
    const state = this as ReferenceState;
    const written = pendingText.get(this);
    // A stream compressed here is deflated just below, from the strings' bytes where they were written.
    const deflatedHere = state.compress === true && Array.isArray(state.buffer);
    if (written !== undefined) flush(this, written, !deflatedHere);
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
    if (deflatedHere) written?.release(); // deflated (or copied by the concatenation): its buffer is free
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
