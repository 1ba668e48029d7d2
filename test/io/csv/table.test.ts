import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/io/csv/table.js';

describe('readTable', () => {
  it('detects the separator, matches headers case-insensitively and ignores extra columns', () => {
    const { rows, problems } = readTable(' Code_INSEE ;Nom;extra\r\n69081;Écully;x\r\n', 'f.csv', ['code_insee', 'nom']);
    expect(problems).toEqual([]);
    expect(rows[0].cell('code_insee')).toEqual({ value: '69081', line: 2, column: 1 });
    expect(rows[0].cell('nom')).toEqual({ value: 'Écully', line: 2, column: 2 });
  });

  it('gives each record the physical line it starts on, across blank lines and quoted line breaks', () => {
    const text = 'a,b\n1,"x\ny"\n\n3,\n';
    const { rows, problems } = readTable(text, 'f.csv', ['a', 'b']);
    expect(rows.map((r) => r.line)).toEqual([5]);
    expect(rows[0].cell('b')).toEqual({ value: undefined, line: 5, column: 2 });
    // a line break inside a quoted cell is a control character, reported where the record starts
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['CONTROL_CHARACTER', 2, 2]]);
  });

  it('skips rows whose cells are all empty (Excel leftovers)', () => {
    const { rows } = readTable('a;b\n;\n1;2\n;;\n', 'f.csv', ['a', 'b']);
    expect(rows.map((r) => r.line)).toEqual([3]);
  });

  it('reports each missing required column at line 1', () => {
    const { rows, problems } = readTable('code_insee,nom\n1,2\n', 'd/communes.csv', ['code_insee', 'siren', 'ville']);
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.code, p.file, p.line, p.message])).toEqual([
      ['CSV_MISSING_COLUMN', 'd/communes.csv', 1, expect.stringContaining('« siren »')],
      ['CSV_MISSING_COLUMN', 'd/communes.csv', 1, expect.stringContaining('« ville »')],
    ]);
  });

  it('reports an unclosed quote as CSV_SYNTAX', () => {
    const { problems } = readTable('a,b\n1,2\n3,"oops\n', 'f.csv', ['a']);
    expect(problems).toMatchObject([{ code: 'CSV_SYNTAX', file: 'f.csv', line: 3 }]);
  });

  it('reports an empty file', () => {
    expect(readTable('', 'f.csv', ['a']).problems).toMatchObject([{ code: 'CSV_EMPTY', line: 1 }]);
  });
});
