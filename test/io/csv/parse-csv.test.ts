import { describe, expect, it } from 'vitest';
import { MAX_DETAILED_PROBLEMS } from '../../../src/errors/problem.js';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { BUFFERED_LINES, CSV_PARSE_OPTIONS, MAX_RECORD_LENGTH, parseCsv, simpleQuotes, splitPass, splitsByLine, type CsvRecord } from '../../../src/io/csv/parse-csv.js';

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

describe('parseCsv streaming a file the parser may stop midway (a quote)', () => {
  const stream = (text: string) => {
    const seen: string[] = [];
    const { problems } = parseCsv(text, 'f.csv', {
      onRecord: (r) => seen.push(`record ${r.line} ${r.fields[1]}`),
      problems: { add: (p) => seen.push(`${p.code} ${p.line}`) },
    });
    return { seen, problems: where(problems) };
  };
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},"Commune ${i}, centre",${i}`);

  it('hands over records and problems in line order once the whole file is read', () => {
    const { seen, problems } = stream([HEADER, '1,"Bron, centre",100', '2,Caluire', '3,"Dardilly",300'].join('\n'));
    expect(problems).toEqual([]);
    expect(seen).toEqual(['record 2 Bron, centre', 'CSV_CELL_COUNT 3', 'record 4 Dardilly']);
  });

  it.each([
    ['held in memory', 10],
    ['longer than what is held in memory (a first pass that keeps nothing)', BUFFERED_LINES + 10],
  ])('hands over no record when a quote left open at the end stops the parser: %s', (_, n) => {
    const { seen, problems } = stream([HEADER, ...rows(n), `${n},"Écully,${n}`].join('\n'));
    expect(seen).toEqual([]);
    expect(problems).toEqual([['CSV_SYNTAX', n + 2, undefined]]);
  });

  it('hands over every record of a long quoted file', () => {
    const { seen, problems } = stream([HEADER, ...rows(BUFFERED_LINES + 10)].join('\n'));
    expect(problems).toEqual([]);
    expect(seen).toHaveLength(BUFFERED_LINES + 10);
    expect(seen.at(-1)).toBe(`record ${BUFFERED_LINES + 11} Commune ${BUFFERED_LINES + 9}, centre`);
  });
});

// Issue 12 (the dry run of all France): a text without quote is split line by line instead of being
// parsed by csv-parse. It must read exactly what csv-parse reads with the same options, whatever the
// blanks: the cells, their trimming (a no-break space is kept at the start, trimmed at the end), the records
// skipped as blank and the line of each record.
describe('splitPass reads a splittable text as csv-parse does (issue 12)', () => {
  const viaCsvParse = (body: string, separator: ',' | ';') => {
    const out: [number, ...string[]][] = [];
    parse(body, { ...CSV_PARSE_OPTIONS, delimiter: separator, on_record: (record: string[], context: { lines: number }) => (out.push([context.lines, ...record]), null) });
    return out;
  };
  const viaSplit = (body: string, separator: ',' | ';') => {
    const out: [number, ...string[]][] = [];
    splitPass(body, separator, (record, context) => out.push([context.lines, ...record]));
    return out;
  };
  // no '\r': parseCsv turns CRLF and CR into LF before any pass
  const cellChar = fc.constantFrom('a', 'é', '1', ' ', '\t', '\f', '\u00a0', '\u2009', '\u3000', ',', ';', '\n', '\n');

  it('same records, cells and lines on random texts', () => {
    fc.assert(
      fc.property(fc.array(cellChar, { maxLength: 60 }), fc.constantFrom(',' as const, ';' as const), (chars, separator) => {
        const body = chars.join('');
        expect(splitsByLine(body, separator)).toBe(true);
        expect(viaSplit(body, separator)).toEqual(viaCsvParse(body, separator));
      }),
      { numRuns: 2000 },
    );
  });

  // communes.csv quotes its addresses (« "Hôtel de ville, 1 place de la Mairie" »): a quoted cell
  // that is a whole cell of one line is split here too, as its text between the quotes, untrimmed.
  it('same records, cells and lines on random texts with quoted cells', () => {
    const quoted = fc.array(fc.constantFrom('a', ' ', '\t', '\u00a0', ',', ';', '""'), { maxLength: 6 }).map((c) => `"${c.join('')}"`);
    const plain = fc.array(cellChar.filter((c) => c !== '\n' && c !== ',' && c !== ';'), { maxLength: 4 }).map((c) => c.join(''));
    const line = fc.array(fc.oneof(quoted, plain), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom(',' as const, ';' as const), (lines, separator) => {
        const body = lines.map((cells) => cells.join(separator)).join('\n');
        expect(splitsByLine(body, separator)).toBe(true);
        expect(viaSplit(body, separator)).toEqual(viaCsvParse(body, separator));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits a text only where csv-parse reads it the same, quotes anywhere', () => {
    const anyChar = fc.constantFrom('a', ' ', '\t', '\u00a0', ',', ';', '\n', '"', '"', '""');
    fc.assert(
      fc.property(fc.array(anyChar, { maxLength: 40 }), fc.constantFrom(',' as const, ';' as const), (chars, separator) => {
        const body = chars.join('');
        if (splitsByLine(body, separator)) expect(viaSplit(body, separator)).toEqual(viaCsvParse(body, separator));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves to csv-parse a quote inside or beside a cell, a quoted line break, a surrogate or a line over the limit', () => {
    expect(splitsByLine('a,"b, c"\n"d""e",""\n', ',')).toBe(true);
    expect(viaSplit('a,"b, c"\n"d""e",""\n', ',')).toEqual([[1, 'a', 'b, c'], [2, 'd"e', '']]);
    for (const body of ['a,x"b"\n', 'a, "b"\n', 'a,"b" \n', 'a,"b"c\n', 'a,"b\nc"\n', 'a,"b\n', 'a;"b"\n']) {
      expect([body, simpleQuotes(body, ','), splitsByLine(body, ',')]).toEqual([body, false, false]);
    }
    expect(splitsByLine('a,\ud83d\ude00\n', ',')).toBe(false);
    expect(splitsByLine('a\n' + 'x'.repeat(MAX_RECORD_LENGTH + 1) + '\n', ',')).toBe(false);
    expect(splitsByLine('a\n' + 'x'.repeat(MAX_RECORD_LENGTH) + '\n', ',')).toBe(true);
  });
});
