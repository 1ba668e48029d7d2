/**
 * Issue 10 item 5: a corpus of hostile inputs, each one edit of the samples. Every case is a data
 * error (exit 3) reported at its exact FILE:LINE:COL with its code, no stack trace, and nothing
 * written: the output folder is not even created. Positions are those of the samples: Écully is
 * line 2 of adhesions.csv (laclasse, montant_anterieur in column 5) and line 14 of communes.csv
 * and populations/N.csv; syntec.csv line 25 is 2025-10.
 */
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { slugify } from '../../src/io/output-layout.js';
import { copySamples, runCli, tempDirs } from './run-cli.js';

const temp = tempDirs();
const shared = tempDirs('all');
let template: string;
beforeAll(async () => {
  template = await copySamples();
  shared.track(template);
});

type Edit = (text: string) => string;
interface Case {
  name: string;
  file: string;
  edit: Edit;
  code: string;
  line?: number;
  column?: number;
}

/** Replaces the whole line n (1-based). */
const line =
  (n: number, text: string): Edit =>
  (t) => {
    const lines = t.split('\n');
    lines[n - 1] = text;
    return lines.join('\n');
  };
/** Replaces cell `column` (1-based) of line n with `value` written as is (the other cells re-quoted as needed). */
const cell =
  (n: number, column: number, value: string, sep = ','): Edit =>
  (t) => {
    const lines = t.split('\n');
    const cells = (parse(lines[n - 1], { delimiter: sep, relax_quotes: true }) as string[][])[0];
    const quote = (c: string) => (/[",\n\r;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    lines[n - 1] = cells.map((c, i) => (i === column - 1 ? value : quote(c))).join(sep);
    return lines.join('\n');
  };
/** Replaces the first occurrence of a text. */
const swap =
  (from: string, to: string): Edit =>
  (t) => {
    if (!t.includes(from)) throw new Error(`absent from the samples: ${from}`);
    return t.replace(from, to);
  };

const A = 'adhesions.csv';
const C = 'communes.csv';
const P = 'populations/2026.csv';
const S = 'indices/syntec.csv';
const J = 'config.json';
const amount = (value: string, code: string, column = 5): Case => ({ name: `montant_anterieur « ${value} »`, file: A, edit: cell(2, 5, value), code, line: 2, column });
const name = (value: string, code: string, label: string): Case => ({ name: `commune name with ${label}`, file: C, edit: cell(14, 2, value), code, line: 14, column: 2 });
const long = (n: number): string => 'Saint-'.repeat(Math.ceil(n / 6)).slice(0, n);

const CASES: Case[] = [
  // amounts: at most two decimals, no exponent, plausible
  amount('2500.005', 'AMOUNT_TOO_MANY_DECIMALS'),
  amount('"1 100,001"', 'AMOUNT_TOO_MANY_DECIMALS'),
  amount('0.999', 'AMOUNT_TOO_MANY_DECIMALS'),
  amount('1e30', 'INVALID_AMOUNT'),
  amount('1E3', 'INVALID_AMOUNT'),
  amount('1e-2', 'INVALID_AMOUNT'),
  amount('1.1e2', 'INVALID_AMOUNT'),
  amount('Infinity', 'INVALID_AMOUNT'),
  amount('NaN', 'INVALID_AMOUNT'),
  amount('0x10', 'INVALID_AMOUNT'),
  amount('+1100', 'INVALID_AMOUNT'),
  amount('１１００', 'INVALID_AMOUNT'),
  amount('"1 000 000 000 000 000 000"', 'INVALID_AMOUNT'),
  amount('5000000.00', 'AMOUNT_IMPLAUSIBLE'),
  amount('"2 500,00 €"', 'INVALID_AMOUNT'),
  amount('-100', 'NEGATIVE_AMOUNT'),
  // a row whose cell count differs from its header: reported at the first extra or missing cell
  { name: '2 500,00 € unquoted: a cell-count error, not a date error', file: A, edit: cell(2, 5, '2 500,00 €'), code: 'CSV_CELL_COUNT', line: 2, column: 10 },
  { name: 'one trailing separator too many', file: A, edit: line(2, '69081,laclasse,2025-12-18,,1100.00,,,,,'), code: 'CSV_CELL_COUNT', line: 2, column: 10 },
  { name: 'a row cut short', file: A, edit: line(2, '69081,laclasse,2025-12-18'), code: 'CSV_CELL_COUNT', line: 2, column: 4 },
  { name: 'a commune name with an unquoted comma', file: C, edit: cell(14, 2, 'Écully, centre'), code: 'CSV_CELL_COUNT', line: 14, column: 8 },
  { name: 'a population row missing its total', file: P, edit: line(14, '69081,17944'), code: 'CSV_CELL_COUNT', line: 14, column: 3 },
  { name: 'an index row with a fifth cell', file: S, edit: cell(25, 4, 'source, avec une virgule'), code: 'CSV_CELL_COUNT', line: 25, column: 5 },
  { name: 'a header shorter than its rows', file: A, edit: line(1, 'code_insee,service,date_signature,date_debut,montant_anterieur,date_fin,motif_fin,date_preavis'), code: 'CSV_CELL_COUNT', line: 2, column: 9 },
  { name: 'a row split by a lone CR', file: C, edit: cell(14, 2, 'Éc\rully'), code: 'CSV_CELL_COUNT', line: 14, column: 3 },
  // control characters in any text cell, quoted or not
  name('Éc\u0000ully', 'CONTROL_CHARACTER', 'a NUL'),
  name('"Éc\nully"', 'CONTROL_CHARACTER', 'a quoted LF'),
  name('"Éc\r\nully"', 'CONTROL_CHARACTER', 'a quoted CRLF'),
  name('"Éc\rully"', 'CONTROL_CHARACTER', 'a quoted CR'),
  name('Éc\tully', 'CONTROL_CHARACTER', 'an inner TAB'),
  name('Éc\u001bully', 'CONTROL_CHARACTER', 'an ESC'),
  name('Éc\u0007ully', 'CONTROL_CHARACTER', 'a BEL'),
  name('Éc\u007fully', 'CONTROL_CHARACTER', 'a DEL'),
  name('Éc\u0085ully', 'CONTROL_CHARACTER', 'a C1 NEL'),
  name('Éc\u2028ully', 'CONTROL_CHARACTER', 'a LINE SEPARATOR'),
  name('Éc\u202eylluc', 'CONTROL_CHARACTER', 'a RIGHT-TO-LEFT OVERRIDE'),
  name('Éc\u2066ully', 'CONTROL_CHARACTER', 'a LEFT-TO-RIGHT ISOLATE'),
  { name: 'a NUL in a service id', file: A, edit: cell(2, 2, 'lacl\u0000asse'), code: 'CONTROL_CHARACTER', line: 2, column: 2 },
  { name: 'a BEL in the options cell', file: A, edit: cell(2, 9, 'x\u0007'), code: 'CONTROL_CHARACTER', line: 2, column: 9 },
  { name: 'a NUL in a code INSEE of the populations', file: P, edit: cell(14, 1, '690\u000081'), code: 'CONTROL_CHARACTER', line: 14, column: 1 },
  { name: 'a vertical tab in the index source', file: S, edit: cell(25, 4, 'indice\u000brévisé'), code: 'CONTROL_CHARACTER', line: 25, column: 4 },
  { name: 'a NUL in a header name', file: C, edit: line(1, 'code_insee,n\u0000om,siren,siret,adresse,code_postal,ville'), code: 'CONTROL_CHARACTER', line: 1, column: 2 },
  { name: 'a form feed in a postal code', file: C, edit: cell(14, 6, '69\f130'), code: 'CONTROL_CHARACTER', line: 14, column: 6 },
  // lengths: names, text cells, lines
  name(long(250), 'TEXT_TOO_LONG', '250 characters'),
  name(long(101), 'TEXT_TOO_LONG', '101 characters'),
  { name: 'an address line of 150 characters', file: C, edit: cell(14, 5, long(150)), code: 'TEXT_TOO_LONG', line: 14, column: 5 },
  { name: 'a town of 101 characters', file: C, edit: cell(14, 7, long(101)), code: 'TEXT_TOO_LONG', line: 14, column: 7 },
  { name: 'an index source of 1 001 characters', file: S, edit: cell(25, 4, 'x'.repeat(1001)), code: 'TEXT_TOO_LONG', line: 25, column: 4 },
  { name: 'a name of 100 000 characters', file: C, edit: cell(14, 2, 'x'.repeat(100_000)), code: 'CSV_LINE_TOO_LONG', line: 14 },
  { name: 'a single cell of 1 MB', file: C, edit: cell(14, 2, 'é'.repeat(1 << 20)), code: 'CSV_LINE_TOO_LONG', line: 14 },
  // populations: whole, plausible
  { name: 'a population of 1 000 000 000 000', file: P, edit: cell(14, 3, '1000000000000'), code: 'POPULATION_IMPLAUSIBLE', line: 14, column: 3 },
  { name: 'a population just above ten million', file: P, edit: cell(14, 3, '10000001'), code: 'POPULATION_IMPLAUSIBLE', line: 14, column: 3 },
  { name: 'a population in exponent form', file: P, edit: cell(14, 3, '1e6'), code: 'INVALID_INTEGER', line: 14, column: 3 },
  { name: 'a population with decimals', file: P, edit: cell(14, 3, '18243.5'), code: 'INVALID_INTEGER', line: 14, column: 3 },
  { name: 'a population of 16 digits', file: P, edit: cell(14, 3, '9999999999999999'), code: 'INVALID_INTEGER', line: 14, column: 3 },
  { name: 'a negative population', file: P, edit: cell(14, 2, '-5'), code: 'NEGATIVE_POPULATION', line: 14, column: 2 },
  // config.json: amounts, texts, identifiers, limits
  { name: 'a forfait with three decimals', file: J, edit: swap('"forfait": "300.00"', '"forfait": "300.005"'), code: 'AMOUNT_TOO_MANY_DECIMALS', line: 55, column: 18 },
  { name: 'a forfait in exponent form', file: J, edit: swap('"forfait": "300.00"', '"forfait": "3e2"'), code: 'CONFIG_INVALID_DECIMAL', line: 55, column: 18 },
  { name: 'an implausible forfait', file: J, edit: swap('"forfait": "300.00"', '"forfait": "2000000.00"'), code: 'AMOUNT_IMPLAUSIBLE', line: 55, column: 18 },
  { name: 'a threshold with three decimals', file: J, edit: swap('"seuil_recouvrement": "15.00"', '"seuil_recouvrement": "15.001"'), code: 'AMOUNT_TOO_MANY_DECIMALS', line: 50, column: 25 },
  { name: 'a NUL in the issuer’s name', file: J, edit: swap('"nom": "Métropole de Lyon"', '"nom": "Métropole\\u0000de Lyon"'), code: 'CONTROL_CHARACTER', line: 3, column: 12 },
  { name: 'a line break in a service label', file: J, edit: swap('"libelle": "laclasse.com,', '"libelle": "laclasse.com\\n,'), code: 'CONTROL_CHARACTER', line: 53, column: 18 },
  { name: 'an address line of 101 characters', file: J, edit: swap('"CS 33569"', `"${long(101)}"`), code: 'TEXT_TOO_LONG', line: 6, column: 35 },
  { name: 'a service id of 40 characters', file: J, edit: swap('"laclasse": {', `"${'l'.repeat(40)}": {`), code: 'CONFIG_INVALID_VALUE', line: 52, column: 5 },
  { name: 'limites.population_max below a real population', file: J, edit: swap('"seuil_recouvrement"', '"limites": { "population_max": 1000 },\n  "seuil_recouvrement"'), code: 'POPULATION_IMPLAUSIBLE', line: 14, column: 2 },
  { name: 'limites.montant_max below a montant antérieur', file: J, edit: swap('"seuil_recouvrement"', '"limites": { "montant_max": "1000.00" },\n  "seuil_recouvrement"'), code: 'AMOUNT_IMPLAUSIBLE', line: 2, column: 5 },
  { name: 'limites.montant_max not an amount', file: J, edit: swap('"seuil_recouvrement"', '"limites": { "montant_max": "beaucoup" },\n  "seuil_recouvrement"'), code: 'CONFIG_INVALID_DECIMAL', line: 50, column: 31 },
];

/** Where each case's problem is reported: config limits cases point at the file they bound. */
function reportedFile(c: Case): string {
  if (c.name.startsWith('limites.population_max')) return P;
  if (c.name.startsWith('limites.montant_max below')) return A;
  return c.file;
}

async function datasetWith(c: Case): Promise<string> {
  const dir = await temp();
  await cp(template, dir, { recursive: true });
  const file = path.join(dir, c.file);
  await writeFile(file, c.edit(await readFile(file, 'utf8')));
  return dir;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

describe('hostile input corpus: exit 3, FILE:LINE:COL, nothing written', () => {
  it('holds at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const data = await datasetWith(c);
    const out = path.join(data, 'sorties');
    const r = await runCli(['issue', '--data', data, '--year', '2026', '--out', out, '--date', '2026-06-15']);
    expect(r.code, r.stderr).toBe(EXIT.DATA);
    const at = [path.join(data, reportedFile(c)), c.line, c.column].filter((x) => x !== undefined).join(':');
    expect(r.stderr.split('\n'), r.stderr).toContainEqual(expect.stringMatching(new RegExp(`^${at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: erreur ${c.code}: `)));
    expect(r.stderr).not.toMatch(/\n\s+at |erreur interne/);
    expect(r.stdout).toBe('');
    expect(await exists(out)).toBe(false);
  });
});

describe('input of any size: bounded work, every problem counted', () => {
  it('100 000 bad rows: no stack overflow, the first 300 printed, all counted', async () => {
    const c: Case = { name: 'many', file: A, code: 'CSV_CELL_COUNT', edit: (t) => t.split('\n')[0] + '\n' + '69081,laclasse\n'.repeat(100_000) };
    const data = await datasetWith(c);
    const r = await runCli(['check', '--data', data]);
    expect(r.code).toBe(EXIT.DATA);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(302);
    expect(lines.at(-2)).toMatch(/^… \d+ autre\(s\) problème\(s\) non affiché\(s\)/);
    expect(lines.at(-1)).toBe('100000 erreurs.');
    expect(r.stderr).toContain(`${path.join(data, A)}: erreur PROBLEMS_OMITTED: 99000 autre(s) erreur(s) dans ce fichier`);
  });

  it('a file larger than 32 MB is refused before it is read', async () => {
    const c: Case = { name: 'big', file: A, code: 'INPUT_FILE_TOO_LARGE', edit: (t) => t + 'x'.repeat(33 * 1024 * 1024) };
    const data = await datasetWith(c);
    const r = await runCli(['check', '--data', data]);
    expect(r.code).toBe(EXIT.DATA);
    expect(r.stderr).toContain(`${path.join(data, A)}: erreur INPUT_FILE_TOO_LARGE: fichier de 33 Mo, plus que les 32 Mo permis`);
  });

  it('file names derived from a commune name stay short whatever the name', () => {
    expect(slugify('Saint-'.repeat(50)).length).toBeLessThanOrEqual(60);
    expect(slugify('é'.repeat(1 << 20)).length).toBeLessThanOrEqual(60);
    expect(slugify('\u0000/../..')).toBe('commune');
    expect(slugify('Saint-Genis-Laval')).toBe('saint-genis-laval');
  });

  it('cancel --montant with three decimals is a usage error', async () => {
    const r = await runCli(['cancel', '--out', await temp(), '--titre', '2026-1', '--montant', '100.005', '--motif', 'x']);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('--montant : montant « 100.005 » : deux décimales au plus');
  });
});
