/**
 * The intent of a run: OUT/.titres/run-<exercice>.jsonl, written atomically before the first
 * document and removed once the run's bordereaux and ledgers are written. Its presence means that
 * a run did not finish (crash, kill -9, full disk) and that the next run must recover.
 *
 * Line 1: { exercice, dateEmission, bordereaux: [{ service, nature, numero }] }
 * Then one line per document: its planned number and bordereau, identity (to match the journal),
 * file, ledger file name and complete ledger row (the liquidation figures, which the journal does
 * not hold and the engine will not plan again once the document is journaled).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { IsoDate } from '../engine/dates.js';
import type { DocumentType } from '../engine/plan-types.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { fsyncDir, writeAll, writeAtomically } from '../io/atomic-write.js';
import type { CsvRow } from '../io/csv-write.js';
import { RUN_FILE_PATTERN, runFilePath, stateDir, type BordereauNature } from '../io/output-layout.js';

export interface RunBordereau {
  service: string;
  nature: BordereauNature;
  numero: number;
}

export interface RunDocument {
  numero: number;
  bordereau: number;
  type: DocumentType;
  codeInsee: string;
  commune: string;
  service: string;
  montant: string; // canonical
  fichier: string; // OUT-relative
  ledgerName: string; // file name in registres/<service>/
  ledger: CsvRow;
}

/** Line 1 of a run file. */
export interface RunHead {
  exercice: number;
  dateEmission: IsoDate;
  bordereaux: RunBordereau[];
}

/** A run file read whole (an interrupted run, to recover). */
export interface RunIntent extends RunHead {
  documents: RunDocument[];
}

/** Bytes gathered before a write of the run file. */
const RUN_FILE_CHUNK = 64 * 1024;

/**
 * Writes the run file from its head and its documents, streamed: the documents are made as they
 * are written and none is kept (issue 12: a ledger row weighs about a kilobyte; the running issue
 * reads them back with readRunDocuments). Each line is encoded straight into a buffer written
 * every 64 KB: no stream, no line joined to its '\n', no digest (issue 12: the stream of lines,
 * the joined lines and their buffers were ~8 KB of the main thread's allocation a titre).
 */
export async function writeRunFile(outDir: string, head: RunHead, documents: Iterable<RunDocument> | AsyncIterable<RunDocument>): Promise<void> {
  await writeAtomically(runFilePath(outDir, head.exercice), async (fd) => {
    const chunk = Buffer.allocUnsafe(RUN_FILE_CHUNK);
    let used = 0;
    const flush = (): void => {
      if (used > 0) writeAll(fd, chunk.subarray(0, used));
      used = 0;
    };
    const line = (json: string): void => {
      const size = Buffer.byteLength(json, 'utf8') + 1;
      if (used + size > chunk.length) flush();
      if (size > chunk.length) {
        writeAll(fd, Buffer.from(json + '\n', 'utf8'));
        return;
      }
      used += chunk.write(json, used, 'utf8');
      chunk[used++] = 0x0a;
    };
    line(JSON.stringify({ exercice: head.exercice, dateEmission: head.dateEmission, bordereaux: head.bordereaux }));
    for await (const doc of documents) line(JSON.stringify(doc));
    flush();
  });
}

/** The documents of the run file of `exercice`, in its order, read line by line. */
export async function* readRunDocuments(outDir: string, exercice: number): AsyncGenerator<RunDocument> {
  const path = runFilePath(outDir, exercice);
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let head = true;
  for await (const line of lines) {
    if (line === '') continue;
    if (head) head = false;
    else yield parseRunLine<RunDocument>(line, path);
  }
}

function parseRunLine<T>(line: string, file: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw malformed(file);
  }
}

function malformed(file: string): TitresError {
  return new TitresError('state', [problem('RUN_FILE_MALFORMED', `fichier d’exécution illisible « ${file} »`, { file })]);
}

export async function removeRunFile(outDir: string, exercice: number): Promise<void> {
  await unlink(runFilePath(outDir, exercice)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await fsyncDir(stateDir(outDir)).catch(() => undefined);
}

function parseRunFile(text: string, file: string): RunIntent {
  const [head, ...docs] = text.split('\n').filter((l) => l !== '');
  if (head === undefined) throw malformed(file);
  return { ...parseRunLine<RunHead>(head, file), documents: docs.map((l) => parseRunLine<RunDocument>(l, file)) };
}

/** Every unfinished run's intent, sorted by exercice. */
export async function readRunFiles(outDir: string): Promise<RunIntent[]> {
  const names = await readdir(stateDir(outDir)).catch(() => [] as string[]);
  const years = names.flatMap((n) => {
    const m = RUN_FILE_PATTERN.exec(n);
    return m ? [Number(m[1])] : [];
  });
  const intents: RunIntent[] = [];
  for (const year of years.sort((a, b) => a - b)) {
    const path = runFilePath(outDir, year);
    intents.push(parseRunFile(await readFile(path, 'utf8'), path));
  }
  return intents;
}
