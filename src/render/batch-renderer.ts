/**
 * Which renderer a batch gets: the in-thread one for small batches (starting threads costs more
 * than it saves), worker threads on every core for large ones. TITRES_RENDER_THREADS forces the
 * number of threads (0 = in-thread), for benchmarks and tests.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createThreadedRenderer, type ClosableRenderer } from './threaded-renderer.js';

/**
 * From this many documents on, a batch is rendered on worker threads. Each thread starts as the
 * main thread did (modules, fonts parsed, fixed subsets built and compressed, code compiled cold),
 * some 1.2 s of CPU, and the threads then share two cores with the main thread's writes. Measured
 * on 2 cores (1 December 2026, bench/issue-child.mjs, synthetic datasets, alternated runs, wall
 * time in-thread / on 2 threads): 400 titres 3.95-4.06 / 4.27-4.58 s, 800 titres 6.71-6.81 /
 * 6.64-6.95 s, 1 600 titres 10.9-13.1 / 10.8-13.9 s, for 30 % less CPU and 55-60 MB less peak RSS
 * in-thread; 2 500 titres 21.1-23.0 / 15.0-17.9 s and 5 000 titres 36.9 / 24.9 s on threads. Was
 * 200 until then.
 */
export const THREADED_FROM = 1_500;

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
