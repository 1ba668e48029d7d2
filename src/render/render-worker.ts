/**
 * A rendering thread: builds its PDF renderer once (templates, fonts), then renders each view it is
 * sent and posts the finished PDF back: a titre in one message, a bordereau in PDF_CHUNK pieces
 * sent while it is laid out (a national bordereau is some 20 MB: issue 12, flat memory). Used by
 * src/render/threaded-renderer.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { createPdfRenderer } from './pdf-renderer.js';
import { decodeView } from './view-codec.js';
import type { BordereauView, TitreView } from './views.js';

export interface RenderJob {
  id: number;
  kind: 'titre' | 'bordereau';
  view: unknown; // encoded with encodeView, without its config
  /** The config of this view and the next ones (encoded), when it is not the one sent before. */
  config?: unknown;
}

/** `chunk`: a piece of the PDF, more follow; `pdf`: the PDF's last piece (or the whole of it). */
export type RenderReply = { id: number; chunk: Uint8Array } | { id: number; pdf: Uint8Array } | { id: number; error: string };

const renderer = createPdfRenderer({ templatesDir: (workerData as { templatesDir?: string }).templatesDir });

async function collect(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks)); // a copy that owns its memory, so it can be transferred
}

let config: unknown;

/** Posts a piece of a PDF, its memory transferred (a PdfOutput chunk owns its ArrayBuffer). */
function post(reply: { id: number; chunk: Uint8Array } | { id: number; pdf: Uint8Array }): void {
  const bytes = 'chunk' in reply ? reply.chunk : reply.pdf;
  parentPort!.postMessage(reply satisfies RenderReply, [bytes.buffer as ArrayBuffer]);
}

parentPort!.on('message', async (job: RenderJob) => {
  try {
    if (job.config !== undefined) config = decodeView(job.config);
    const view = { ...decodeView<object>(job.view), config };
    if (job.kind === 'titre') {
      post({ id: job.id, pdf: await collect(renderer.renderTitre(view as TitreView)) });
      return;
    }
    let held: Buffer | undefined; // each piece is sent once the next one exists: the last goes as `pdf`
    renderer.streamBordereau(view as BordereauView, (chunk) => {
      if (held) post({ id: job.id, chunk: held });
      held = chunk;
    });
    post({ id: job.id, pdf: held ?? new Uint8Array(0) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) } satisfies RenderReply);
  }
});
