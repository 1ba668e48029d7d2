import { describe, expect, it } from 'vitest';
import { MAX_DETAILED_PROBLEMS } from '../../../src/errors/problem.js';
import { parseCsv, type CsvRecord } from '../../../src/io/csv/parse-csv.js';

const where = (problems: readonly { code: string; line?: number; column?: number }[]) => problems.map((p) => [p.code, p.line, p.column]);
const lines = (records: readonly CsvRecord[] | undefined) => (records ?? []).map((r) => [r.line, ...r.fields]);

// Without a quote, rows of the wrong cell count are found line by line before csv-parse (issue 10:
// csv-parse builds an error object per such row, and 900 000 of them took minutes). The two paths
// must tell the same things: each case is read as it is (fast path) and with a harmless quoted cell
// added on a last good row (csv-parse reads all).
const HEADER = 'code,nom,population';
const cases: { name: string; rows: string[] }[] = [
  { name: 'a row short of a cell, one with a cell too many', rows: ['1,Bron,100', '2,Caluire', '3,Dardilly,300,x', '4,Écully,400'] },
  { name: 'blank lines, and rows of empty cells only whatever their count', rows: ['', '1,Bron,100', ',,', ',', '   ', ',,,,', '2,Caluire,200'] },
  { name: 'a control character after a miscounted row', rows: ['1,Bron', '2,Cal\u0000uire,200', '3,Dardilly,300,4'] },
  { name: 'trimmed cells', rows: [' 1 , Bron , 100 ', ' 2 ,Caluire'] },
];

function both(rows: readonly string[]) {
  const plain = [HEADER, ...rows].join('\n') + '\n';
  const quoted = [HEADER, ...rows, '9,"Saint-Genis",900'].join('\n') + '\n';
  const fast = parseCsv(plain, 'f.csv');
  const parser = parseCsv(quoted, 'f.csv');
  return { fast, parser };
}

describe('parseCsv (issue 10: a row of the wrong cell count)', () => {
  it.each(cases)('tells the same problems and records as csv-parse: $name', ({ rows }) => {
    const { fast, parser } = both(rows);
    expect(where(fast.problems)).toEqual(where(parser.problems));
    expect(fast.problems.map((p) => p.message)).toEqual(parser.problems.map((p) => p.message));
    expect(lines(fast.csv?.records)).toEqual(lines(parser.csv?.records).slice(0, -1));
  });

  it('names each miscounted row at its line and the column where the count goes wrong, and keeps the good rows with their lines', () => {
    const { fast } = both(cases[0].rows);
    expect(where(fast.problems)).toEqual([
      ['CSV_CELL_COUNT', 3, 3],
      ['CSV_CELL_COUNT', 4, 4],
    ]);
    expect(fast.problems[0].message).toBe("ligne de 2 cellule(s) alors que l'en-tête en a 3 : un « , » manquant");
    expect(fast.problems[1].message).toContain('un « , » en trop (un montant écrit « 2 500,00 » se coupe en deux');
    expect(lines(fast.csv?.records)).toEqual([
      [2, '1', 'Bron', '100'],
      [5, '4', 'Écully', '400'],
    ]);
  });

  it('keeps the problems in line order, so that the detailed ones are the first of the file whatever their kind', () => {
    const rows = ['1,Bron', '2,Cal\u0000uire,200', ...Array.from({ length: MAX_DETAILED_PROBLEMS + 5 }, (_, i) => `${i},x`)];
    const { problems } = parseCsv([HEADER, ...rows].join('\n'), 'f.csv');
    expect(where(problems.slice(0, 3))).toEqual([
      ['CSV_CELL_COUNT', 2, 3],
      ['CONTROL_CHARACTER', 3, 2],
      ['CSV_CELL_COUNT', 4, 3],
    ]);
    const omitted = problems.find((p) => p.code === 'PROBLEMS_OMITTED');
    expect(omitted?.count).toBe(rows.length - MAX_DETAILED_PROBLEMS);
  });

  it('hands streamed records and problems over in line order', () => {
    const seen: string[] = [];
    const { problems } = parseCsv([HEADER, '1,Bron,100', '2,Caluire', '3,Dardilly,300', '4'].join('\n'), 'f.csv', {
      onRecord: (r) => seen.push(`record ${r.line}`),
      problems: { add: (p) => seen.push(`${p.code} ${p.line}`) },
    });
    expect(problems).toEqual([]);
    expect(seen).toEqual(['record 2', 'CSV_CELL_COUNT 3', 'record 4', 'CSV_CELL_COUNT 5']);
  });

  it('applies the line filter before the count: rows of other communes are not checked', () => {
    const text = [HEADER, '1,Bron,100', '2,Caluire', '3,Dardilly', '4,Écully,400'].join('\n');
    const { csv, problems } = parseCsv(text, 'f.csv', { keepLine: (line) => !line.startsWith('2,') });
    expect(where(problems)).toEqual([['CSV_CELL_COUNT', 4, 3]]);
    expect(lines(csv?.records).map((r) => r[0])).toEqual([2, 5]);
  });

  it('leaves a line longer than the record limit to the parser, which refuses the whole file', () => {
    const { csv, problems } = parseCsv([HEADER, '1,Bron', 'x'.repeat(70_000)].join('\n'), 'f.csv');
    expect(csv).toBeUndefined();
    expect(where(problems)).toEqual([['CSV_LINE_TOO_LONG', 3, undefined]]);
  });
});
