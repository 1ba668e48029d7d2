/**
 * An append-only register of ours (bordereaux.csv, exports-pes.csv): a CSV whose lines are chained
 * (src/io/chain.ts, last column `chaine`) and anchored on the journal (`chaine_journal`: the chain
 * head of the journal when the line was written). Lines are added under the lock; existing lines
 * are never changed (except by the one-time adoption of a register written before the chain, see
 * src/apply/adopt-legacy.ts).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { problem, type Problem } from '../errors/problem.js';
import { writeFileAtomic } from './atomic-write.js';
import { chainGenesis, chainLines, checkChain, CHAIN_COLUMN } from './chain.js';
import { csvHeader, csvLines, type CsvColumn, type CsvRow } from './csv-write.js';
import { resolveOut } from './output-layout.js';

export interface RegisterSpec {
  /** OUT-relative file name. */
  file: string;
  /** Every column, the chain last. */
  columns: readonly CsvColumn[];
  /** Columns a register written before the chain may lack. */
  addedColumns: readonly string[];
  /** French name for messages (« registre des bordereaux »). */
  what: string;
}

export interface RegisterContents {
  records: Array<{ record: Record<string, string>; line: number }>;
  problems: Problem[];
  /** Written before the chain (no `chaine` column). */
  legacy: boolean;
  exists: boolean;
  head: string;
}

const FORMAT = { excel: false };

const headerOf = (spec: RegisterSpec): string => spec.columns.map((c) => c.header).join(',');

export async function readRegister(outDir: string, spec: RegisterSpec): Promise<RegisterContents> {
  const file = resolveOut(outDir, spec.file);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  const result: RegisterContents = { records: [], problems: [], legacy: false, exists: text !== undefined, head: chainGenesis(headerOf(spec)) };
  const complete = (text ?? '').slice(0, (text ?? '').lastIndexOf('\n') + 1);
  if (text !== undefined && complete.length !== text.length) {
    // written atomically, a register never ends with a torn line: this one was edited
    result.problems.push(problem('REGISTER_MALFORMED', `${spec.what} : dernière ligne incomplète`, { file }));
  }
  if (complete.trim() === '') return result;
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(complete, { info: true, columns: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    result.problems.push(problem('REGISTER_MALFORMED', `${spec.what} illisible : ${e.message}`, { file, line: e.lines }));
    return result;
  }
  const header = complete.slice(0, complete.indexOf('\n')).split(',');
  result.legacy = !header.includes(CHAIN_COLUMN);
  const required = spec.columns.map((c) => c.header).filter((h) => !result.legacy || !spec.addedColumns.includes(h));
  const missing = required.filter((h) => !header.includes(h));
  if (missing.length > 0) {
    result.problems.push(problem('REGISTER_MALFORMED', `${spec.what} : colonnes manquantes dans l’en-tête : ${missing.join(', ')}`, { file, line: 1 }));
    return result;
  }
  if (!result.legacy) {
    const check = checkChain(complete.slice(0, -1).split('\n'), file, 'REGISTER_CHAIN_BROKEN', spec.what);
    result.head = check.head;
    if (check.problem) result.problems.push(check.problem);
  }
  result.records = records.map(({ record, info }) => ({ record, line: info.lines }));
  return result;
}

/** A whole chained register (adoption of a former one): header, then the rows chained. */
export function formatRegister(spec: RegisterSpec, rows: readonly CsvRow[]): string {
  const header = headerOf(spec);
  const bodies = rows.length === 0 ? [] : csvLines(spec.columns.slice(0, -1), rows, FORMAT).slice(0, -1).split('\n');
  return `${header}\n` + chainLines(chainGenesis(header), bodies).text;
}

/**
 * Appends rows chained after the register's last line (call under the lock, after checking the
 * register). The file is small: it is rewritten atomically as its previous bytes followed by the
 * new lines, so that a crash never leaves a torn line. Returns the new head.
 */
export async function appendRegister(outDir: string, spec: RegisterSpec, rows: readonly CsvRow[]): Promise<string> {
  const file = resolveOut(outDir, spec.file);
  const previous = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  });
  const base = previous.trim() === '' ? csvHeader(spec.columns, FORMAT) : previous;
  const lines = base.slice(0, -1).split('\n');
  const head = lines.length > 1 ? lines[lines.length - 1].slice(lines[lines.length - 1].lastIndexOf(',') + 1) : chainGenesis(lines[0]);
  if (rows.length === 0) return head;
  const bodies = csvLines(spec.columns.slice(0, -1), rows, FORMAT).slice(0, -1).split('\n');
  const chained = chainLines(head, bodies);
  await writeFileAtomic(file, base + chained.text);
  return chained.head;
}
