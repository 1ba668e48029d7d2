/**
 * The finished PDF as a stream, and a document's bytes taken as pdfkit writes them.
 */
import { Readable } from 'node:stream';
import { handHeld } from './native-writes.js';

const EOF_MARKER = Buffer.from('%%EOF\n');

/**
 * The finished PDF as a one-chunk stream. pdfkit writes a whole document synchronously on end();
 * handed one by one to a file and a hash, its some 350 small pieces per titre cost as much as the
 * layout itself. Collected into a single buffer (native-writes.ts holds them and hands them to the
 * document's stream as one), a titre is piped in one write. `doc` must have been ended.
 */
export function finishedPdf(doc: PDFKit.PDFDocument): Readable {
  // read() hands the whole buffered stream, joined, at once: a second join would copy it again
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const pdf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  if (!pdf.subarray(-EOF_MARKER.length).equals(EOF_MARKER)) {
    // Not finished synchronously (a future pdfkit?): hand back pdfkit's own stream, unread.
    if (pdf.length > 0) doc.unshift(pdf);
    return doc;
  }
  doc.resume(); // let pdfkit's stream emit its own 'end'
  return Readable.from([pdf], { objectMode: false });
}

/** Bytes of a chunk of PdfOutput (and of an atomic write): a national bordereau is some 330 of them. */
export const PDF_CHUNK = 64 * 1024;

/**
 * Takes a document's bytes as pdfkit writes them and hands them on in chunks of `size` bytes (the
 * last one shorter), each a copy with its own memory (whoever it is handed to may keep it).
 *
 * pdfkit pushes its output into its readable stream as it goes (in pieces of 256 KB, held by
 * native-writes.ts; before, a few small Uint8Arrays per PDF object). A 35 000-line bordereau (some
 * 20 MB, 900 000 objects) held them all until the whole document was read and concatenated (issue
 * 12, flat memory). Taken here, a bordereau holds one chunk at a time.
 */
export class PdfOutput {
  private chunk: Buffer;
  private used = 0;

  constructor(
    private readonly emit: (chunk: Buffer) => void,
    private readonly size = PDF_CHUNK,
  ) {
    this.chunk = Buffer.allocUnsafeSlow(size);
  }

  write(bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length; ) {
      const copied = Math.min(bytes.length - offset, this.size - this.used);
      this.chunk.set(bytes.subarray(offset, offset + copied), this.used);
      this.used += copied;
      offset += copied;
      if (this.used === this.size) this.flush(Buffer.allocUnsafeSlow(this.size));
    }
  }

  /** Hands on what is left; the output takes no more bytes. */
  end(): void {
    if (this.used > 0) this.flush(Buffer.alloc(0));
  }

  private flush(next: Buffer): void {
    const full = this.used === this.size ? this.chunk : this.chunk.subarray(0, this.used);
    this.chunk = next;
    this.used = 0;
    this.emit(full);
  }

  /** Sends what pdfkit wrote to `doc` (its header, from its constructor) and will write here, instead of into its stream. */
  divert(doc: PDFKit.PDFDocument): void {
    handHeld(doc);
    for (let written = doc.read() as Buffer | null; written !== null; written = doc.read() as Buffer | null) this.write(written);
    const push = doc.push.bind(doc);
    doc.push = (chunk: Uint8Array | null): boolean => {
      if (chunk !== null) {
        this.write(chunk);
        return true;
      }
      handHeld(doc); // through this push, before the end
      this.end();
      push(null);
      doc.resume(); // nothing is buffered: let pdfkit's stream emit its own 'end'
      return false;
    };
  }
}
