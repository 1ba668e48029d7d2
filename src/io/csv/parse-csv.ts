import { parse } from 'csv-parse/sync';
import type { ProblemCode } from '../../errors/catalog.js';
import { BoundedProblems, problem, type Problem } from '../../errors/problem.js';
import { textProblem } from '../cell-values.js';

/**
 * Longest record (line) read, in characters: far above any line of the data contract (an INSEE
 * line has about 100), and what bounds the parser's memory and time whatever a cell holds.
 */
export const MAX_RECORD_LENGTH = 64 * 1024;

/** One data record with the physical line it starts on (header = line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvText {
  separator: Separator;
  header: string[];
  records: CsvRecord[];
}

export interface ParseCsvOptions {
  /**
   * Optional cheap filter on raw data lines, used to skip the rows of other communes in INSEE's
   * whole-France file. Applied only when the text holds no quote (so a line is a record).
   */
  keepLine?: (line: string) => boolean;
  /**
   * Streaming: each good record is handed over as the parser reads it, instead of being kept in
   * `csv.records` (left empty), and the records' problems go to `problems`. Memory then stays
   * bounded by what the caller keeps, whatever the file (issue 10). A file that cannot be read
   * whole (CSV_SYNTAX, CSV_LINE_TOO_LONG, CSV_EMPTY, a bad header) hands over no record, as before.
   */
  onRecord?: (record: CsvRecord, header: readonly string[]) => void;
  /** Where the records' problems go (default: a BoundedProblems of the file, returned). */
  problems?: { add(p: Problem): void };
}

/** What one pass of the parser found: the header, or the problem that stops the whole file. */
interface Pass {
  head?: string[];
  fatal?: Problem;
}

/**
 * Splits decoded CSV text into a header and records: separator detected from the header line,
 * CRLF or LF, blank lines and all-empty rows skipped, fields trimmed. Never throws: a syntax error
 * (unclosed quote…) becomes a CSV_SYNTAX problem at its line, a line longer than MAX_RECORD_LENGTH
 * CSV_LINE_TOO_LONG. A record whose cell count differs from the header's (CSV_CELL_COUNT), or with a
 * control character or an overlong text in a cell (CONTROL_CHARACTER, TEXT_TOO_LONG), is reported
 * at its cell and left out of the records, so that no other check reads its shifted cells.
 */
export function parseCsv(text: string, file: string, options: ParseCsvOptions = {}): { csv?: CsvText; problems: Problem[] } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const separator = detectSeparator(firstLine(normalized));
  const { body, lineOf, miscounted } = prefilter(normalized, separator, options.keepLine);
  const { onRecord } = options;
  const bounded = options.problems ? undefined : new BoundedProblems(file);
  const problems = inLineOrder(options.problems ?? bounded!, file, separator, miscounted);
  const records: CsvRecord[] = [];
  const done = (pass: Pass): { csv?: CsvText; problems: Problem[] } => {
    if (pass.fatal) return { problems: [pass.fatal] };
    problems.flush(Infinity);
    return { csv: { separator, header: pass.head!, records }, problems: bounded ? bounded.list : [] };
  };
  if (onRecord && mayStop(body, separator)) {
    // A quote or an overlong line can stop the parser after records were handed over, and such a
    // file must hand over no record. Up to BUFFERED_LINES lines (communes.csv of all France has
    // 35 000, with quoted addresses), one pass holds its records and problems until the parser has
    // read the whole file; a longer file gets a first pass that keeps nothing (bounded memory).
    if (lineCount(body) <= BUFFERED_LINES) {
      const tape: (() => void)[] = [];
      const held = { add: (p: Problem) => tape.push(() => problems.add(p)), flush: (line: number) => tape.push(() => problems.flush(line)) };
      const pass = parsePass(body, file, separator, lineOf, held, (record, header) => tape.push(() => onRecord(record, header)));
      if (!pass.fatal) for (const step of tape) step();
      return done(pass);
    }
    const dry = parsePass(body, file, separator, lineOf, { add: () => undefined }, () => undefined);
    if (dry.fatal) return { problems: [dry.fatal] };
  }
  return done(parsePass(body, file, separator, lineOf, problems, onRecord ?? ((record) => records.push(record))));
}

/** Lines of a streamed file that may stop the parser midway, read in one pass held in memory. */
export const BUFFERED_LINES = 100_000;

function lineCount(body: string): number {
  let n = 1;
  for (let i = body.indexOf('\n'); i >= 0 && n <= BUFFERED_LINES; i = body.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * A text without a line over MAX_RECORD_LENGTH, whose quotes (if any) each enclose one cell of one
 * line (simpleQuotes), cannot stop the parser midway.
 */
function mayStop(body: string, separator: Separator): boolean {
  return hasLongLine(body) || !simpleQuotes(body, separator);
}

/**
 * Every quote of the text opens a cell (at the start of a line or just after a separator) and is
 * closed on the same line just before a separator or the line's end, a doubled quote inside
 * standing for one: such a cell is read by csv-parse as its text between the quotes, untrimmed,
 * and splitLine reads it the same way. Any other quote (in the middle of a cell, after a blank,
 * never closed, closing over a line break) leaves the whole text to csv-parse.
 */
export function simpleQuotes(body: string, separator: Separator): boolean {
  let lineEnd = -1; // the end of the line of the last quote: looked for once per line, not per quote (one line may hold 30 000 quotes)
  for (let open = body.indexOf('"'); open >= 0; open = body.indexOf('"', open)) {
    if (open > 0 && body[open - 1] !== separator && body[open - 1] !== '\n') return false;
    let close = body.indexOf('"', open + 1);
    while (close >= 0 && body[close + 1] === '"') close = body.indexOf('"', close + 2);
    if (close < 0) return false;
    if (open > lineEnd) {
      const lineBreak = body.indexOf('\n', open);
      lineEnd = lineBreak < 0 ? body.length : lineBreak;
    }
    if (lineEnd < close) return false;
    const after = body[close + 1];
    if (after !== undefined && after !== separator && after !== '\n') return false;
    open = close + 1;
  }
  return true;
}

function hasLongLine(body: string): boolean {
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf('\n', start);
    const stop = end < 0 ? body.length : end;
    if (stop - start > MAX_RECORD_LENGTH) return true;
    start = stop + 1;
  }
  return false;
}

/** How csv-parse reads a body (splitPass reads a splittable one the same way). */
export const CSV_PARSE_OPTIONS = {
  record_delimiter: '\n',
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  trim: true,
  max_record_size: MAX_RECORD_LENGTH,
} as const;

/**
 * One pass of the parser over the body: each record is checked as it is read (on_record returns
 * null, so the parser collects nothing; a 30 MB file of bad rows took 851 MB when every record was
 * collected first with its parser info, issue 10); a good one goes to `keep`, a bad one's problem
 * to `problems`.
 */
function parsePass(
  body: string,
  file: string,
  separator: Separator,
  lineOf: (n: number) => number,
  problems: { add(p: Problem): void; flush?(line: number): void },
  keep: (record: CsvRecord, header: readonly string[]) => void,
): Pass {
  let head: string[] | undefined;
  let headerProblem: Problem | undefined;
  const onRecord = (record: string[], context: { lines: number }): null => {
    if (head === undefined) {
      head = record;
      const at = record.findIndex((f) => textProblem(f) !== undefined);
      if (at >= 0) {
        const bad = textProblem(record[at])!;
        headerProblem = problem(bad.code, `en-tête : ${bad.message}`, { file, line: 1, column: at + 1 });
      }
      return null;
    }
    if (headerProblem) return null;
    const line = lineOf(context.lines - innerLineBreaks(record));
    problems.flush?.(line);
    const bad = recordProblem(record, head.length, separator);
    if (bad) problems.add(problem(bad.code, bad.message, { file, line, column: bad.column }));
    else keep({ line, fields: record }, head);
    return null;
  };
  // csv-parse builds an Error (with its stack) for every record of the wrong cell count, even in
  // relax mode where it only passes it on: 300 000 such lines took minutes (issue 10, no hang).
  // Those errors are never shown with their stack, so none is captured while parsing.
  if (splitsByLine(body, separator)) {
    splitPass(body, separator, onRecord);
    return passEnd(head, headerProblem, file);
  }
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    parse(body, { ...CSV_PARSE_OPTIONS, delimiter: separator, on_record: onRecord });
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const line = err.lines !== undefined ? lineOf(err.lines) : undefined;
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      return {
        fatal: problem('CSV_LINE_TOO_LONG', `ligne de plus de ${MAX_RECORD_LENGTH} caractères : une cellule a sans doute reçu un collage accidentel, ou un guillemet n'est pas fermé`, {
          file,
          line,
        }),
      };
    }
    return { fatal: problem('CSV_SYNTAX', `syntaxe CSV invalide (guillemet non fermé ou mal placé) : « ${err.message ?? ''} »`, { file, line }) };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return passEnd(head, headerProblem, file);
}

function passEnd(head: string[] | undefined, headerProblem: Problem | undefined, file: string): Pass {
  if (head === undefined) return { fatal: problem('CSV_EMPTY', 'fichier vide : la ligne d\'en-tête est absente', { file, line: 1 }) };
  if (headerProblem) return { fatal: headerProblem };
  return { head };
}

/**
 * A text whose quotes are simple (simpleQuotes: communes.csv's quoted addresses), without surrogate
 * (csv-parse re-encodes the text in UTF-8, which would turn a lone one into U+FFFD) and without a
 * line over MAX_RECORD_LENGTH: each line is a record, its cells what lies between separators
 * outside quotes. It is split here as csv-parse would parse it, with the options of parsePass, at
 * a fifth of the cost (issue 12: the dry run of all France, where reading the CSVs was a third of
 * the time).
 */
export function splitsByLine(body: string, separator: Separator): boolean {
  return !mayStop(body, separator) && !/[\uD800-\uDFFF]/.test(body);
}

/**
 * csv-parse's reading of a splittable text (splitsByLine): empty lines skipped (skip_empty_lines),
 * every cell trimmed as csv-parse trims it (trimCell), a record whose cells are all blank to
 * String.prototype.trim skipped
 * (skip_records_with_empty_values), the first record kept as the header. `lines` is the record's
 * line in the text, as csv-parse counts it.
 */
export function splitPass(body: string, separator: Separator, onRecord: (record: string[], context: { lines: number }) => void): void {
  const context = { lines: 0 };
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf('\n', start);
    const stop = end < 0 ? body.length : end;
    context.lines++;
    if (stop > start) {
      const line = body.slice(start, stop);
      const record = line.includes('"') ? splitLine(line, separator) : line.split(separator).map(trimCell);
      if (!record.every((cell) => cell.trim() === '')) onRecord(record, context);
    }
    start = stop + 1;
  }
}

/** The cells of one line with simple quotes (simpleQuotes): a quoted cell is its text between the quotes, `""` read as `"`. */
function splitLine(line: string, separator: Separator): string[] {
  const cells: string[] = [];
  for (let start = 0; ; ) {
    let end: number;
    if (line[start] === '"') {
      let text = '';
      let from = start + 1;
      let close = line.indexOf('"', from);
      while (line[close + 1] === '"') {
        text += line.slice(from, close + 1);
        from = close + 2;
        close = line.indexOf('"', from);
      }
      cells.push(text + line.slice(from, close));
      end = close + 1;
    } else {
      const next = line.indexOf(separator, start);
      end = next < 0 ? line.length : next;
      cells.push(trimCell(line.slice(start, end)));
    }
    if (end >= line.length) return cells;
    start = end + 1;
    if (start === line.length) {
      cells.push('');
      return cells;
    }
  }
}

/**
 * csv-parse's `trim` on an unquoted cell: at the start, space, tab, CR, LF and form feed only; at
 * the end, every white space of String.prototype.trimEnd (its rtrim is a trimRight).
 */
function trimCell(cell: string): string {
  let start = 0;
  while (start < cell.length && isTrimmed(cell.charCodeAt(start))) start++;
  return (start > 0 ? cell.slice(start) : cell).trimEnd();
}

function isTrimmed(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 12;
}

/** Line breaks inside a record's quoted cells (its first line is that many lines before its last). */
function innerLineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const field of record) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first problem of a record: its cell count, then a control character or an overlong cell. */
function recordProblem(record: readonly string[], cells: number, separator: Separator): { code: ProblemCode; message: string; column: number } | undefined {
  if (record.length !== cells) return cellCountProblem(record.length, cells, separator);
  for (let i = 0; i < record.length; i++) {
    const bad = textProblem(record[i]);
    if (bad) return { ...bad, column: i + 1 };
  }
  return undefined;
}

function cellCountProblem(found: number, cells: number, separator: Separator): { code: 'CSV_CELL_COUNT'; message: string; column: number } {
  const more = found > cells;
  return {
    code: 'CSV_CELL_COUNT',
    column: more ? cells + 1 : found + 1,
    message:
      `ligne de ${found} cellule(s) alors que l'en-tête en a ${cells} : un « ${separator} » ${more ? 'en trop' : 'manquant'}` +
      (more && separator === ',' ? ' (un montant écrit « 2 500,00 » se coupe en deux : le mettre entre guillemets, ou séparer le fichier par « ; »)' : ''),
  };
}

/** The rows left out for their cell count: the line of each, and the cells it has (line order). */
interface Miscounted {
  lines: number[];
  found: number[];
  cells: number;
}

/** What the parser is given: the text, or its lines kept, with the original line of each. */
interface Prefiltered {
  body: string;
  lineOf: (n: number) => number;
  miscounted: Miscounted;
}

/**
 * When the text holds no quote, a line is a record and its cells are its separators plus one, so
 * two things are done here, line by line, before the parser:
 * - the optional `keepLine` filter (other communes' rows of INSEE's whole-France file);
 * - a row whose cell count differs from the header's is left out, and told later in its place
 *   (CSV_CELL_COUNT). csv-parse builds an error object, with its stack and a copy of its options,
 *   for each such record even in relax mode: 900 000 of them took minutes (issue 10: no input may
 *   hang the run). Only their line numbers are kept, so that memory stays small.
 * A row of empty cells only is left to the parser, which skips it; so is a line longer than
 * MAX_RECORD_LENGTH, which it refuses whole.
 */
function prefilter(text: string, separator: Separator, keepLine?: (line: string) => boolean): Prefiltered {
  const whole: Prefiltered = { body: text, lineOf: (n) => n, miscounted: { lines: [], found: [], cells: 0 } };
  const headerEnd = text.indexOf('\n');
  const header = headerEnd < 0 ? text : text.slice(0, headerEnd);
  // a quoted cell may hold a separator or a line break, and blank lines before the header leave
  // the header to the parser: then the parser reads all
  if (headerEnd < 0 || text.includes('"') || header.trim() === '') return whole;
  const miscounted: Miscounted = { lines: [], found: [], cells: cellCount(header, separator) };
  const kept: string[] = [header];
  const original: number[] = [1];
  let dropped = false;
  for (let start = headerEnd + 1, lineNo = 2; start < text.length; lineNo++) {
    const stop = text.indexOf('\n', start);
    const end = stop < 0 ? text.length : stop;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '' || (keepLine && !keepLine(line))) {
      dropped = true;
      continue;
    }
    const found = line.length > MAX_RECORD_LENGTH ? miscounted.cells : cellCount(line, separator);
    if (found !== miscounted.cells && line.split(separator).some((cell) => cell.trim() !== '')) {
      miscounted.lines.push(lineNo);
      miscounted.found.push(found);
      dropped = true;
      continue;
    }
    kept.push(line);
    original.push(lineNo);
  }
  if (!dropped) return whole;
  return { body: kept.join('\n'), lineOf: (n) => original[n - 1] ?? n, miscounted };
}

function cellCount(line: string, separator: Separator): number {
  let n = 1;
  for (let i = line.indexOf(separator); i >= 0; i = line.indexOf(separator, i + 1)) n++;
  return n;
}

/**
 * The problems sink, with the rows the prefilter left out told in their place: a problem of line
 * L, or the record of line L, first flushes those before L, so that the sink sees every problem in
 * line order (a BoundedProblems details the first ones of the file, whichever their kind).
 */
function inLineOrder(
  sink: { add(p: Problem): void },
  file: string,
  separator: Separator,
  pending: Miscounted,
): { add(p: Problem): void; flush(line: number): void } {
  let next = 0;
  const flush = (line: number): void => {
    for (; next < pending.lines.length && pending.lines[next] < line; next++) {
      const bad = cellCountProblem(pending.found[next], pending.cells, separator);
      sink.add(problem(bad.code, bad.message, { file, line: pending.lines[next], column: bad.column }));
    }
  };
  return {
    add: (p) => {
      flush(p.line ?? 0);
      sink.add(p);
    },
    flush,
  };
}

export type Separator = ',' | ';';

/** The first line of a text (its header), without the line ending. */
export function firstLine(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** `;` when the header holds more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(header: string): Separator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}
