/**
 * Reads back the file a titres PDF embeds (render/embedded-data.ts): the Filespec named `name`, its
 * /EF stream, inflated. Our PDFs are written by pdfkit without object streams or encryption, so
 * the objects are found by their `N 0 obj` headers; a PDF rewritten by another tool may store them
 * otherwise, and then reads as having no embedded file (verify reports it).
 */
import { inflateSync } from 'node:zlib';

function objectBody(pdf: string, id: string): { dict: string; streamStart: number } | undefined {
  const header = new RegExp(`(?:^|[\\r\\n])${id} 0 obj\\s*`, 'g');
  const m = header.exec(pdf);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const end = pdf.indexOf('endobj', start);
  if (end < 0) return undefined;
  const streamAt = pdf.indexOf('stream', start);
  const dictEnd = streamAt >= 0 && streamAt < end ? streamAt : end;
  const streamStart = streamAt >= 0 && streamAt < end ? streamAt + (pdf[streamAt + 6] === '\r' ? 8 : 7) : -1;
  return { dict: pdf.slice(start, dictEnd), streamStart };
}

/** The embedded file named `name`, or undefined when the PDF has none (or not in the form we write). */
export function readEmbeddedFile(bytes: Buffer, name: string): Buffer | undefined {
  const pdf = bytes.toString('latin1');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filespec = new RegExp(`/Type /Filespec[^]*?/F \\(${escaped}\\)[^]*?/EF <<\\s*/F (\\d+) 0 R`).exec(pdf);
  if (!filespec) return undefined;
  const object = objectBody(pdf, filespec[1]);
  if (!object || object.streamStart < 0) return undefined;
  const length = /\/Length (\d+)/.exec(object.dict);
  if (!length) return undefined;
  const raw = bytes.subarray(object.streamStart, object.streamStart + Number(length[1]));
  try {
    return /\/Filter \/FlateDecode/.test(object.dict) ? inflateSync(raw) : Buffer.from(raw);
  } catch {
    return undefined;
  }
}
