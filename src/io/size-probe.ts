/**
 * The sizes of the journaled PDFs, measured by two threads: a worker starts on them while the
 * main thread reads the journal, and the main thread takes its share once its reading is done.
 * The folder check of issue, cancel and export-pes (src/apply/check-out.ts) stats every journaled
 * document, 70 000 of them, which issue 10 wants done, with the rest of the check, in under a
 * second: the stats alone take about as long as the parse, so each thread does what it can.
 *
 * The journal's physical lines are cut into chunks of CHUNK_LINES, claimed one at a time from a
 * counter in shared memory (Atomics.add), by the worker from its start and by the main thread
 * once it has parsed: each chunk is measured once, by whichever thread claimed it.
 *
 * - The worker reads the journal itself, a piece at a time into one buffer (as the main thread
 *   does, journal.ts: never the whole file in fresh memory), finds each line's `fichier` cell with
 *   a cheap split (no CSV parsing, no validation) and stats OUT/fichier. Its results are hints,
 *   never trusted blindly: `sizeAt` gives a size only when the bytes the worker took as the cell
 *   have the length and the fingerprint of the document's `fichier` as the journal parser read it,
 *   so the size is that of the very path the check would stat. Anything else (a quoted line, a
 *   cell the split got wrong, a stat that failed in the worker, a worker that failed) is
 *   undefined: the check stats that path itself, as it always did, with the same errors.
 * - The main thread stats the parsed documents of the chunks it claims, by their `fichier`.
 *
 * Both make each path as resolveOut does (outPaths in output-layout.ts: the same string).
 */
import { Worker } from 'node:worker_threads';
import { journalPath, NOT_PLAIN_RELATIVE, outPaths } from './output-layout.js';
import { statSync } from 'node:fs';

/** Physical lines per claim: a few milliseconds of stats, small enough to end both threads together. */
export const CHUNK_LINES = 256;

/** What the worker measured for each physical line of the journal (0-based, the header being 0). */
interface Measures {
  /** Size in bytes; -1 when the file is absent; NaN when not measured. */
  sizes: Float64Array;
  /** The length and fingerprint of the bytes the worker took as the line's `fichier` cell. */
  lengths: Int32Array;
  prints: Float64Array;
}

/**
 * A 53-bit fingerprint of the character codes code(start) … code(end - 1) (cyrb53, public
 * domain): the worker takes it of a cell's bytes, the main thread of the parsed `fichier`.
 */
function fingerprint(code: (i: number) => number, start: number, end: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const c = code(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The parsed lines, as the main thread measures them: line k's physical line (1-based) and its file. */
export interface MeasuredLines {
  readonly length: number;
  line(k: number): number;
  fichier(k: number): string;
}

export interface SizeProbe {
  /**
   * Measures on this thread the chunks the worker has not claimed (the documents of `lines`,
   * in line order), waits for the worker, then tells the size of OUT/`fichier` of the document
   * on journal line `line` (1-based): bytes, null when the file is absent, undefined when
   * neither thread measured that very path (stat it then).
   */
  sizes(lines: MeasuredLines): Promise<(line: number, fichier: string) => number | null | undefined>;
  /** Stops the worker (when the check ends early, or once its sizes are used). */
  stop(): void;
}

/**
 * The worker's script: its source is run as is, so it is self-contained and gets the Node modules
 * and the fingerprint it uses as arguments (see WORKER_SCRIPT). A plain path is the prefix and
 * the cell, as outPaths makes it; any other goes through join, as resolveOut.
 */
function measureSizes(
  { parentPort, workerData }: typeof import('node:worker_threads'),
  { closeSync, openSync, readSync, statSync }: typeof import('node:fs'),
  { join }: typeof import('node:path'),
  print: typeof fingerprint,
): void {
  const { outDir, journal, journalBytes, bufferBytes, prefix, notPlain, claims, chunkLines } = workerData as {
    outDir: string;
    journal: string;
    journalBytes: number;
    bufferBytes: number;
    prefix: string | undefined;
    notPlain: string;
    claims: Int32Array;
    chunkLines: number;
  };
  const notPlainPath = new RegExp(notPlain);
  let sizes = new Float64Array(chunkLines).fill(NaN);
  let lengths = new Int32Array(chunkLines);
  let prints = new Float64Array(chunkLines);
  /** The arrays long enough for line index i (the other thread may have claimed many chunks since the last line). */
  const room = (i: number): void => {
    if (i < sizes.length) return;
    let length = sizes.length;
    while (length <= i) length *= 2;
    const longer = <A extends Float64Array | Int32Array>(array: A, made: A): A => {
      made.set(array);
      return made;
    };
    sizes = longer(sizes, new Float64Array(length).fill(NaN));
    lengths = longer(lengths, new Int32Array(length));
    prints = longer(prints, new Float64Array(length));
  };
  let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(bufferBytes, journalBytes)));
  const byteAt = (i: number): number => buffer[i];
  let column = -1; // the `fichier` column, known once the header is read
  let line = 0; // physical index of the line starting at buffer[0]
  let claimed = Atomics.add(claims, 0, 1); // the chunk this thread measures
  let fd: number | undefined;
  try {
    fd = openSync(journal, 'r');
    let held = 0;
    for (let position = 0; position < journalBytes; ) {
      if (held === buffer.length) {
        const longer = Buffer.allocUnsafe(Math.min(2 * buffer.length, journalBytes));
        buffer.copy(longer, 0, 0, held);
        buffer = longer;
      }
      const n = readSync(fd, buffer, held, Math.min(buffer.length - held, journalBytes - position), position);
      if (n === 0) break;
      position += n;
      held += n;
      let start = 0;
      for (let end = buffer.indexOf(10, start); end >= 0 && end < held; start = end + 1, end = buffer.indexOf(10, start), line++) {
        if (line === 0) {
          const header = buffer.toString('latin1', 0, end).replace(/^\xef\xbb\xbf/, '').replace(/\r$/, '').split(',');
          column = header.lastIndexOf('fichier');
          continue;
        }
        const chunk = Math.floor(line / chunkLines);
        while (claimed < chunk) claimed = Atomics.add(claims, 0, 1);
        if (claimed !== chunk) continue; // the other thread's
        let cell = start;
        for (let c = 0; c < column && cell <= end; c++) cell = buffer.indexOf(44, cell) + 1 || end + 1;
        const comma = buffer.indexOf(44, cell);
        const cellEnd = comma >= 0 && comma < end ? comma : end;
        if (cell >= cellEnd) continue;
        const relative = buffer.toString('latin1', cell, cellEnd);
        try {
          const path = prefix !== undefined && !notPlainPath.test(relative) ? prefix + relative : join(outDir, relative);
          const stats = statSync(path, { throwIfNoEntry: false });
          room(line);
          sizes[line] = stats === undefined ? -1 : stats.size;
          lengths[line] = cellEnd - cell;
          prints[line] = print(byteAt, cell, cellEnd);
        } catch {
          // left unmeasured: the check stats it and meets the same error
        }
      }
      if (line > 0 && column < 0) break; // no fichier column: nothing to measure
      buffer.copy(buffer, 0, start, held);
      held -= start;
    }
  } catch {
    // the journal unreadable here: the main thread measures what it parses
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  parentPort!.postMessage({ sizes, lengths, prints } satisfies Measures, [sizes.buffer, lengths.buffer, prints.buffer]);
}

/** measureSizes run in a worker (dynamic imports: an eval'd script may be run as CommonJS or as a module). */
const WORKER_SCRIPT = `Promise.all(['node:worker_threads', 'node:fs', 'node:path'].map((m) => import(m))).then((m) => (${measureSizes.toString()})(...m, ${fingerprint.toString()}));`;

/** Bytes of the journal the worker reads at a time (more for a longer line). */
const WORKER_BUFFER_BYTES = 256 * 1024;

/**
 * Starts the worker that measures the sizes of the documents journaled in the first
 * `journalBytes` bytes of OUT/journal.csv (best as the journal starts being read: it reads it
 * meanwhile). Without `thread` (or when no worker can be started), the main thread measures
 * every document in `sizes`.
 */
export function startSizeProbe(
  outDir: string,
  { thread = true, journalBytes, bufferBytes = WORKER_BUFFER_BYTES }: { thread?: boolean; journalBytes: number; bufferBytes?: number },
): SizeProbe {
  const claims = new Int32Array(new SharedArrayBuffer(4)); // [0]: the next chunk to claim
  const paths = outPaths(outDir);
  let measured: Promise<Measures | undefined> = Promise.resolve(undefined);
  let worker: Worker | undefined;
  if (thread) {
    try {
      const started = new Worker(WORKER_SCRIPT, {
        eval: true,
        workerData: {
          outDir,
          journal: journalPath(outDir),
          journalBytes,
          bufferBytes,
          prefix: paths.prefix,
          notPlain: NOT_PLAIN_RELATIVE.source,
          claims,
          chunkLines: CHUNK_LINES,
        },
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
    async sizes(lines) {
      // the chunks after the last document's hold none: this thread claims up to it
      const chunks = lines.length === 0 ? 0 : Math.ceil(lines.line(lines.length - 1) / CHUNK_LINES);
      const mine = new Map<number, { fichier: string; size: number }>(); // line index → what this thread stat'd
      let next = 0; // lines are in line order, claims in increasing order: one pass
      // a chunk past `chunks` holds no document: this thread never claims one (the worker may)
      for (let chunk = -1; Atomics.load(claims, 0) < chunks && (chunk = Atomics.add(claims, 0, 1)) < chunks; ) {
        const first = chunk * CHUNK_LINES;
        const last = first + CHUNK_LINES;
        while (next < lines.length && lines.line(next) - 1 < first) next++;
        for (; next < lines.length && lines.line(next) - 1 < last; next++) {
          const line = lines.line(next);
          const fichier = lines.fichier(next);
          try {
            const stats = statSync(paths.resolve(fichier), { throwIfNoEntry: false });
            mine.set(line - 1, { fichier, size: stats === undefined ? -1 : stats.size });
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
          if (m === undefined || !(i < m.sizes.length) || Number.isNaN(m.sizes[i])) return undefined;
          if (m.lengths[i] !== fichier.length || m.prints[i] !== fingerprint((k) => fichier.charCodeAt(k), 0, fichier.length)) return undefined;
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
