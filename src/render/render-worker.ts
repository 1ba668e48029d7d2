/**
 * A rendering thread: builds its PDF renderer once (templates, fonts), then renders each view it is
 * sent: a titre's PDF is posted back whole, in one message; a bordereau is written into the file
 * the main thread opened for it (its descriptor comes with the job), and only its sha256 and size
 * go back. Used by src/render/threaded-renderer.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import type { WrittenPdf } from './pdf-file.js';
import { createPdfRenderer } from './pdf-renderer.js';
import { decodeView } from './view-codec.js';
import { PackedLines, type PackedLinesMessage } from './bordereau-lines.js';
import type { BordereauLines, BordereauView, TitreView } from './views.js';

/** What to do with a view: a bordereau's lines cross packed (bordereau-lines.ts), not encoded with it. */
export type RenderTask = { kind: 'titre' } | { kind: 'bordereau'; fd: number; lines: PackedLinesMessage };

export type RenderJob = RenderTask & {
  id: number;
  view: unknown; // encoded with encodeView, without its config
  /** The config of this view and the next ones (encoded), when it is not the one sent before. */
  config?: unknown;
};

/**
 * `pdf`: a titre's PDF; `written`: a bordereau written into its file. `code` and `syscall`: those of
 * an OS error (a write refused), so that the main thread reports it as the OS's refusal, not a defect.
 */
export type RenderReply =
  | { id: number; pdf: Uint8Array }
  | { id: number; written: WrittenPdf }
  | { id: number; error: string; code?: string; syscall?: string };

const renderer = createPdfRenderer({ templatesDir: (workerData as { templatesDir?: string }).templatesDir });

/** The stream's bytes in memory of their own, so that they can be transferred: copied only if they share theirs. */
async function collect(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const whole = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  return whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength ? whole : new Uint8Array(whole);
}

let config: unknown;

parentPort!.on('message', async (job: RenderJob) => {
  try {
    if (job.config !== undefined) config = decodeView(job.config);
    const view = { ...decodeView<object>(job.view), config };
    if (job.kind === 'titre') {
      const pdf = await collect(renderer.renderTitre(view as TitreView));
      parentPort!.postMessage({ id: job.id, pdf } satisfies RenderReply, [pdf.buffer as ArrayBuffer]);
      return;
    }
    const lines: BordereauLines = PackedLines.fromMessage(job.lines);
    const written = await renderer.writeBordereau({ ...view, lines } as BordereauView, job.fd);
    parentPort!.postMessage({ id: job.id, written } satisfies RenderReply);
  } catch (error) {
    const { code, syscall, message, stack } = error as NodeJS.ErrnoException;
    const reply: RenderReply =
      typeof code === 'string'
        ? { id: job.id, error: message, code, ...(typeof syscall === 'string' ? { syscall } : {}) }
        : { id: job.id, error: stack ?? String(error) };
    parentPort!.postMessage(reply);
  }
});
