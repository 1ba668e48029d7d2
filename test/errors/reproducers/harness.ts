/**
 * The harness of the reproducers (issue 15 item 3, hledger's habit): for each catalogued code, a
 * minimal input that raises it, and the FILE:LINE:COL where it must be reported. A reproducer runs
 * the CLI in-process on a small dataset or output folder (the problems as the user reads them on
 * stderr), or, where no command line reaches the check (a defence in depth, an OS failure), calls
 * the function that raises it.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { ProblemCode } from '../../../src/errors/catalog.js';
import { formatProblem, type Problem } from '../../../src/errors/problem.js';
import { isTitresError } from '../../../src/errors/titres-error.js';
import { CONFIG, MINIMAL } from '../../io/helpers/minimal-dataset.js';
import { runCli } from '../../cli/run-cli.js';

/** One problem as reported: its code and where, relative to the run's folders ('' where no position). */
export interface Reported {
  code: string;
  where: string;
}

export interface Reproducer {
  /** FILE:LINE:COL (or FILE, FILE:LINE) the problem must carry; '' where no position applies. */
  at: string;
  run: () => Promise<Reported[]>;
}

/** A table of reproducers, one for every code of an area: a missing code does not compile. */
export type Reproducers<Codes> = { [C in keyof Codes & ProblemCode]: Reproducer };

export const reproducer = (at: string, run: () => Promise<Reported[]>): Reproducer => ({ at, run });

// ---------------------------------------------------------------------------------------------
// Folders

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new temp folder, removed after the file's tests. */
export async function scratch(prefix = 'titres-repro-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

/** `where` made relative to the temp folders, so that a reproducer names `adhesions.csv:2:5`. */
function relative(where: string): string {
  for (const root of roots) {
    if (where.startsWith(root + path.sep)) return where.slice(root.length + 1);
    if (where === root || where.startsWith(root + ':')) return '.' + where.slice(root.length);
  }
  return where;
}

const LINE = /^(?:(.+?): )?(?:erreur|avertissement) ([A-Z][A-Z0-9_]*): /;

/** The problems of a CLI run's stderr (`FILE:LINE:COL: erreur CODE: message`). */
export function parseReported(stderr: string): Reported[] {
  return stderr.split('\n').flatMap((line) => {
    const m = LINE.exec(line);
    return m ? [{ code: m[2], where: relative(m[1] ?? '') }] : [];
  });
}

/** Runs `titres ARGV` in-process and returns what it reported. */
export async function cli(argv: string[]): Promise<Reported[]> {
  const result = await runCli(argv);
  return parseReported(result.stderr);
}

/** Problems returned or thrown (a TitresError's) by a function, as the CLI would report them. */
export async function problemsOf(fn: () => readonly Problem[] | undefined | void | Promise<readonly Problem[] | undefined | void>): Promise<Reported[]> {
  let problems: readonly Problem[];
  try {
    problems = (await fn()) ?? [];
  } catch (e) {
    if (!isTitresError(e)) throw e;
    problems = e.problems;
  }
  return problems.map((p) => parseReported(formatProblem(p))[0]);
}

// ---------------------------------------------------------------------------------------------
// Datasets: the small valid dataset of the io tests, with one edit

/** A file's new text, from its current one; null deletes the file. */
export type Edit = string | null | ((text: string) => string);

/** Replaces line n (1-based). */
export const line =
  (n: number, text: string) =>
  (t: string): string => {
    const lines = t.split('\n');
    lines[n - 1] = text;
    return lines.join('\n');
  };

/** Adds a line after the last one. */
export const append =
  (text: string) =>
  (t: string): string =>
    t + text + '\n';

/** Replaces the first occurrence of `from` (which must be there). */
export const swap =
  (from: string, to: string) =>
  (t: string): string => {
    if (!t.includes(from)) throw new Error(`absent: ${from}`);
    return t.replace(from, to);
  };

/** config.json rewritten after `edit` changed a copy of the io tests' config (2-space indent). */
export function config(edit: (c: Record<string, any>) => void): string {
  const copy = structuredClone(CONFIG) as Record<string, any>;
  edit(copy);
  return JSON.stringify(copy, null, 2);
}

/** The minimal dataset with the edits, in a new folder. */
export async function dataset(edits: Record<string, Edit> = {}): Promise<string> {
  const dir = await scratch('titres-repro-data-');
  const files = { ...MINIMAL };
  for (const [rel, edit] of Object.entries(edits)) {
    if (edit === null) delete files[rel];
    else files[rel] = typeof edit === 'function' ? edit(files[rel] ?? '') : edit;
  }
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

/** `titres check --data DIR --year 2026` on the minimal dataset with the edits. */
export async function check(edits: Record<string, Edit>, year = '2026'): Promise<Reported[]> {
  return cli(['check', '--data', await dataset(edits), '--year', year]);
}

// ---------------------------------------------------------------------------------------------
// Output folders: the minimal dataset issued once for 2026, copied for each reproducer

/** The date of the base issue: Écully and Albigny (laclasse, bordereau 1), Lyon (toodego, bordereau 2). */
export const ISSUE_DATE = '2026-09-15';
let base: Promise<{ data: string; out: string }> | undefined;

function issuedBase(): Promise<{ data: string; out: string }> {
  base ??= (async () => {
    const data = await dataset();
    const out = path.join(await scratch('titres-repro-base-'), 'sorties');
    const result = await runCli(['issue', '--data', data, '--year', '2026', '--out', out, '--date', ISSUE_DATE]);
    if (result.code !== 0) throw new Error(`the base issue failed: ${result.stderr}`);
    return { data, out };
  })();
  return base;
}

/** A copy of the issued folder (as `sorties` in a new temp folder), changed by `edit`, and the dataset. */
export async function issued(edit: (out: string, data: string) => Promise<void> = async () => undefined): Promise<{ data: string; out: string }> {
  const { data, out: original } = await issuedBase();
  const out = path.join(await scratch(), 'sorties');
  await cp(original, out, { recursive: true });
  await edit(out, data);
  return { data, out };
}
