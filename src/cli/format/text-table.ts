/**
 * Plain-text table with padded columns: readable in a terminal, in a cron mail and in a golden file.
 * Given a width (a terminal's), the table fits it: the column marked `wrap` (the detail) is
 * wrapped on word boundaries onto continuation lines, the other columns keep their width; without
 * a width (piped, cron), every row stays on one line at full width.
 */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
  /** The column to wrap when the table is wider than the terminal (one per table). */
  wrap?: boolean;
}

const GAP = 2;
/** A wrapped column keeps at least this many characters, even if the table then overflows. */
const MIN_WRAP = 16;

/** Splits `text` into lines of at most `width` characters, on spaces (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (current) lines.push(current), (current = '');
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= width) current += ` ${rest}`;
    else lines.push(current), (current = rest);
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * `text` without its trailing white space, as trimEnd gives it, without trimEnd's flat copy of a
 * line that ends in a printed character (the usual case: a right-aligned amount). Below U+1680,
 * the only white space trimEnd removes is U+0009-U+000D, U+0020 and U+00A0.
 */
function trimmedEnd(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last > 0x20 && last !== 0xa0 && last < 0x1680 ? text : text.trimEnd();
}

/**
 * A table's rows: an array, or a function that makes them, called twice (once for the column
 * widths, once to print; once when the widths are given, TableOptions.cellWidths), so that the
 * rows of a national plan (70 000 of them) are made as they
 * are printed instead of being held together (issue 12).
 */
export type Rows = readonly (readonly string[])[] | (() => Iterable<readonly string[]>);

export interface TableOptions {
  /** A terminal's width, to fit the table in; undefined (piped, cron): full width. */
  width?: number;
  /**
   * The length of each column's longest cell, when the caller knows it without making the rows
   * (the plan's table, from its documents: plan-table.ts): the rows are then made once, to print,
   * instead of once more for the widths. A length shorter than a cell misaligns that cell's row
   * only; the caller's tests compare with the table measured from its rows.
   */
  cellWidths?: readonly number[];
}

export function textTable(columns: readonly Column[], rows: Rows, options: TableOptions = {}): string {
  return [...textTableChunks(columns, rows, options)].join('');
}

/** Rows written together in one chunk of textTableChunks. */
const ROWS_PER_CHUNK = 1000;
const SEPARATOR = ' '.repeat(GAP);

/**
 * The same table in chunks of ROWS_PER_CHUNK rows, for a writer to take one by one: the plan of a
 * national batch (70 000 rows, 8 MB) is not held as one string (issue 12).
 */
export function* textTableChunks(columns: readonly Column[], rows: Rows, options: TableOptions = {}): Generator<string> {
  const eachRow = typeof rows === 'function' ? rows : () => rows;
  const known = options.cellWidths;
  const widths = columns.map((c, i) => Math.max(c.header.length, known?.[i] ?? 0));
  if (known === undefined) {
    for (const row of eachRow()) {
      for (let i = 0; i < widths.length; i++) {
        const length = (row[i] ?? '').length;
        if (length > widths[i]) widths[i] = length;
      }
    }
  }
  const wrapAt = columns.findIndex((c) => c.wrap);
  const total = widths.reduce((s, w) => s + w, 0) + GAP * (columns.length - 1);
  if (options.width !== undefined && wrapAt >= 0 && total > options.width) {
    widths[wrapAt] = Math.max(MIN_WRAP, columns[wrapAt].header.length, widths[wrapAt] - (total - options.width));
  }
  const right = columns.map((c) => c.align === 'right');
  const line = (cells: readonly string[]): string => {
    let text = '';
    for (let i = 0; i < widths.length; i++) {
      const cell = cells[i] ?? '';
      if (i > 0) text += SEPARATOR;
      text += right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
    }
    return trimmedEnd(text) + '\n';
  };
  const physical = (cells: readonly string[]): string => {
    if (wrapAt < 0 || (cells[wrapAt] ?? '').length <= widths[wrapAt]) return line(cells);
    const parts = wrapText(cells[wrapAt], widths[wrapAt]);
    return parts.map((part, k) => line(cells.map((cell, i) => (i === wrapAt ? part : k === 0 ? cell : '')))).join('');
  };
  const rule = widths.map((w) => '-'.repeat(w)).join(SEPARATOR);
  yield `${line(columns.map((c) => c.header))}${rule}\n`;
  let chunk = '';
  let count = 0;
  for (const row of eachRow()) {
    chunk += physical(row);
    if (++count === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (count > 0) yield chunk;
}
