import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvLines, formatCsv, neutralise, unneutralise, type CsvColumn } from '../../src/io/csv-write.js';

const columns: CsvColumn[] = [
  { key: 'commune', header: 'commune', kind: 'text' },
  { key: 'montant', header: 'montant', kind: 'amount' },
  { key: 'numero', header: 'numero', kind: 'integer' },
];
const rows = [
  { commune: '=HYPERLINK("x")', montant: '1210.00', numero: '7' },
  { commune: 'Saint-Genis-Laval; centre', montant: '-3.50', numero: '8' },
  { commune: '+33', montant: '=1+1', numero: '@9' },
];

describe('csv-write', () => {
  it('writes the default form: comma, LF, canonical amounts, no BOM', () => {
    const text = formatCsv(columns, rows, { excel: false });
    expect(text.split('\n')[0]).toBe('commune,montant,numero');
    expect(text.split('\n')[1]).toBe(`"'=HYPERLINK(""x"")",1210.00,7`);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.includes('\r')).toBe(false);
  });

  it('writes the Excel form, which parses back with ; BOM and decimal commas; formulas neutralised', () => {
    const text = formatCsv(columns, rows, { excel: true });
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parse(text, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(parsed).toEqual([
      { commune: `'=HYPERLINK("x")`, montant: '1210,00', numero: '7' },
      { commune: 'Saint-Genis-Laval; centre', montant: '-3,50', numero: '8' },
      { commune: "'+33", montant: "'=1+1", numero: "'@9" },
    ]);
  });

  it('writes each record as csv-stringify does, plain records (joined) and others alike, in both forms (issue 12)', () => {
    const texts = ['', ' ', 'Écully', 'a,b', 'a;b', 'say "x"', '"', 'l1\nl2', 'cr\r', ' lead', 'trail ', "l'Arbresle", '1210.00', '=1', '\t', 'x\u2028y'];
    const cols: CsvColumn[] = ['a', 'b', 'c'].map((key) => ({ key, header: key, kind: 'text' }));
    const rows = texts.flatMap((a, i) => texts.map((b, j) => ({ a, b, c: (i + j) % 3 === 0 ? undefined : `n${i}` })));
    for (const excel of [false, true]) {
      const cells = rows.map((r) => [r.a, r.b, r.c].map((v) => (v ? neutralise(v) : '')));
      const expected = stringify(cells, { delimiter: excel ? ';' : ',', record_delimiter: excel ? '\r\n' : '\n', quoted_match: /[\r\n]/ });
      expect(csvLines(cols, rows, { excel })).toBe(expected);
    }
    expect(csvLines(cols, [{ a: 'x', b: 'y,z' }], { excel: false })).toBe('x,"y,z",\n');
  });

  it('neutralises reversibly', () => {
    for (const text of ['=x', "'=x", "''-1", 'plain', '\tx', '@a', '\rx', '\nx', "'\n=1", '＝1+1', "'＠a"]) {
      expect(unneutralise(neutralise(text))).toBe(text);
      expect(/^[=+\-@\t\r\n＝＋－＠]/.test(neutralise(text))).toBe(false);
    }
  });

  it.each([
    ['=', '=1+1'],
    ['+', '+33 4 72'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['TAB', '\t=1+1'],
    ['CR', '\r=1+1'],
    ['LF', '\n=1+1'],
    ['full-width =', '＝1+1'],
    ['full-width +', '＋1'],
    ['full-width -', '－1'],
    ['full-width @', '＠A1'],
  ])('a text cell starting with %s is neutralised in both forms (OWASP)', (_, text) => {
    for (const excel of [false, true]) {
      const csv = formatCsv(columns, [{ commune: text, montant: '1.00', numero: '1' }], { excel });
      const [row] = parse(csv, { bom: true, delimiter: excel ? ';' : ',', columns: true, relax_quotes: true }) as Array<Record<string, string>>;
      expect(row.commune).toBe(`'${text}`);
      expect(unneutralise(row.commune)).toBe(text);
    }
  });

  it('leaves harmless starts alone', () => {
    for (const text of ['Écully', ' =x', '1=1', "l'Arbresle", '(=)']) expect(neutralise(text)).toBe(text);
  });
});
