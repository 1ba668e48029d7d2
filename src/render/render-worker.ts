/**
 * A rendering thread: builds its PDF renderer once (templates, fonts), then renders each view it is
 * sent and posts the finished PDF back. Used by src/render/threaded-renderer.ts.
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

export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const renderer = createPdfRenderer({ templatesDir: (workerData as { templatesDir?: string }).templatesDir });

async function collect(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks)); // a copy that owns its memory, so it can be transferred
}

let config: unknown;

parentPort!.on('message', async (job: RenderJob) => {
  try {
    if (job.config !== undefined) config = decodeView(job.config);
    const view = { ...decodeView<object>(job.view), config };
    const stream = job.kind === 'titre' ? renderer.renderTitre(view as TitreView) : renderer.renderBordereau(view as BordereauView);
    const pdf = await collect(stream);
    parentPort!.postMessage({ id: job.id, pdf } satisfies RenderReply, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) } satisfies RenderReply);
  }
});
