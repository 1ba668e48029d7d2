/** Terminal tables fit the terminal's width (issue 13 item 4); piped output keeps full width. */
import { describe, expect, it } from 'vitest';
import { textTable, textTableChunks, wrapText } from '../../src/cli/format/text-table.js';
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

  it('comes in chunks of at most 1 000 rows, the widths taken from every row (issue 12: a national plan is not one string)', () => {
    const many = Array.from({ length: 2500 }, (_, i) => [`Commune ${i}`, i === 2400 ? 'la plus longue des cellules' : 'court']);
    const chunks = [...textTableChunks(columns, many)];
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([2, 1000, 1000, 500]);
    expect(chunks.join('')).toBe(textTable(columns, many));
    expect(chunks[1].split('\n')[0]).toBe(`${'Commune 0'.padEnd('Commune 1000'.length)}  court`);
    expect(chunks[3].split('\n')[400]).toBe('Commune 2400  la plus longue des cellules');
  });

  /** 1 500 rows, and a function that makes them, counting its calls. */
  const madeRows = () => {
    const many = Array.from({ length: 1500 }, (_, i) => [`Commune ${i}`, i === 1400 ? 'la plus longue des cellules du tableau' : 'court']);
    const counted = { calls: 0 };
    const made = function* (): Generator<string[]> {
      counted.calls++;
      yield* many;
    };
    return { many, made, counted };
  };

  it('takes its rows from a function, called once for the widths and once to print: the same table as from an array', () => {
    const { many, made, counted } = madeRows();
    expect([...textTableChunks(columns, made, { width: 40 })]).toEqual([...textTableChunks(columns, many, { width: 40 })]);
    expect(counted.calls).toBe(2);
    expect(textTable(columns, made)).toBe(textTable(columns, many));
  });

  it('makes its rows once when given the widths of their longest cells: the same table', () => {
    const { many, made, counted } = madeRows();
    const cellWidths = ['Commune 1400'.length, 'la plus longue des cellules du tableau'.length];
    expect(textTable(columns, made, { cellWidths })).toBe(textTable(columns, many));
    expect(counted.calls).toBe(1);
    expect(textTable(columns, made, { width: 40, cellWidths })).toBe(textTable(columns, many, { width: 40 }));
  });

  it('trims the end of a line as trimEnd does: spaces of padding, no-break spaces, wide spaces; not a letter', () => {
    const left = [{ header: 'A' }, { header: 'B' }];
    const rows = [['x', ''], ['y', 'fin\u00a0'], ['z', 'idéogramme\u3000'], ['w', 'tab\t'], ['v', 'é'], ['u', 'œ']];
    expect(textTable(left, rows).split('\n')).toEqual(['A  B', '-  -----------', 'x', 'y  fin', 'z  idéogramme', 'w  tab', 'v  é', 'u  œ', '']);
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
