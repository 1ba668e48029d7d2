/**
 * Which renderer a batch gets: the in-thread one for small batches (starting threads costs more
 * than it saves), worker threads on every core for large ones. TITRES_RENDER_THREADS forces the
 * number of threads (0 = in-thread), for benchmarks and tests.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createThreadedRenderer, type ClosableRenderer } from './threaded-renderer.js';

/** From this many documents on, a batch is rendered on worker threads. */
export const THREADED_FROM = 200;

export function threadsFor(documents: number, env: NodeJS.ProcessEnv): number {
  const forced = env.TITRES_RENDER_THREADS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  const cores = availableParallelism();
  return documents >= THREADED_FROM && cores > 1 ? cores : 0;
}

export async function createBatchRenderer(documents: number, env: NodeJS.ProcessEnv): Promise<ClosableRenderer> {
  const threads = threadsFor(documents, env);
  // Worker threads run the compiled module; from the TypeScript sources (tests) there is none.
  const workerUrl = new URL('./render-worker.js', import.meta.url);
  if (threads > 0 && existsSync(fileURLToPath(workerUrl))) return createThreadedRenderer({ threads, workerUrl });
  // loaded only here: with rendering threads the main thread never holds pdfkit and fontkit
  // (issue 12, flat memory: 5.3 MB of its heap alive, measured by importing the module)
  const { createPdfRenderer } = await import('./pdf-renderer.js');
  const renderer = createPdfRenderer();
  return { ...renderer, close: async () => {} };
}
