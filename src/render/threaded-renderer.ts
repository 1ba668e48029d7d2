/**
 * The same PDF renderer spread over worker threads, so that a large batch uses every core: each
 * renderTitre call returns at once a stream that receives the PDF when a worker has rendered it;
 * writeBordereau has a worker write the bordereau into the file given. The caller (src/apply)
 * keeps several documents in flight and still writes and journals them in plan order. Output is
 * byte-identical to the in-thread renderer (tested).
 */
import { PassThrough, type Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { WrittenPdf } from './pdf-file.js';
import type { RenderJob, RenderReply, RenderTask } from './render-worker.js';
import { PackedLines } from './bordereau-lines.js';
import { encodeView } from './view-codec.js';
import type { BordereauView, DocumentRenderer, TitreView } from './views.js';

/**
 * A rendering thread allocates fast and keeps little (a titre's objects die with it, some 20 MB
 * stay: fonts, templates, line breaks):
 * - a young generation of 12 MB (semi-spaces of 4 MB) instead of V8's default keeps each thread's
 *   memory down (800 titres, 8 MB: peak RSS 393 → 331 MB, same CPU, measured by
 *   bench/issue-child.mjs; issue 12, flat memory). Under bin/titres the flag of its first line
 *   (--max-semi-space-size=4, the process's) sets the same. Smaller costs CPU: with semi-spaces of
 *   1 MB (until 2 December 2026) a thread's scavenges freed ~0.8 MB each and promoted the rest,
 *   the titre under way, which its full collections then marked again; rendering in a thread with
 *   4 MB took 0.89 times the CPU of 1 MB (bench/render-semi-space.mjs, 8 rounds of 200 titres);
 *   8 MB 0.97 times that of 4, for 14 MB more per thread;
 * - an old generation capped at 512 MB: V8 lets a heap grow by a factor of up to 4 between two
 *   full collections when its cap is large (a worker's default comes from the machine's memory),
 *   by 1.3 when the cap is 256 MB or less, 1.4 at 512 MB. Each thread grew to ~150 MB of garbage
 *   (2 000 titres, 2 threads: peak RSS 438 -> 282 MB with a 256 MB cap). The CLI sets the factor
 *   itself for every thread (cli/heap-growth.ts: 1.3), so the cap is only a bound, and 512 MB
 *   leaves room for the largest document, a national bordereau of 35 000 lines (it held ~4 KB a
 *   line alive while laid out; about 0.5 KB since its written rows and cells are dropped,
 *   bordereau-table.ts).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 512 };

export interface ClosableRenderer extends DocumentRenderer {
  close(): Promise<void>;
}

/** Rendering threads, which stop when told that the titres are done. */
export type ThreadedRenderer = ClosableRenderer & Required<Pick<DocumentRenderer, 'titresDone'>>;

/** A rendering thread, the jobs it has in hand, and the config it was last sent. */
interface Thread {
  worker: Worker;
  load: number;
  sent: { config?: object };
}

/** A job sent to a thread: what its reply settles, and the thread it went to. */
interface Pending {
  thread: Thread;
  settle(reply: RenderReply): void;
  fail(error: Error): void;
}

/**
 * Every view of a batch carries the same configuration (issuer, comptable, services: about half of
 * a titre's view): it crosses to a thread once, and again only if another one comes, instead of
 * being copied with every view.
 */
function withoutConfig(view: TitreView | BordereauView, sent: { config?: object }): Pick<RenderJob, 'view' | 'config'> {
  const job = { view: encodeView({ ...view, config: undefined, lines: undefined }) };
  if (sent.config === view.config) return job;
  sent.config = view.config;
  return { ...job, config: encodeView(view.config) };
}

/** A worker's error: an OS refusal as such (its code names it), anything else as a failed render. */
function replyError(reply: { error: string; code?: string; syscall?: string }): Error {
  if (reply.code === undefined) return new Error(`rendu PDF impossible : ${reply.error}`);
  return Object.assign(new Error(reply.error), { code: reply.code, ...(reply.syscall ? { syscall: reply.syscall } : {}) });
}

export function createThreadedRenderer(options: { threads: number; workerUrl: URL; templatesDir?: string }): ThreadedRenderer {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let titresSent = false;
  const retired: Array<Promise<number>> = [];

  function start(): Thread {
    const worker = new Worker(options.workerUrl, { workerData: { templatesDir: options.templatesDir }, resourceLimits: WORKER_LIMITS });
    const thread: Thread = { worker, load: 0, sent: {} };
    worker.unref(); // never keeps the process alive on its own
    worker.on('message', (reply: RenderReply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      thread.load--;
      if ('error' in reply) job.fail(replyError(reply));
      else job.settle(reply);
    });
    worker.on('error', (error) => failThread(thread, error));
    worker.on('exit', (code) => failThread(thread, new Error(`fil de rendu arrêté (code ${code})`)));
    return thread;
  }
  let threads = Array.from({ length: options.threads }, start);

  function failThread(thread: Thread, error: Error): void {
    for (const [id, job] of pending) {
      if (job.thread !== thread) continue;
      pending.delete(id);
      job.fail(error);
    }
  }

  /**
   * The bordereaux of a run come after its titres, each laid out whole by one thread. A thread that
   * has laid out thousands of titres lays out a national bordereau of 35 000 lines with some 20 MB
   * more heap than a fresh one (56-58 MB against 35-40, measured by --trace-gc), and two of them at
   * once made the peak of a national run. So once titres have been sent and none is in hand, the
   * titres' threads are stopped and the bordereaux go to one fresh thread, one after the other:
   * peak RSS of the national run 310 -> 278 MB (bin/titres, 70 000 titres; 300 MB with two fresh
   * threads); 17 500 titres, 4 alternated pairs: 208-213 -> 198-200 MB, wall time 87-102 s either
   * way (means 94.6 and 94.3 s). The two bordereaux laid out at once on the worn threads had taken
   * as long as one after the other on a fresh one (~14 s for the national run's).
   * The caller says when its titres are done (titresDone), before it gathers the bordereaux' lines,
   * and waits for the threads to be gone: their heaps were still held while the main thread packed
   * a national run's two bordereaux, the run's peak (~15 MB of main heap over the titres' threads).
   */
  function forBordereaux(): void {
    if (!titresSent || pending.size > 0) return;
    titresSent = false;
    // stopped with nothing in hand: their exit fails no job
    for (const { worker } of threads) retired.push(worker.terminate());
    threads = []; // the fresh one starts with the first bordereau (submit)
  }

  /** Sends `job` to the least busy thread. */
  function submit(task: RenderTask, view: TitreView | BordereauView, on: Omit<Pending, 'thread'>): void {
    if (threads.length === 0) threads = [start()];
    const thread = threads.reduce((least, t) => (t.load < least.load ? t : least));
    const id = nextId++;
    pending.set(id, { thread, ...on });
    thread.load++;
    thread.worker.postMessage({ id, ...task, ...withoutConfig(view, thread.sent) } satisfies RenderJob);
  }

  return {
    renderTitre(view) {
      const stream = new PassThrough();
      titresSent = true;
      submit({ kind: 'titre' }, view, {
        settle: (reply) => {
          if ('pdf' in reply) stream.end(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
        },
        fail: (error) => stream.destroy(error),
      });
      return stream;
    },
    async titresDone() {
      forBordereaux();
      await Promise.all(retired);
    },
    writeBordereau(view, fd) {
      // the lines cross packed (a few arrays and one string), not as objects encoded by encodeView
      // (issue 12: a national bordereau's 35 000 lines weighed some 5 MB a copy as objects)
      const lines = PackedLines.of(view.lines).message();
      forBordereaux();
      return new Promise<WrittenPdf>((resolve, reject) => {
        submit({ kind: 'bordereau', fd, lines }, view, { settle: (reply) => 'written' in reply && resolve(reply.written), fail: reject });
      });
    },
    async close() {
      await Promise.all([...retired, ...threads.map((t) => t.worker.terminate())]);
    },
  };
}
