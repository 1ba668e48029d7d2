/**
 * The sizes of the journaled PDFs, measured by two threads: a worker starts on them while the
 * main thread parses the journal, and the main thread takes its share once its parse is done.
 * The folder check of issue, cancel and export-pes (src/apply/check-out.ts) stats every journaled
 * document, 70 000 of them, which issue 10 wants done, with the rest of the check, in under a
 * second: the stats alone take about as long as the parse, so each thread does what it can.
 *
 * The journal's physical lines are cut into chunks of CHUNK_LINES, claimed one at a time from a
 * counter in shared memory (Atomics.add), by the worker from its start and by the main thread
 * once it has parsed: each chunk is measured once, by whichever thread claimed it.
 *
 * - The worker reads the journal's very bytes (shared, not read again), finds each line's
 *   `fichier` cell with a cheap split (no CSV parsing, no validation) and stats OUT/fichier. Its
 *   results are hints, never trusted blindly: `sizeAt` gives a size only when the bytes the worker
 *   took as the cell spell exactly the document's `fichier` as the journal parser read it, so the
 *   size is that of the very path the check would stat. Anything else (a quoted line, a cell the
 *   split got wrong, a stat that failed in the worker, a worker that failed) is undefined: the
 *   check stats that path itself, as it always did, with the same errors.
 * - The main thread stats the parsed documents of the chunks it claims, by their `fichier`.
 *
 * Both make each path as resolveOut does (outPaths in output-layout.ts: the same string).
 */
import { Worker } from 'node:worker_threads';
import { NOT_PLAIN_RELATIVE, outPaths } from './output-layout.js';
import { statSync } from 'node:fs';

/** Physical lines per claim: a few milliseconds of stats, small enough to end both threads together. */
export const CHUNK_LINES = 256;

/** What the worker measured for each physical line of the journal (0-based, the header being 0). */
interface Measures {
  /** Size in bytes; -1 when the file is absent; NaN when not measured. */
  sizes: Float64Array;
  /** Where the bytes the worker took as the line's `fichier` cell start and end. */
  starts: Int32Array;
  ends: Int32Array;
}

/** A parsed document, as the main thread measures it: its physical line (1-based) and its file. */
export interface MeasuredEntry {
  line: number;
  doc: { fichier: string };
}

export interface SizeProbe {
  /**
   * Hands the worker the journal's bytes (OUT/journal.csv, best in shared memory as
   * readJournalBytes gives them; copied there otherwise): it measures from then on.
   */
  measure(journal: Uint8Array): void;
  /**
   * Measures on this thread the chunks the worker has not claimed (the documents of `entries`,
   * in line order), waits for the worker, then tells the size of OUT/`fichier` of the document
   * on journal line `line` (1-based): bytes, null when the file is absent, undefined when
   * neither thread measured that very path (stat it then).
   */
  sizes(entries: readonly MeasuredEntry[]): Promise<(line: number, fichier: string) => number | null | undefined>;
  /** Stops the worker (when the check ends early, or once its sizes are used). */
  stop(): void;
}

/**
 * The worker's script: its source is run as is, so it is self-contained and gets the Node modules
 * it uses as arguments (see WORKER_SCRIPT). A plain path is the prefix and the cell, as outPaths
 * makes it; any other goes through join, as resolveOut.
 */
function measureSizes(
  { parentPort, workerData }: typeof import('node:worker_threads'),
  { statSync }: typeof import('node:fs'),
  { join }: typeof import('node:path'),
): void {
  const { outDir, prefix, notPlain, claims, chunkLines } = workerData as {
    outDir: string;
    prefix: string | undefined;
    notPlain: string;
    claims: Int32Array;
    chunkLines: number;
  };
  const notPlainPath = new RegExp(notPlain);
  // started while the journal is read: its bytes come in the first message
  parentPort!.once('message', (journal: Uint8Array) => {
    const bytes = Buffer.from(journal.buffer, journal.byteOffset, journal.length);
    let lines = 0;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
    const lineStarts = new Int32Array(lines + 1);
    for (let i = 1, at = bytes.indexOf(10); i <= lines; i++, at = bytes.indexOf(10, at + 1)) lineStarts[i] = at + 1;
    const sizes = new Float64Array(lines).fill(NaN);
    const starts = new Int32Array(lines);
    const ends = new Int32Array(lines);
    const headerEnd = lineStarts[1] - 1;
    const header = bytes.toString('latin1', 0, Math.max(headerEnd, 0)).replace(/^\xef\xbb\xbf/, '').replace(/\r$/, '').split(',');
    const column = header.lastIndexOf('fichier');
    const chunks = column < 0 ? 0 : Math.ceil(lines / chunkLines);
    for (let chunk = Atomics.add(claims, 0, 1); chunk < chunks; chunk = Atomics.add(claims, 0, 1)) {
      for (let i = Math.max(1, chunk * chunkLines), last = Math.min(lines, (chunk + 1) * chunkLines); i < last; i++) {
        const start = lineStarts[i];
        const end = lineStarts[i + 1] - 1;
        let cell = start;
        for (let c = 0; c < column && cell <= end; c++) cell = bytes.indexOf(44, cell) + 1 || end + 1;
        const comma = bytes.indexOf(44, cell);
        const cellEnd = comma >= 0 && comma < end ? comma : end;
        if (cell >= cellEnd) continue;
        const relative = bytes.toString('latin1', cell, cellEnd);
        try {
          const path = prefix !== undefined && !notPlainPath.test(relative) ? prefix + relative : join(outDir, relative);
          const stats = statSync(path, { throwIfNoEntry: false });
          sizes[i] = stats === undefined ? -1 : stats.size;
          starts[i] = cell;
          ends[i] = cellEnd;
        } catch {
          // left unmeasured: the check stats it and meets the same error
        }
      }
    }
    parentPort!.postMessage({ sizes, starts, ends } satisfies Measures, [sizes.buffer, starts.buffer, ends.buffer]);
  });
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
 * Starts the worker that will measure the sizes of the journaled documents (best before the
 * journal is read: it starts meanwhile), which `measure` then hands it. Without `thread` (or when
 * no worker can be started), the main thread measures every document in `sizes`.
 */
export function startSizeProbe(outDir: string, { thread = true }: { thread?: boolean } = {}): SizeProbe {
  let shared: Uint8Array | undefined;
  const claims = new Int32Array(new SharedArrayBuffer(4)); // [0]: the next chunk to claim
  const paths = outPaths(outDir);
  let measured: Promise<Measures | undefined> = Promise.resolve(undefined);
  let worker: Worker | undefined;
  if (thread) {
    try {
      const started = new Worker(WORKER_SCRIPT, {
        eval: true,
        workerData: { outDir, prefix: paths.prefix, notPlain: NOT_PLAIN_RELATIVE.source, claims, chunkLines: CHUNK_LINES },
      });
      measured = new Promise<Measures | undefined>((resolve) => {
        started.once('message', (m: Measures) => resolve(m));
        started.once('error', () => resolve(undefined));
        started.once('exit', () => resolve(undefined));
      });
      worker = started;
    } catch {
      // no thread to be had: the main thread claims every chunk
    }
  }
  return {
    measure(journal) {
      shared = journal;
      if (!(journal.buffer instanceof SharedArrayBuffer)) {
        shared = Buffer.from(new SharedArrayBuffer(journal.length));
        Buffer.from(journal.buffer, journal.byteOffset, journal.length).copy(shared);
      }
      worker?.postMessage(shared);
    },
    async sizes(entries) {
      // the chunks after the last document's hold none: this thread claims up to it
      const chunks = entries.length === 0 ? 0 : Math.ceil(entries[entries.length - 1].line / CHUNK_LINES);
      const mine = new Map<number, { fichier: string; size: number }>(); // line index → what this thread stat'd
      let next = 0; // entries are in line order, claims in increasing order: one pass
      // a chunk past `chunks` holds no document: this thread never claims one (the worker may)
      for (let chunk = -1; Atomics.load(claims, 0) < chunks && (chunk = Atomics.add(claims, 0, 1)) < chunks; ) {
        const first = chunk * CHUNK_LINES;
        const last = first + CHUNK_LINES;
        while (next < entries.length && entries[next].line - 1 < first) next++;
        for (; next < entries.length && entries[next].line - 1 < last; next++) {
          const { line, doc } = entries[next];
          try {
            const stats = statSync(paths.resolve(doc.fichier), { throwIfNoEntry: false });
            mine.set(line - 1, { fichier: doc.fichier, size: stats === undefined ? -1 : stats.size });
          } catch {
            // left unmeasured: the check stats it and meets the same error
          }
        }
      }
      const m = await measured;
      return (line, fichier) => {
        const i = line - 1;
        const own = mine.get(i);
        let size: number;
        if (own !== undefined) {
          if (own.fichier !== fichier) return undefined;
          size = own.size;
        } else {
          if (m === undefined || !(i < m.sizes.length) || Number.isNaN(m.sizes[i]) || !spells(shared!, m.starts[i], m.ends[i], fichier)) return undefined;
          size = m.sizes[i];
        }
        return size < 0 ? null : size;
      };
    },
    stop() {
      void worker?.terminate();
    },
  };
}
