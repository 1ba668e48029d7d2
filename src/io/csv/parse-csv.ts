import { parse } from 'csv-parse/sync';
import { problem, type Problem } from '../../errors/problem.js';
import { detectSeparator, firstLine, type Separator } from './separator.js';

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
 * (unclosed quote…) becomes a CSV_SYNTAX problem at its line.
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
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    const line = err.lines !== undefined ? lineOf(err.lines) : undefined;
    return {
      problems: [problem('CSV_SYNTAX', `syntaxe CSV invalide (guillemet non fermé ou mal placé) : « ${err.message ?? ''} »`, { file, line })],
    };
  }
  if (rows.length === 0) {
    return { problems: [problem('CSV_EMPTY', 'fichier vide : la ligne d\'en-tête est absente', { file, line: 1 })] };
  }
  const [head, ...data] = rows;
  const records = data.map(({ record, info }) => {
    const inner = record.reduce((n, f) => n + (f.split('\n').length - 1), 0);
    return { line: lineOf(info.lines - inner), fields: record };
  });
  return { csv: { separator, header: head.record, records }, problems: [] };
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
