import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { handHeld, useNativeWrites } from '../../src/render/native-writes.js';

type Reference = { data: Record<string, unknown>; end(): void; finalize(): void };
/** pdfkit's own finalize of an object, taken before useNativeWrites replaces it. */
const pdfkitFinalize = (Object.getPrototypeOf(new PDFDocument({ font: '' }).ref({})) as Reference).finalize;

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
