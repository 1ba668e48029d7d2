/**
 * Binary files the PDFs embed, read once per process: the DejaVu Sans fonts and pdfkit's sRGB
 * ICC profile (the PDF/A output intent), which is also compressed once here for every document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

export interface PdfAssets {
  regular: Buffer;
  bold: Buffer;
  iccProfile: Buffer;
  /** iccProfile deflated (as pdfkit would compress it), written as is into each document. */
  iccProfileDeflated: Buffer;
}

const require = createRequire(import.meta.url);

/**
 * pdfkit ≥ 0.20 lists its subpaths in `exports` and its ICC profile is not among them: resolve the
 * package's CommonJS entry (js/pdfkit.js) and take the profile beside it (js/data/).
 */
const ICC_PROFILE_PATH = join(dirname(require.resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc');

let cached: PdfAssets | undefined;

export function loadPdfAssets(): PdfAssets {
  if (!cached) {
    const iccProfile = readFileSync(ICC_PROFILE_PATH);
    cached = {
      regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
      iccProfile,
      iccProfileDeflated: deflateSync(iccProfile),
    };
  }
  return cached;
}
