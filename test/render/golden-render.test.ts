/**
 * Golden renders (issue 11): one page of each template rasterised at 40 dpi (pdftoppm) and compared
 * with test/render/golden/*.png within a tolerance (pixelmatch), so that a layout regression — a
 * block moved, a line lost, a page overflowing — shows, while a font hinting difference does not.
 * `UPDATE_GOLDEN=1 npm test` rewrites the images: look at them before committing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { sampleDocuments } from './fixtures.js';
import { HAS_POPPLER, POPPLER_MISSING, scratch, toBuffer } from './pdf-tools.js';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const renderer = createPdfRenderer();
const tmp = scratch();
/** Share of pixels allowed to differ (anti-aliasing, hinting); a moved block changes several percent. */
const TOLERANCE = 0.004;

const TEMPLATES = sampleDocuments(renderer);

function rasterise(file: string): PNG {
  return PNG.sync.read(execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file], { maxBuffer: 1 << 24 }));
}

describe.skipIf(!HAS_POPPLER)(`golden renders (${HAS_POPPLER ? 'pdftoppm' : POPPLER_MISSING})`, () => {
  for (const [name, render] of Object.entries(TEMPLATES)) {
    it(`${name} looks as it did`, async () => {
      const actual = rasterise(await tmp.write(`${name}.pdf`, await render()));
      const goldenFile = path.join(GOLDEN, `${name}.png`);
      if (process.env.UPDATE_GOLDEN || !existsSync(goldenFile)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(goldenFile, PNG.sync.write(actual));
      }
      const golden = PNG.sync.read(readFileSync(goldenFile));
      expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
      const diff = new PNG({ width: golden.width, height: golden.height });
      const differing = pixelmatch(golden.data, actual.data, diff.data, golden.width, golden.height, { threshold: 0.2 });
      const share = differing / (golden.width * golden.height);
      if (share > TOLERANCE) {
        const where = path.join(tmpdir(), `titres-golden-${name}`);
        writeFileSync(`${where}-actual.png`, PNG.sync.write(actual));
        writeFileSync(`${where}-diff.png`, PNG.sync.write(diff));
        expect.fail(`${name}: ${(share * 100).toFixed(2)} % of the pixels differ (see ${where}-actual.png and -diff.png)`);
      }
    });
  }
});
