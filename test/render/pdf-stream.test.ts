import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { renderBordereauPdf } from '../../src/render/bordereau-pdf.js';
import { loadPdfAssets } from '../../src/render/assets.js';
import { LineBreaks } from '../../src/render/line-breaks.js';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { finishedPdf, PDF_CHUNK, PdfOutput } from '../../src/render/pdf-stream.js';
import { createSharedFonts } from '../../src/render/shared-fonts.js';
import { loadTemplates } from '../../src/render/templates.js';
import { bordereauLines, bordereauView } from './fixtures.js';
import { dec, sum, toAmountString } from '../../src/engine/money.js';
import { sha256, writtenBordereau } from './pdf-tools.js';

function longBordereau(count: number) {
  const lines = bordereauLines(count);
  return bordereauView({ lines, total: toAmountString(sum(lines.map((l) => dec(l.montant)))) });
}

describe('PdfOutput (issue 12, flat memory)', () => {
  it('hands on the bytes it is given in chunks of its size, the last one shorter, each with memory of its own', () => {
    const chunks: Buffer[] = [];
    const output = new PdfOutput((chunk) => chunks.push(chunk), 8);
    const written = [Buffer.from('%PDF-1.7\n'), Buffer.from(''), Buffer.from('a'.repeat(20)), Buffer.from('xyz')];
    for (const bytes of written) output.write(bytes);
    output.end();
    expect(Buffer.concat(chunks).equals(Buffer.concat(written))).toBe(true);
    expect(chunks.map((c) => c.length)).toEqual([8, 8, 8, 8]);
    // no chunk shares another's memory (whoever gets one may keep it)
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    written[2].fill(0); // the chunks are copies
    expect(Buffer.concat(chunks).toString('latin1')).toBe(`%PDF-1.7\n${'a'.repeat(20)}xyz`);
  });

  it('ends with nothing more to hand on when the bytes fill its last chunk', () => {
    const chunks: Buffer[] = [];
    const output = new PdfOutput((chunk) => chunks.push(chunk), 4);
    output.write(Buffer.from('abcdefgh'));
    output.end();
    expect(chunks.map((c) => c.toString())).toEqual(['abcd', 'efgh']);
  });
});

describe('a bordereau written in pieces as it is laid out', () => {
  const templates = loadTemplates();
  const assets = loadPdfAssets();
  const resources = () => ({ assets, fonts: createSharedFonts(assets, templates.alphabet), lineBreaks: new LineBreaks() });

  it('has the bytes of the same bordereau read whole from pdfkit, its header included', async () => {
    const view = longBordereau(400); // some 300 KB: several chunks
    const whole = await buffer(finishedPdf(renderBordereauPdf(view, templates, resources())));
    const pieces: Buffer[] = [];
    renderBordereauPdf(view, templates, resources(), new PdfOutput((chunk) => pieces.push(chunk)));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.slice(0, -1).every((p) => p.length === PDF_CHUNK)).toBe(true);
    expect(Buffer.concat(pieces).equals(whole)).toBe(true);
    const { pdf, written } = await writtenBordereau(createPdfRenderer(), view);
    expect(pdf.equals(whole)).toBe(true);
    expect(written).toEqual({ sha256: sha256(whole), bytes: whole.length });
  });
});
