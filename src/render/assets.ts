/**
 * Binary files the PDFs embed, read once per process: the DejaVu Sans fonts and pdfkit's sRGB
 * ICC profile (the PDF/A output intent).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface PdfAssets {
  regular: Buffer;
  bold: Buffer;
  iccProfile: Buffer;
}

const require = createRequire(import.meta.url);

let cached: PdfAssets | undefined;

export function loadPdfAssets(): PdfAssets {
  cached ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    iccProfile: readFileSync(require.resolve('pdfkit/js/data/sRGB_IEC61966_2_1.icc')),
  };
  return cached;
}
