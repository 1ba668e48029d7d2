/**
 * Reads back the file a titres PDF embeds (render/embedded-data.ts): the Filespec named `name`, its
 * /EF stream, inflated. Our PDFs are written by pdfkit without object streams or encryption, so
 * the objects are found by their `N 0 obj` headers; a PDF rewritten by another tool may store them
 * otherwise, and then reads as having no embedded file (verify reports it).
 *
 * The PDF is searched as bytes and only its small dictionaries are made into text: a national
 * bordereau is a 22 MB file, which as one string cost 0.5 s and 22 MB of heap per reading (issue 12).
 */
import { inflateSync } from 'node:zlib';

/** The text of bytes[start, end) (PDF syntax is bytes; latin1 keeps each byte as one char code). */
function text(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('latin1', start, end);
}

/** Where `what` ends at or after `from`: the object's end, or the file's when it has none. */
function endOf(bytes: Buffer, what: string, from: number): number {
  const at = bytes.indexOf(what, from, 'latin1');
  return at < 0 ? bytes.length : at;
}

const SPACE = /\s/;

/** Object `id`'s dictionary text and where its stream's bytes start (-1: no stream). */
function objectBody(bytes: Buffer, id: string): { dict: string; streamStart: number } | undefined {
  const header = `${id} 0 obj`;
  // the header starts the file or a line
  let at = bytes.indexOf(header, 0, 'latin1');
  while (at > 0 && bytes[at - 1] !== 0x0a && bytes[at - 1] !== 0x0d) at = bytes.indexOf(header, at + 1, 'latin1');
  if (at < 0) return undefined;
  let start = at + header.length;
  while (start < bytes.length && SPACE.test(String.fromCharCode(bytes[start]))) start++;
  const end = bytes.indexOf('endobj', start, 'latin1');
  if (end < 0) return undefined;
  const streamAt = bytes.indexOf('stream', start, 'latin1');
  const hasStream = streamAt >= 0 && streamAt < end;
  const dictEnd = hasStream ? streamAt : end;
  const streamStart = hasStream ? streamAt + (bytes[streamAt + 6] === 0x0d ? 8 : 7) : -1;
  return { dict: text(bytes, start, dictEnd), streamStart };
}

/** The object number of the embedded file named `name`: the /EF of a Filespec whose /F is `name`. */
function embeddedFileId(bytes: Buffer, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const entry = new RegExp(`/F \\(${escaped}\\)[^]*?/EF <<\\s*/F (\\d+) 0 R`);
  for (let at = bytes.indexOf('/Type /Filespec', 0, 'latin1'); at >= 0; at = bytes.indexOf('/Type /Filespec', at + 1, 'latin1')) {
    const found = entry.exec(text(bytes, at, endOf(bytes, 'endobj', at)));
    if (found) return found[1];
  }
  return undefined;
}

/** The embedded file named `name`, or undefined when the PDF has none (or not in the form we write). */
export function readEmbeddedFile(bytes: Buffer, name: string): Buffer | undefined {
  const id = embeddedFileId(bytes, name);
  if (id === undefined) return undefined;
  const object = objectBody(bytes, id);
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
