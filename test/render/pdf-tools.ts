/**
 * Test helpers: render a view to bytes, write it to a temporary folder, and read it back with
 * poppler-utils and qpdf. Tests that need a tool are skipped, with the reason, when it is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import type { WrittenPdf } from '../../src/render/pdf-file.js';
import type { BordereauView, DocumentRenderer } from '../../src/render/views.js';

export async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A bordereau as `renderer` writes it into a file (writeBordereau), read back, and what the renderer said it wrote. */
export async function writtenBordereau(renderer: DocumentRenderer, view: BordereauView): Promise<{ pdf: Buffer; written: WrittenPdf }> {
  const dir = await mkdtemp(join(tmpdir(), 'titres-bordereau-'));
  try {
    const file = join(dir, 'bordereau.pdf');
    const fd = openSync(file, 'w');
    let written: WrittenPdf;
    try {
      written = await renderer.writeBordereau(view, fd);
    } finally {
      closeSync(fd);
    }
    return { pdf: await readFile(file), written };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A bordereau's PDF as `renderer` writes it. */
export async function bordereauBytes(renderer: DocumentRenderer, view: BordereauView): Promise<Buffer> {
  return (await writtenBordereau(renderer, view)).pdf;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Is `tool` installed (found on the PATH)? */
export function available(tool: string): boolean {
  const result = spawnSync(tool, ['-v'], { stdio: 'ignore' });
  return !(result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT');
}

export const HAS_POPPLER = available('pdftotext') && available('pdffonts') && available('pdfinfo');
export const HAS_QPDF = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).error === undefined;
export const POPPLER_MISSING = 'SKIPPED: pdftotext/pdffonts/pdfinfo absent (apt-get install poppler-utils)';
export const QPDF_MISSING = 'SKIPPED: qpdf absent (apt-get install qpdf)';

/** A temporary folder for the PDFs of the calling test file: made before its tests, removed after. */
export function scratch(): { write(name: string, bytes: Buffer): Promise<string> } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'titres-render-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    async write(name, bytes) {
      const file = join(dir, name);
      await writeFile(file, bytes);
      return file;
    },
  };
}

/**
 * pdftotext, with every run of white space (no-break ones too) made one space. `reading` is
 * pdftotext's layout analysis (columns apart); `raw` keeps the content order (table rows whole);
 * `layout` keeps the page's physical layout (-layout).
 */
export function pdfText(file: string, mode: 'reading' | 'raw' | 'layout' = 'reading'): string {
  const args = mode === 'raw' ? ['-raw', '-enc', 'UTF-8', file, '-'] : mode === 'layout' ? ['-layout', '-enc', 'UTF-8', file, '-'] : ['-enc', 'UTF-8', file, '-'];
  return normalise(execFileSync('pdftotext', args, { encoding: 'utf8' }));
}

/**
 * The text of `file` (pdfText, `mode`) holds each of `present` and none of `absent`. Checked where
 * poppler is installed (CI installs it); elsewhere the rest of the test runs without this check.
 */
export function expectPdfText(file: string, present: string[], absent: string[] = [], mode: 'reading' | 'raw' | 'layout' = 'reading'): void {
  if (!HAS_POPPLER) return;
  const text = pdfText(file, mode);
  for (const words of present) expect(text).toContain(words);
  for (const words of absent) expect(text).not.toContain(words);
}

export function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export function pdfFonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

/** qpdf --check: exit status 0 when the file has no syntax or stream error. */
export function qpdfCheck(file: string): { status: number | null; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of page 1 with its box in points from the top-left corner (pdftotext -bbox). */
export function wordBoxes(file: string): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: unescape(m[5]),
  }));
}

/** The words of `boxes` grouped into lines (same baseline, ±1 pt), left to right, top to bottom. */
export function linesOf(boxes: readonly WordBox[]): { y: number; text: string }[] {
  const lines: { y: number; words: WordBox[] }[] = [];
  for (const box of [...boxes].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin)) {
    const line = lines.find((l) => Math.abs(l.y - box.yMax) <= 1);
    if (line) line.words.push(box);
    else lines.push({ y: box.yMax, words: [box] });
  }
  return lines.map((l) => ({ y: l.y, text: l.words.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join(' ') }));
}

/** Points per millimetre. */
export const MM = 72 / 25.4;

/**
 * The addressee's block on page 1 (« Madame, Monsieur le Maire » to « 69130 Écully », right of
 * 95 mm) and the words printed elsewhere inside the window of a DL/C5 envelope (100 × 45 mm, left
 * edge about 100 mm, top 45–55 mm from the top of the page, taken with its margins of fold).
 */
export function addresseeWindow(boxes: readonly WordBox[]): { block: { x0: number; x1: number; y0: number; y1: number }; intruders: string[] } {
  const lines = linesOf(boxes.filter((b) => b.xMin > 95 * MM));
  const first = lines.find((l) => l.text === 'Madame, Monsieur le Maire');
  const last = lines.find((l) => l.text === '69130 Écully');
  if (!first || !last) throw new Error(`addressee not found in: ${lines.map((l) => l.text).join(' | ')}`);
  const block = boxes.filter((b) => b.yMax >= first.y - 12 && b.yMax <= last.y + 0.5 && b.xMin > 95 * MM);
  return {
    block: {
      x0: Math.min(...block.map((b) => b.xMin)),
      x1: Math.max(...block.map((b) => b.xMax)),
      y0: Math.min(...block.map((b) => b.yMin)),
      y1: Math.max(...block.map((b) => b.yMax)),
    },
    intruders: boxes.filter((b) => b.xMax > 100 * MM && b.xMin < 200 * MM && b.yMax > 48 * MM && b.yMin < 93 * MM && !block.includes(b)).map((b) => b.text),
  };
}
