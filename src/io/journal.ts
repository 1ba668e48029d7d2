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
import { isAscii } from 'node:buffer';
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { EMPTY_HISTORY, type History, type IssuedDocument } from '../engine/history.js';
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { namingPath, writeFileAtomic } from './atomic-write.js';
import { csvLines } from './csv-write.js';
import {
  canonicalFacts,
  FACTS,
  fromJournalRecord,
  JOURNAL_BODY_COLUMNS,
  JOURNAL_COLUMNS,
  LEGACY_JOURNAL_COLUMNS,
  toJournalRow,
  type JournalPositions,
  type JournalRecordContext,
} from './journal-format.js';
import { CHAIN_COLUMN, chainGenesis, chainLines, chainLink, checkChain, sha256Hex } from './chain.js';
import { JournalLines, type JournalEntry } from './journal-lines.js';
import { journalPath } from './output-layout.js';

export type { JournalEntry } from './journal-lines.js';

export interface JournalContents {
  /** Every document line, as the folder check reads it; each line's document made when first asked for. */
  lines: JournalLines;
  /** Every document line with its document (lines.entries(): made on first use). */
  readonly entries: readonly JournalEntry[];
  problems: Problem[];
  /** Bytes of a torn last line (no trailing newline), ignored. */
  tornBytes: number;
  exists: boolean;
  /** Written before the chain (no `chaine` column): read as it is, adopted at the next write. */
  legacy: boolean;
  /** The first broken link of the chain, if any (also in `problems`). */
  chainBroken?: Problem;
  /** The chain's head: the last complete line's `chaine` (the genesis of an empty chained journal). */
  head: string;
}

/** The first `size` bytes of the open journal, read whole (a journal the canonical reader gave up on). */
async function readJournalBytes(handle: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  for (let n = -1; read < size && n !== 0; read += n) n = (await handle.read(bytes, read, size - read, read)).bytesRead;
  return bytes.subarray(0, read);
}

/** The journal header line this version writes. */
export const JOURNAL_HEADER = JOURNAL_COLUMNS.map((c) => c.header).join(',');
/** Where each column is in a line of this version's journal. */
const CANONICAL_POSITIONS = Object.fromEntries(JOURNAL_COLUMNS.map((c, i) => [c.key, i])) as JournalPositions;

const emptyContents = (exists: boolean, tornBytes = 0, lines = new JournalLines()): JournalContents => ({
  lines,
  get entries() {
    return this.lines.entries();
  },
  problems: [],
  tornBytes,
  exists,
  legacy: false,
  head: chainGenesis(JOURNAL_HEADER),
});

/** A journal line without its line end (and the first without a BOM). */
function lineText(lines: readonly string[], i: number): string {
  const text = i === 0 ? lines[0].replace(/^\ufeff/, '') : lines[i];
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}

/**
 * Parses journal text: every problem is collected (file:line:column), nothing thrown.
 *
 * Read before every issue, cancel and export-pes, on journals of 70 000 lines and more (issue 10:
 * under a second): one document per physical line (journal-format.ts), so lines are split here
 * and only a line with a quote (a motif with a comma) goes through the CSV parser; each line
 * becomes its document at once, with no record kept in between.
 */
export function parseJournal(text: string, file: string, ascii?: Uint8Array): JournalContents {
  const end = text.lastIndexOf('\n') + 1;
  const result = emptyContents(true, Buffer.byteLength(text.slice(end)));
  if (text.slice(0, end).trim() === '') return result; // empty, or only a torn header: nothing was issued
  const lines = text.slice(0, end - 1).split('\n');
  // The lines with a quote first: one of them that the CSV parser cannot read is the only problem told.
  const quoted = new Map<number, string[]>();
  if (text.includes('"')) {
    for (let i = 0; i < lines.length; i++) {
      const line = lineText(lines, i);
      if (!line.includes('"')) continue;
      try {
        const [record] = parse(line, { relax_column_count: true }) as string[][];
        quoted.set(i, record);
      } catch (error) {
        result.problems.push(problem('JOURNAL_MALFORMED', `journal illisible : ${(error as Error).message}`, { file, line: i + 1 }));
      }
    }
    if (result.problems.length > 0) return result;
  }
  const record = (i: number, line: string): string[] => (quoted.size > 0 && quoted.get(i)) || line.split(',');
  let first = 0;
  while (lineText(lines, first) === '') first++;
  const header = record(first, lineText(lines, first));
  const index = new Map(header.map((name, i) => [name, i]));
  result.legacy = !index.has(CHAIN_COLUMN);
  const expected = result.legacy ? LEGACY_JOURNAL_COLUMNS : JOURNAL_COLUMNS;
  const missing = expected.filter((c) => !index.has(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    result.problems.push(
      problem('JOURNAL_MALFORMED', `journal : colonnes manquantes dans l’en-tête : ${missing.join(', ')}`, { file, line: 1 }),
    );
    return result;
  }
  let heads: string[] = [];
  if (!result.legacy) {
    const check = checkChain(lines, file, 'JOURNAL_CHAIN_BROKEN', 'journal', ascii);
    heads = check.heads;
    result.head = check.head;
    if (check.problem) {
      result.chainBroken = check.problem;
      result.problems.push(check.problem);
    }
  }
  const ctx: JournalRecordContext = {
    positions: Object.fromEntries(JOURNAL_COLUMNS.map((c) => [c.key, index.get(c.header) ?? -1])) as JournalPositions,
    file,
    line: 0,
    legacy: result.legacy,
    problems: result.problems,
  };
  for (let i = first + 1; i < lines.length; i++) {
    const line = lineText(lines, i);
    if (line === '') continue;
    ctx.line = i + 1;
    const doc = documentOfLine(line, header.length, ctx, record(i, line));
    if (doc) result.lines.add({ doc, line: i + 1, chain: heads[i - 1] ?? '' });
  }
  return result;
}

/** The document of one journal line (its cells split at commas unless given), or undefined with its problems pushed. */
function documentOfLine(line: string, columns: number, ctx: JournalRecordContext, cells = line.split(',')): IssuedDocument | undefined {
  if (cells.length !== columns) {
    ctx.problems.push(problem('JOURNAL_MALFORMED', `journal : ${cells.length} colonnes au lieu de ${columns}`, { file: ctx.file, line: ctx.line }));
    return undefined;
  }
  return fromJournalRecord(cells, ctx);
}

/** Bytes of the journal read at a time by readJournalContents (more for a longer line). */
export const JOURNAL_CHUNK_BYTES = 256 * 1024;

/**
 * Reads OUT/journal.csv with line numbers and problems (empty and `exists: false` when absent).
 * `beforeReading` is told its size first (the folder check starts the worker that stats the PDFs
 * then, so that it starts while the file is read).
 *
 * The usual journal is read as it streams, `chunkBytes` at a time into one reused buffer, each run
 * of complete lines decoded and read at once (CanonicalReader): neither the file's bytes nor its
 * text are ever held whole. On this machine, first touching 20 MB of fresh memory costs about a
 * tenth of a second, each time (read into a new buffer, scanned, copied into a string): three
 * tenths of the folder check of 70 000 lines (issue 10). Any other journal is read again whole,
 * by parseJournal.
 */
export async function readJournalContents(
  outDir: string,
  { beforeReading, chunkBytes = JOURNAL_CHUNK_BYTES }: { beforeReading?: (size: number) => void; chunkBytes?: number } = {},
): Promise<JournalContents> {
  const file = journalPath(outDir);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyContents(false);
    throw error;
  }
  try {
    const { size } = await handle.stat();
    beforeReading?.(size);
    return (await streamCanonicalJournal(handle, size, file, chunkBytes)) ?? parseJournalBytes(await readJournalBytes(handle, size), file);
  } finally {
    await handle.close();
  }
}

/**
 * The first `size` bytes of a journal read by CanonicalReader, `chunkBytes` at a time (more for a
 * longer line); undefined when it gives up.
 */
export async function streamCanonicalJournal(handle: FileHandle, size: number, file: string, chunkBytes: number): Promise<JournalContents | undefined> {
  const reader = new CanonicalReader(file, size);
  let buffer = Buffer.allocUnsafe(Math.min(chunkBytes, size));
  let held = 0; // bytes of buffer not read yet: the start of a line
  for (let position = 0; position < size; ) {
    if (held === buffer.length) {
      // a line longer than the buffer
      const longer = Buffer.allocUnsafe(Math.min(2 * buffer.length, size));
      buffer.copy(longer, 0, 0, held);
      buffer = longer;
    }
    const { bytesRead } = await handle.read(buffer, held, Math.min(buffer.length - held, size - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    held += bytesRead;
    const end = buffer.lastIndexOf(10, held - 1) + 1;
    if (end === 0) continue;
    const lines = buffer.subarray(0, end);
    // lines end at LF, so a piece never cuts a character in two
    const read = isAscii(lines) ? reader.read(lines.toString('latin1'), lines) : reader.read(lines.toString('utf8'));
    if (!read) return undefined;
    buffer.copy(buffer, 0, end, held);
    held -= end;
  }
  return reader.end(held);
}

/** parseJournal on the bytes of a whole journal (undefined: no journal). */
export function parseJournalBytes(bytes: Buffer | undefined, file: string): JournalContents {
  if (bytes === undefined) return emptyContents(false);
  // copied as Latin-1 when it is all ASCII (the usual journal), which gives the same text without
  // UTF-8 decoding; the chain is then checked on the bytes themselves (chain.ts)
  if (!isAscii(bytes)) {
    const text = bytes.toString('utf8');
    return parseCanonicalJournal(text, file) ?? parseJournal(text, file);
  }
  const text = bytes.toString('latin1');
  return parseCanonicalJournal(text, file, bytes) ?? parseJournal(text, file, bytes);
}

/**
 * parseJournal for the usual journal, in one pass and with far less garbage (issue 10: 70 000
 * lines read before each run): this version's header, no quote, no CR, no blank line, an
 * unbroken chain. Undefined when the journal is not such a one, or its chain breaks: parseJournal
 * then reads it whole and says what it finds. The same contents as parseJournal, entry for entry.
 * `ascii`, when given, is the bytes whose text it is, all ASCII.
 */
export function parseCanonicalJournal(text: string, file: string, ascii?: Uint8Array): JournalContents | undefined {
  const end = text.lastIndexOf('\n') + 1;
  const reader = new CanonicalReader(file, end);
  if (!reader.read(text.slice(0, end), ascii)) return undefined;
  return reader.end(ascii ? ascii.length - end : Buffer.byteLength(text.slice(end)));
}

/** Fewer bytes than any canonical line holds (its 18 commas, its hashes…): the lines of a journal are fewer than its bytes over this. */
const MIN_CANONICAL_LINE = 128;

/**
 * Reads a canonical journal piece by piece, each a run of complete lines, the header first. Each
 * chain link is compared in place, hashed on the file's bytes when the piece is all ASCII and the
 * previous line is in it; each canonical line is read where it lies into the lines' columns
 * (canonicalFacts, JournalLines.addCanonical: its document made when asked for); any other line
 * (a motif with an apostrophe…) is read at once as parseJournal reads it.
 */
class CanonicalReader {
  private readonly ctx: JournalRecordContext;
  private readonly result: JournalContents;
  private line = 1; // the last physical line read (1: the header)
  private started = false; // the header was read

  /** `bytes`: the journal's size, which bounds its count of lines. */
  constructor(file: string, bytes: number) {
    this.ctx = { positions: CANONICAL_POSITIONS, file, line: 0, legacy: false, problems: [] };
    // the lines' documents are made later, with the context they were read with
    this.result = emptyContents(true, 0, new JournalLines(this.ctx, Math.ceil(bytes / MIN_CANONICAL_LINE)));
    this.ctx.problems = this.result.problems;
  }

  /** Reads `text`, whole lines each ending with LF (`ascii`: its bytes, when all ASCII); false to give up. */
  read(text: string, ascii?: Uint8Array): boolean {
    if (text.includes('"') || text.includes('\r')) return false;
    let start = 0;
    let previousCell = -1; // where the previous line's chain cell starts, when in this piece
    if (!this.started) {
      if (!text.startsWith(`${JOURNAL_HEADER}\n`)) return false;
      start = JOURNAL_HEADER.length + 1;
      this.started = true;
    }
    const { ctx, result } = this;
    let apostrophe = text.indexOf("'");
    let head = result.head;
    for (let line = this.line + 1; start < text.length; line++) {
      const lineEnd = text.indexOf('\n', start);
      const comma = text.lastIndexOf(',', lineEnd);
      if (comma < start) return false;
      // the link: sha256(previous chain + LF + body), which lie in the file as they are
      const link =
        previousCell < 0 || !ascii
          ? chainLink(head, text.slice(start, comma))
          : sha256Hex(new Uint8Array(ascii.buffer, ascii.byteOffset + previousCell, comma - previousCell));
      if (lineEnd - comma - 1 !== 64 || !text.startsWith(link, comma + 1)) return false;
      previousCell = comma + 1;
      ctx.line = line;
      if (apostrophe >= 0 && apostrophe < start) apostrophe = text.indexOf("'", start);
      // a cell starting with an apostrophe may be neutralised (csv-write.ts): fromJournalRecord reads such lines
      if ((apostrophe < 0 || apostrophe > lineEnd) && canonicalFacts(text, start, lineEnd, ctx)) {
        result.lines.addCanonical(text, start, lineEnd, line, FACTS);
        if (!ascii) head = text.slice(comma + 1, lineEnd); // else made once, at the piece's end
      } else {
        head = text.slice(comma + 1, lineEnd);
        const doc = documentOfLine(text.slice(start, lineEnd), JOURNAL_COLUMNS.length, ctx);
        if (doc) result.lines.add({ doc, line, chain: head });
      }
      start = lineEnd + 1;
      this.line = line;
    }
    if (previousCell >= 0) head = text.slice(previousCell, previousCell + 64);
    result.head = head;
    return true;
  }

  /** The contents read, with a torn last line of `tornBytes`; undefined when not even the header was read. */
  end(tornBytes: number): JournalContents | undefined {
    if (!this.started) return undefined;
    this.result.tornBytes = tornBytes;
    return this.result;
  }
}

/** The history held by OUT/journal.csv; empty when absent; TitresError 'state' when malformed. */
export async function readJournal(outDir: string): Promise<History> {
  const contents = await readJournalContents(outDir);
  if (contents.problems.length > 0) throw new TitresError('state', contents.problems);
  if (contents.lines.length === 0) return EMPTY_HISTORY;
  return { documents: contents.lines.documents() };
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

/** The body of each document's journal line (every cell but the chain), without line ends. */
export function journalBodies(docs: readonly IssuedDocument[]): string[] {
  if (docs.length === 0) return [];
  return csvLines(JOURNAL_BODY_COLUMNS, docs.map(toJournalRow), FORMAT).slice(0, -1).split('\n');
}

/** A whole chained journal: header, then the documents' lines chained from the genesis. */
export function formatJournal(docs: readonly IssuedDocument[]): string {
  return `${JOURNAL_HEADER}\n` + chainLines(chainGenesis(JOURNAL_HEADER), journalBodies(docs)).text;
}

/**
 * Keeps the journal open for a run: each batch is one append + fsync (group commit), each line
 * chained to the previous one. `head` is the chain's head as read under the lock.
 */
export class JournalAppender {
  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    private head: string,
  ) {}

  static async open(outDir: string, head: string): Promise<JournalAppender> {
    const path = journalPath(outDir);
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) {
      await writeFileAtomic(path, `${JOURNAL_HEADER}\n`);
      head = chainGenesis(JOURNAL_HEADER);
    }
    return new JournalAppender(await open(path, 'a'), path, head);
  }

  /** Appends and fsyncs the documents' lines; returns each line's chain cell. */
  async append(docs: readonly IssuedDocument[]): Promise<string[]> {
    if (docs.length === 0) return [];
    const { text, head, heads } = chainLines(this.head, journalBodies(docs));
    await namingPath(this.path, async () => {
      await this.handle.write(text);
      await this.handle.sync();
    });
    this.head = head;
    return heads;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Appends whole lines to OUT/journal.csv (created with its header when absent), then fsyncs. */
export async function appendJournal(outDir: string, docs: readonly IssuedDocument[]): Promise<void> {
  const contents = await readJournalContents(outDir);
  const appender = await JournalAppender.open(outDir, contents.head);
  try {
    await appender.append(docs);
  } finally {
    await appender.close();
  }
}
