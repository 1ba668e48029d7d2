/**
 * OUT/journal.csv: the append-only record of every document issued, the source of truth for
 * numbering (R9) and for A(N-1) (R5). UTF-8, `,`, LF, header line first.
 *
 * Commit point: a document exists once its journal line is written and fsynced; its PDF is
 * written (atomically) before. Lines are appended with one write() each, to a file opened with
 * 'a', then fsynced; existing bytes are never rewritten.
 *
 * Torn last line: a kill or a full disk during an append can leave a last line without its
 * trailing newline. Such a line is not a document: readers ignore it, and `repairJournalTail`
 * (called by `issue` under the lock, before anything else) truncates it away. Its PDF, if any, is
 * an orphan that the recovery removes and the resumed run renders again under the same number.
 */
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { EMPTY_HISTORY, type History, type IssuedDocument } from '../engine/history.js';
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { namingPath, writeFileAtomic } from './atomic-write.js';
import { csvHeader, csvLines, unneutralise } from './csv-write.js';
import { fromJournalCells, JOURNAL_COLUMNS, toJournalRow, type JournalKey } from './journal-format.js';
import { journalPath } from './output-layout.js';

export interface JournalEntry {
  doc: IssuedDocument;
  line: number; // 1-based line in journal.csv
}

export interface JournalContents {
  entries: JournalEntry[];
  problems: Problem[];
  /** Bytes of a torn last line (no trailing newline), ignored. */
  tornBytes: number;
  exists: boolean;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parses journal text: every problem is collected (file:line:column), nothing thrown. */
export function parseJournal(text: string, file: string): JournalContents {
  const end = text.lastIndexOf('\n') + 1;
  const complete = text.slice(0, end);
  const result: JournalContents = { entries: [], problems: [], tornBytes: Buffer.byteLength(text.slice(end)), exists: true };
  if (complete.trim() === '') return result; // empty, or only a torn header: nothing was issued
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(complete, { info: true, relax_column_count: true, bom: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    result.problems.push(problem('JOURNAL_MALFORMED', `journal illisible : ${e.message}`, { file, line: e.lines }));
    return result;
  }
  const [header, ...rows] = records;
  const index = new Map(header.record.map((name, i) => [name, i]));
  const missing = JOURNAL_COLUMNS.filter((c) => !index.has(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    result.problems.push(
      problem('JOURNAL_MALFORMED', `journal : colonnes manquantes dans l’en-tête : ${missing.join(', ')}`, { file, line: 1 }),
    );
    return result;
  }
  const columnOf = (key: JournalKey): number => index.get(key)! + 1;
  for (const { record, info } of rows) {
    const at = { file, line: info.lines };
    if (record.length !== header.record.length) {
      result.problems.push(
        problem('JOURNAL_MALFORMED', `journal : ${record.length} colonnes au lieu de ${header.record.length}`, at),
      );
      continue;
    }
    const cells = (key: JournalKey): string => unneutralise(record[index.get(key)!] ?? '');
    const { doc, problems } = fromJournalCells(cells, columnOf, at);
    result.problems.push(...problems);
    if (doc) result.entries.push({ doc, line: info.lines });
  }
  return result;
}

/** Reads the journal with line numbers and problems (for `verify`). */
export async function readJournalContents(outDir: string): Promise<JournalContents> {
  const text = await readText(journalPath(outDir));
  if (text === undefined) return { entries: [], problems: [], tornBytes: 0, exists: false };
  return parseJournal(text, journalPath(outDir));
}

/** The history held by OUT/journal.csv; empty when absent; TitresError 'state' when malformed. */
export async function readJournal(outDir: string): Promise<History> {
  const contents = await readJournalContents(outDir);
  if (contents.problems.length > 0) throw new TitresError('state', contents.problems);
  if (contents.entries.length === 0) return EMPTY_HISTORY;
  return { documents: contents.entries.map((e) => e.doc) };
}

/** Truncates a torn last line away (call under the lock). Returns the bytes removed. */
export async function repairJournalTail(outDir: string): Promise<number> {
  const path = journalPath(outDir);
  const buffer = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!buffer || buffer.length === 0 || buffer[buffer.length - 1] === 0x0a) return 0;
  const keep = buffer.lastIndexOf(0x0a) + 1;
  await truncate(path, keep);
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return buffer.length - keep;
}

const FORMAT = { excel: false };

/** Keeps the journal open for a batch: one append + fsync per document. */
export class JournalAppender {
  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  static async open(outDir: string): Promise<JournalAppender> {
    const path = journalPath(outDir);
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) await writeFileAtomic(path, csvHeader(JOURNAL_COLUMNS, FORMAT));
    return new JournalAppender(await open(path, 'a'), path);
  }

  async append(docs: readonly IssuedDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const text = csvLines(JOURNAL_COLUMNS, docs.map(toJournalRow), FORMAT);
    await namingPath(this.path, async () => {
      await this.handle.write(text);
      await this.handle.sync();
    });
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Appends whole lines to OUT/journal.csv (created with its header when absent), then fsyncs. */
export async function appendJournal(outDir: string, docs: readonly IssuedDocument[]): Promise<void> {
  const appender = await JournalAppender.open(outDir);
  try {
    await appender.append(docs);
  } finally {
    await appender.close();
  }
}
