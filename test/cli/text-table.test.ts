/** Terminal tables fit the terminal's width (issue 13 item 4); piped output keeps full width. */
import { describe, expect, it } from 'vitest';
import { textTable, wrapText } from '../../src/cli/format/text-table.js';
import { runCli, SAMPLES } from './run-cli.js';

describe('textTable', () => {
  const columns = [{ header: 'Commune' }, { header: 'Détail', wrap: true }];
  const rows = [['Écully', 'convention expirée le 31/12/2031 : aucune contribution après cette date']];

  it('wraps the detail column on word boundaries to fit a width, the other cells on the first line only', () => {
    const text = textTable(columns, rows, { width: 40 });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.slice(2)).toEqual([
      'Écully   convention expirée le',
      '         31/12/2031 : aucune',
      '         contribution après cette date',
    ]);
  });

  it('keeps every row on one line without a width (piped, cron)', () => {
    expect(textTable(columns, rows).trimEnd().split('\n')).toHaveLength(3);
  });

  it('cuts a word longer than the column', () => {
    expect(wrapText('abcdefghij kl', 4)).toEqual(['abcd', 'efgh', 'ij', 'kl']);
  });
});

describe('issue --dry-run on a terminal', () => {
  it('fits a 100-column terminal, and prints the full lines when piped', async () => {
    const argv = ['issue', '--data', SAMPLES, '--year', '2026', '--dry-run', '--date', '2026-06-15'];
    const tty = await runCli(argv, { tty: true, columns: 100 });
    expect(tty.code).toBe(0);
    const table = tty.stdout.split('\nAvertissements')[0];
    for (const line of table.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    const piped = await runCli(argv);
    expect(Math.max(...piped.stdout.split('\nAvertissements')[0].split('\n').map((l) => l.length))).toBeGreaterThan(100);
  });
});
