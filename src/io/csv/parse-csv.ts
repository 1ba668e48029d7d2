import { parse } from 'csv-parse/sync';
import { BoundedProblems, problem, type Problem } from '../../errors/problem.js';
import { textProblem } from '../values/text.js';
import { detectSeparator, firstLine, type Separator } from './separator.js';

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
  const { body, lineOf } = prefilter(normalized, options.keepLine);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      delimiter: separator,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
      max_record_size: MAX_RECORD_LENGTH,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const line = err.lines !== undefined ? lineOf(err.lines) : undefined;
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      return {
        problems: [
          problem('CSV_LINE_TOO_LONG', `ligne de plus de ${MAX_RECORD_LENGTH} caractères : une cellule a sans doute reçu un collage accidentel, ou un guillemet n'est pas fermé`, { file, line }),
        ],
      };
    }
    return {
      problems: [problem('CSV_SYNTAX', `syntaxe CSV invalide (guillemet non fermé ou mal placé) : « ${err.message ?? ''} »`, { file, line })],
    };
  }
  if (rows.length === 0) {
    return { problems: [problem('CSV_EMPTY', 'fichier vide : la ligne d\'en-tête est absente', { file, line: 1 })] };
  }
  const head = rows[0].record;
  const problems = new BoundedProblems(file);
  const headerProblem = head.findIndex((f) => textProblem(f) !== undefined);
  if (headerProblem >= 0) {
    const bad = textProblem(head[headerProblem])!;
    return { problems: [problem(bad.code, `en-tête : ${bad.message}`, { file, line: 1, column: headerProblem + 1 })] };
  }
  const records: CsvRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const { record, info } = rows[r];
    const inner = record.reduce((n, f) => n + (f.split('\n').length - 1), 0);
    const line = lineOf(info.lines - inner);
    const bad = recordProblem(record, head.length, separator);
    if (bad) problems.add(problem(bad.code, bad.message, { file, line, column: bad.column }));
    else records.push({ line, fields: record });
  }
  return { csv: { separator, header: head, records }, problems: problems.list };
}

/** The first problem of a record: its cell count, then a control character or an overlong cell. */
function recordProblem(record: readonly string[], cells: number, separator: Separator): { code: string; message: string; column: number } | undefined {
  if (record.length !== cells) {
    const more = record.length > cells;
    return {
      code: 'CSV_CELL_COUNT',
      column: more ? cells + 1 : record.length + 1,
      message:
        `ligne de ${record.length} cellule(s) alors que l'en-tête en a ${cells} : un « ${separator} » ${more ? 'en trop' : 'manquant'}` +
        (more && separator === ',' ? ' (un montant écrit « 2 500,00 » se coupe en deux : le mettre entre guillemets, ou séparer le fichier par « ; »)' : ''),
    };
  }
  for (let i = 0; i < record.length; i++) {
    const bad = textProblem(record[i]);
    if (bad) return { ...bad, column: i + 1 };
  }
  return undefined;
}

function prefilter(text: string, keepLine?: (line: string) => boolean): { body: string; lineOf: (n: number) => number } {
  if (!keepLine || text.includes('"')) return { body: text, lineOf: (n) => n };
  const lines = text.split('\n');
  const kept: string[] = [lines[0]];
  const original: number[] = [1];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] !== '' && keepLine(lines[i])) {
      kept.push(lines[i]);
      original.push(i + 1);
    }
  }
  return { body: kept.join('\n'), lineOf: (n) => original[n - 1] ?? n };
}
