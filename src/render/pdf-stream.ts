/**
 * The finished PDF as a one-chunk stream. pdfkit writes a whole document synchronously on end(),
 * as some 350 small chunks per titre; handing them one by one to a file and a hash costs as much
 * as the layout itself. Collected into a single buffer, a titre is piped in one write.
 */
import { Readable } from 'node:stream';

const EOF_MARKER = Buffer.from('%%EOF\n');

/** `doc` must have been ended. */
export function finishedPdf(doc: PDFKit.PDFDocument): Readable {
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const pdf = Buffer.concat(chunks);
  if (!pdf.subarray(-EOF_MARKER.length).equals(EOF_MARKER)) {
    // Not finished synchronously (a future pdfkit?): hand back pdfkit's own stream, unread.
    if (pdf.length > 0) doc.unshift(pdf);
    return doc;
  }
  doc.resume(); // let pdfkit's stream emit its own 'end'
  return Readable.from([pdf], { objectMode: false });
}
