/** Plain-text table with padded columns: readable in a terminal, in a cron mail and in a golden file. */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export function textTable(columns: readonly Column[], rows: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n') + '\n';
}
