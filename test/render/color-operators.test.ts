import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { useColorOperators } from '../../src/render/color-operators.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import { toBuffer } from './pdf-tools.js';

type Normalize = (color: unknown) => unknown;

/**
 * Fills and strokes in colours of every kind (six and three hex digits, named, RGB and CMYK arrays),
 * each hex colour twice. Returns the uncompressed PDF and how many colours pdfkit worked out itself.
 */
async function paint(kept: boolean): Promise<{ pdf: string; normalized: number }> {
  const doc = new PDFDocument({ compress: false, autoFirstPage: true, font: 'Helvetica', info: { CreationDate: new Date(0) } });
  const internals = doc as unknown as { _normalizeColor: Normalize };
  const normalize = internals._normalizeColor;
  let normalized = 0;
  internals._normalizeColor = function (this: unknown, color: unknown) {
    normalized++;
    return normalize.call(this, color);
  };
  if (kept) useColorOperators(doc);
  for (let round = 0; round < 2; round++) {
    doc.fillColor('#1f3a5f').text('accent', 50, 50 + round * 100);
    doc.fillColor('#abc').rect(50, 70, 10, 10).fill();
    doc.rect(70, 70, 10, 10).fill('#1F3A5F');
    doc.moveTo(50, 90).lineTo(200, 90).strokeColor('#9a9a9a').stroke();
    doc.fillColor('red').text('nommée', 100, 50);
    doc.fillColor([0, 128, 255]).text('tableau', 150, 50);
    doc.fillColor([0, 50, 100, 0]).text('CMJN', 200, 50);
  }
  doc.end();
  return { pdf: (await toBuffer(finishedPdf(doc))).toString('latin1'), normalized };
}

describe('colour operators written once per colour (color-operators.ts)', () => {
  it('write the same bytes as pdfkit', async () => {
    const plain = await paint(false);
    const kept = await paint(true);
    expect(kept.pdf).toBe(plain.pdf);
    expect(plain.pdf).toContain('/DeviceRGB cs');
    expect(plain.pdf).toContain('/DeviceCMYK cs');
  });

  it('work out each hex colour once per thread, and leave the other colours to pdfkit', async () => {
    expect((await paint(false)).normalized).toBe(14); // 7 colours a round: 4 hex, 3 others
    await paint(true);
    expect((await paint(true)).normalized).toBe(3 * 2); // the hex colours are kept from the document before
  });
});
