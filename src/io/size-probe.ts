/**
 * The sizes of the journaled PDFs, measured in a worker thread while the main thread parses the
 * journal: the folder check of issue, cancel and export-pes (src/apply/check-out.ts) stats every
 * journaled document, 70 000 of them in half a second, which issue 10 wants done, with the rest
 * of the check, in under a second.
 *
 * The worker reads the journal's very bytes (shared, not read again), finds each line's
 * `fichier` cell with a cheap split (no CSV parsing, no validation) and stats OUT/fichier. Its
 * results are hints, never trusted blindly: `sizeAt` gives a size only when the bytes the worker
 * took as the cell spell exactly the document's `fichier` as the journal parser read it, so the
 * size is that of the very path the check would stat. Anything else (a quoted line, a cell the
 * split got wrong, a stat that failed in the worker, a worker that failed) is undefined: the
 * check stats that path itself, as it always did, with the same errors.
 */
import { Worker } from 'node:worker_threads';

/** What the worker found for each physical line of the journal (0-based, the header being 0). */
interface Measures {
  /** Size in bytes; -1 when the file is absent; NaN when not measured. */
  sizes: Float64Array;
  /** Where the bytes taken as the line's `fichier` cell start and end. */
  starts: Int32Array;
  ends: Int32Array;
}

export interface SizeProbe {
  /**
   * The size of OUT/`fichier` of the document on journal line `line` (1-based): bytes, null when
   * the file is absent, undefined when the worker did not measure that very path (stat it then).
   * Waits for the worker.
   */
  sizes(): Promise<(line: number, fichier: string) => number | null | undefined>;
  /** Stops the worker (when the check ends early, or once its sizes are used). */
  stop(): void;
}

/**
 * The worker's script: its source is run as is, so it is self-contained and gets the Node modules
 * it uses as arguments (see WORKER_SCRIPT). The path is joined as resolveOut (output-layout.ts)
 * does: join(outDir, fichier).
 */
function measureSizes(
  { parentPort, workerData }: typeof import('node:worker_threads'),
  { statSync }: typeof import('node:fs'),
  { join }: typeof import('node:path'),
): void {
  const { outDir, journal } = workerData as { outDir: string; journal: Uint8Array };
  const bytes = Buffer.from(journal.buffer, journal.byteOffset, journal.length);
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  const sizes = new Float64Array(lines).fill(NaN);
  const starts = new Int32Array(lines);
  const ends = new Int32Array(lines);
  const headerEnd = bytes.indexOf(10);
  const header = bytes.toString('latin1', 0, Math.max(headerEnd, 0)).replace(/^\xef\xbb\xbf/, '').replace(/\r$/, '').split(',');
  const column = header.lastIndexOf('fichier');
  let start = headerEnd + 1;
  for (let i = 1; i < lines && column >= 0; i++) {
    const end = bytes.indexOf(10, start);
    let cell = start;
    for (let c = 0; c < column && cell <= end; c++) cell = bytes.indexOf(44, cell) + 1 || end + 1;
    const comma = bytes.indexOf(44, cell);
    const cellEnd = comma >= 0 && comma < end ? comma : end;
    if (cell < cellEnd) {
      try {
        const stats = statSync(join(outDir, bytes.toString('latin1', cell, cellEnd)), { throwIfNoEntry: false });
        sizes[i] = stats === undefined ? -1 : stats.size;
        starts[i] = cell;
        ends[i] = cellEnd;
      } catch {
        // left unmeasured: the check stats it and meets the same error
      }
    }
    start = end + 1;
  }
  parentPort!.postMessage({ sizes, starts, ends } satisfies Measures, [sizes.buffer, starts.buffer, ends.buffer]);
}

/** measureSizes run in a worker (dynamic imports: an eval'd script may be run as CommonJS or as a module). */
const WORKER_SCRIPT = `Promise.all(['node:worker_threads', 'node:fs', 'node:path'].map((m) => import(m))).then((m) => (${measureSizes.toString()})(...m));`;

/** Whether bytes[start, end) read as Latin-1 are `text`. */
function spells(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

/**
 * Starts measuring the sizes of the documents of `journal` (the bytes of OUT/journal.csv, best in
 * shared memory as readJournalBytes gives them; copied there otherwise).
 */
export function startSizeProbe(outDir: string, journal: Uint8Array): SizeProbe {
  let shared = journal;
  if (!(journal.buffer instanceof SharedArrayBuffer)) {
    shared = Buffer.from(new SharedArrayBuffer(journal.length));
    Buffer.from(journal.buffer, journal.byteOffset, journal.length).copy(shared);
  }
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { outDir, journal: shared } });
  } catch {
    return { sizes: async () => () => undefined, stop: () => undefined }; // no thread to be had: the check stats every PDF
  }
  const measured = new Promise<Measures | undefined>((resolve) => {
    worker.once('message', (m: Measures) => resolve(m));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    async sizes() {
      const m = await measured;
      return (line, fichier) => {
        const i = line - 1;
        if (m === undefined || !(i < m.sizes.length) || Number.isNaN(m.sizes[i]) || !spells(shared, m.starts[i], m.ends[i], fichier)) return undefined;
        return m.sizes[i] < 0 ? null : m.sizes[i];
      };
    },
    stop() {
      void worker.terminate();
    },
  };
}
