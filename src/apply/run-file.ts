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
import { readdir, readFile, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { IsoDate } from '../engine/dates.js';
import type { DocumentType } from '../engine/plan-types.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { fsyncDir, writeStreamAtomic } from '../io/atomic-write.js';
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

export interface RunIntent {
  exercice: number;
  dateEmission: IsoDate;
  bordereaux: RunBordereau[];
  documents: RunDocument[];
}

export async function writeRunFile(outDir: string, intent: RunIntent): Promise<void> {
  function* lines(): Generator<string> {
    const { documents, ...head } = intent;
    yield JSON.stringify(head) + '\n';
    for (const doc of documents) yield JSON.stringify(doc) + '\n';
  }
  await writeStreamAtomic(runFilePath(outDir, intent.exercice), Readable.from(lines()));
}

export async function removeRunFile(outDir: string, exercice: number): Promise<void> {
  await unlink(runFilePath(outDir, exercice)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await fsyncDir(stateDir(outDir)).catch(() => undefined);
}

function parseRunFile(text: string, file: string): RunIntent {
  try {
    const [head, ...docs] = text.split('\n').filter((l) => l !== '');
    const intent = JSON.parse(head) as Omit<RunIntent, 'documents'>;
    return { ...intent, documents: docs.map((l) => JSON.parse(l) as RunDocument) };
  } catch {
    throw new TitresError('state', [
      problem('RUN_FILE_MALFORMED', `fichier d’exécution illisible « ${file} »`, { file }),
    ]);
  }
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
