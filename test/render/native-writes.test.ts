import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { handHeld, useNativeWrites } from '../../src/render/native-writes.js';

type Reference = { data: Record<string, unknown>; end(): void; finalize(): void };
/** pdfkit's own finalize of an object, taken before useNativeWrites replaces it. */
const pdfkitFinalize = (Object.getPrototypeOf(new PDFDocument({ font: '' }).ref({})) as Reference).finalize;
/** pdfkit's own write to an object's stream, taken likewise. */
const pdfkitWrite = (Object.getPrototypeOf(new PDFDocument({ font: '' }).ref({})) as { write(chunk: string | Uint8Array): void }).write;

useNativeWrites();

/** The chunks a document hands to its stream, from its header to %%EOF. */
function chunksOf(fill: (doc: PDFKit.PDFDocument) => void): Promise<Buffer[]> {
  const doc = new PDFDocument({ compress: false, font: 'Helvetica', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer[]>((resolve) => doc.on('end', () => resolve(chunks)));
  fill(doc);
  doc.end();
  return ended;
}

/** Each entry of the cross-reference table, with the bytes at the offset it gives. */
function crossReferences(pdf: Buffer): Array<{ id: number; at: string }> {
  const text = pdf.toString('latin1');
  const table = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(table, table + 5)).toBe('xref\n');
  const entries = [...text.slice(table).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  return entries.map((offset, index) => ({ id: index + 1, at: text.slice(offset, offset + `${index + 1} 0 obj`.length) }));
}

describe('a document held until it is whole (issue 12, rendering at the floor)', () => {
  it('reaches its stream as one chunk, its cross-reference table pointing at each of its objects', async () => {
    const chunks = await chunksOf((doc) => doc.text('Titre de recette n° 2026-00001 : 1 210,00 €'));
    expect(chunks).toHaveLength(1);
    const references = crossReferences(chunks[0]);
    expect(references.length).toBeGreaterThan(5);
    for (const { id, at } of references) expect(at).toBe(`${id} 0 obj`);
  });

  it('passes on a larger one in pieces, in the order written, without losing a byte', async () => {
    const attached = randomBytes(600 * 1024); // uncompressed: the file outgrows what is held twice over
    const chunks = await chunksOf((doc) => {
      doc.text('Bordereau');
      doc.file(attached, { name: 'pj.bin' });
    });
    expect(chunks.length).toBeGreaterThan(1);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
    expect(pdf.indexOf(attached)).toBeGreaterThan(0);
    for (const { id, at } of crossReferences(pdf)) expect(at).toBe(`${id} 0 obj`);
  });
});

describe('the objects of a document, printed here (issue 12, rendering at the floor)', () => {
  /** The bytes of object `data` in a new document, ended by our finalize or by pdfkit's. */
  function objectBytes(data: (doc: PDFKit.PDFDocument) => Record<string, unknown>, byPdfkit: boolean): string {
    const doc = new PDFDocument({ autoFirstPage: false, font: '', compress: false });
    handHeld(doc);
    doc.read(); // the header
    const reference = (doc as unknown as { ref(data: object): Reference }).ref(data(doc));
    if (byPdfkit) pdfkitFinalize.call(reference);
    else reference.end();
    handHeld(doc);
    return (doc.read() as Buffer).toString('latin1');
  }

  const page = (doc: PDFKit.PDFDocument) => (doc as unknown as { ref(): object }).ref();
  const values: Array<[string, (doc: PDFKit.PDFDocument) => Record<string, unknown>]> = [
    ['a structure element', (doc) => ({ S: 'P', P: page(doc), K: [0, 3, { Type: 'MCR', Pg: page(doc), MCID: 4 }], Pg: page(doc) })],
    ['numbers as pdfkit rounds them', () => ({ W: [0, [600, 317.87109375, 1000 / 3, 0.1 + 0.2, 0, 1e-7, -12.5]], Count: 3 })],
    ['booleans, null, holes and undefined entries', () => ({ Marked: true, Open: false, N: null, A: [undefined, 1], Skip: undefined, Empty: {} })],
    ['nested arrays and dictionaries', () => ({ MediaBox: [0, 0, 595.28, 841.89], Resources: { Font: { F1: 'Helvetica' }, ProcSet: ['PDF', 'Text'] } })],
    ['text strings, dates and bytes (printed by pdfkit)', () => ({ Title: new String('Titre n° 2026-00001 (é)'), D: new Date(0), ID: new Uint8Array([1, 255]) })],
  ];
  it.each(values)('%s: the bytes pdfkit prints', (_, data) => {
    expect(objectBytes(data, false)).toBe(objectBytes(data, true));
  });

  it('a stream: its length, then its bytes, as pdfkit writes them', () => {
    const withStream = (byPdfkit: boolean): string => {
      const doc = new PDFDocument({ autoFirstPage: false, font: '', compress: false });
      const reference = (doc as unknown as { ref(data: object): Reference & { write(chunk: string): void } }).ref({ Type: 'EmbeddedFile' });
      reference.write('BT /F1 9 Tf (a) Tj ET');
      reference.write(Buffer.from([0, 1, 2]) as unknown as string);
      if (byPdfkit) pdfkitFinalize.call(reference);
      else reference.end();
      handHeld(doc);
      return (doc.read() as Buffer).toString('latin1');
    };
    const ours = withStream(false);
    expect(ours).toContain('/Length 25\n>>\nstream\nBT /F1 9 Tf (a) Tj ET\n\x00\x01\x02\nendstream\nendobj\n');
    expect(ours).toBe(withStream(true));
  });
});

describe('the strings of a stream, turned into bytes as they are written (issue 12, rendering at the floor)', () => {
  type Stream = Reference & { write(chunk: string | Uint8Array): void; compress: boolean };

  /** The bytes of each of `writes`' objects (numbered N), written to one document (compressed or not), their chunks interleaved. */
  function streamObjects(compress: boolean, writes: Array<Array<string | Uint8Array>>): { objects: string[] } {
    const doc = new PDFDocument({ autoFirstPage: false, font: '', compress });
    handHeld(doc);
    doc.read(); // the header
    const streams = writes.map(() => (doc as unknown as { ref(data: object): Stream }).ref({}));
    // interleaved: the first chunk of each, then the second of each…
    for (let i = 0; i < Math.max(...writes.map((w) => w.length)); i++) {
      writes.forEach((chunks, s) => chunks[i] !== undefined && streams[s].write(chunks[i]));
    }
    const objects = streams.map((stream) => {
      stream.end();
      handHeld(doc);
      return (doc.read() as Buffer).toString('latin1').replace(/^\d+ 0 obj/, 'N 0 obj');
    });
    return { objects };
  }

  /** What pdfkit 0.20 writes for an object holding `chunks` (each string ended by a newline), deflated at level 3 if `compress`. */
  function expected(chunks: Array<string | Uint8Array>, compress: boolean): string {
    const raw = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(`${c}\n`, 'latin1') : c)));
    const stream = compress ? deflateSync(raw, { level: 3 }) : raw;
    const filter = compress ? '\n/Filter /FlateDecode' : '';
    return `N 0 obj\n<<\n/Length ${stream.length}${filter}\n>>\nstream\n${stream.toString('latin1')}\nendstream\nendobj\n`;
  }

  const operators = ['q', '/DeviceRGB cs', '0.113725 0.305882 0.537255 scn', `1 0 0 -1 0 841.89 cm\nBT\n${'[<0024> 30 <0039>] TJ\n'.repeat(4)}ET`, 'Q'];
  // char codes above 0xff keep their low byte, short strings (copied one char at a time) as long ones
  const wide = ['(\u0153\u2019)', `(${'\u20ac\u00e9'.repeat(40)})`];

  it.each([true, false])('a stream of strings alone (compress: %s): the bytes pdfkit writes', (compress) => {
    const chunks = [...operators, ...wide];
    expect(streamObjects(compress, [chunks]).objects[0]).toBe(expected(chunks, compress));
  });

  it('strings and bytes, not compressed: the bytes of pdfkit’s own write and finalize', () => {
    const chunks = [...operators, Buffer.from([0, 0x0a, 0xff]), ...wide, new Uint8Array(0), 'Q'];
    const doc = new PDFDocument({ autoFirstPage: false, font: '', compress: false });
    handHeld(doc);
    doc.read();
    const reference = (doc as unknown as { ref(data: object): Reference }).ref({});
    for (const chunk of chunks) pdfkitWrite.call(reference, chunk);
    pdfkitFinalize.call(reference);
    handHeld(doc);
    const byPdfkit = (doc.read() as Buffer).toString('latin1').replace(/^\d+ 0 obj/, 'N 0 obj');
    expect(streamObjects(false, [chunks]).objects[0]).toBe(byPdfkit);
  });

  it('strings then bytes then strings: the bytes pdfkit writes, and the same as strings alone', () => {
    const chunks = [...operators, Buffer.from([0, 1, 0xff]), new Uint8Array(0), ...wide];
    expect(streamObjects(true, [chunks]).objects[0]).toBe(expected(chunks, true));
    // an empty chunk hands the strings written so far as a copy: the same stream as when they are deflated where written
    expect(streamObjects(true, [[...operators, new Uint8Array(0)]]).objects[0]).toBe(streamObjects(true, [operators]).objects[0]);
  });

  it('no string: no stream, as pdfkit writes it', () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: '', compress: true });
    handHeld(doc);
    doc.read();
    pdfkitFinalize.call((doc as unknown as { ref(data: object): Reference }).ref({}));
    handHeld(doc);
    const byPdfkit = (doc.read() as Buffer).toString('latin1').replace(/^\d+ 0 obj/, 'N 0 obj');
    expect(streamObjects(true, [[]]).objects[0]).toBe(byPdfkit);
    expect(byPdfkit).toBe('N 0 obj\n<<\n>>\nendobj\n');
  });

  it('streams larger than the buffers kept, one after the other and interleaved, each its own bytes', () => {
    const large = Array.from({ length: 3000 }, (_, i) => `1 0 0 1 ${i} ${i * 2.5} Tm\n[<00${(i % 256).toString(16).padStart(2, '0')}> ${i}] TJ`); // ~100 KB
    const huge = Array.from({ length: 40 }, (_, i) => `${String(i).repeat(8)} ${'x'.repeat(40_000)}`); // ~1.6 MB, not kept
    for (const compress of [true, false]) {
      const { objects } = streamObjects(compress, [large, operators, huge, wide]);
      expect(objects).toEqual([expected(large, compress), expected(operators, compress), expected(huge, compress), expected(wide, compress)]);
      // and again, in the buffers the first streams gave back
      expect(streamObjects(compress, [operators, large]).objects).toEqual([expected(operators, compress), expected(large, compress)]);
    }
  });

  it('two documents written in turn: each file the bytes it has when written alone', async () => {
    const pdfOf = (doc: PDFKit.PDFDocument): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      return new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    };
    const open = () => new PDFDocument({ compress: true, font: 'Helvetica', info: { CreationDate: new Date(0) } });
    const alone = await Promise.all(
      [['Titre 1', 'suite'], ['Titre 2']].map((texts) => {
        const doc = open();
        const pdf = pdfOf(doc);
        for (const text of texts) doc.text(text);
        doc.end();
        return pdf;
      }),
    );
    const [first, second] = [open(), open()];
    const inTurn = Promise.all([pdfOf(first), pdfOf(second)]);
    first.text('Titre 1');
    second.text('Titre 2');
    first.text('suite');
    second.end();
    first.end();
    const [one, two] = await inTurn;
    expect(one.equals(alone[0])).toBe(true);
    expect(two.equals(alone[1])).toBe(true);
    expect(one.equals(two)).toBe(false);
  });
});
