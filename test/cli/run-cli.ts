/** Runs the CLI in-process with captured output (golden tests), or as a real process (safety tests). */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES = 'samples/metropole-de-lyon';
export const BIN = path.join(REPO, 'bin/titres');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { tty?: boolean; columns?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: options.env ?? {},
    stderrIsTTY: Boolean(options.tty),
    stdoutIsTTY: Boolean(options.tty),
    ...(options.tty && options.columns !== undefined ? { stdoutColumns: options.columns } : {}),
    cwd: REPO,
  };
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    const code = await run(argv, io);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

/** The compiled CLI as cron runs it: no terminal, real process (npm test builds dist/ first). */
export function spawnCli(argv: string[], env: NodeJS.ProcessEnv = {}): { child: ReturnType<typeof spawn>; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr })));
  return { child, done };
}

export async function tempDir(prefix = 'titres-cli-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Temp folders removed after each test of the file (or after all of them, for folders shared by
 * a beforeAll): `const temp = tempDirs()` at the top, then `await temp()` for a new one,
 * `temp.track(dir)` for one made otherwise (copySamples).
 */
export function tempDirs(removed: 'each' | 'all' = 'each'): (() => Promise<string>) & { track: (...dirs: string[]) => void } {
  const dirs: string[] = [];
  (removed === 'each' ? afterEach : afterAll)(async () => {
    await Promise.all(dirs.splice(0).map(removeDir));
  });
  const make = async (): Promise<string> => {
    const dir = await tempDir();
    dirs.push(dir);
    return dir;
  };
  return Object.assign(make, { track: (...more: string[]) => void dirs.push(...more) });
}

/** A copy of the samples that a test may change. */
export async function copySamples(): Promise<string> {
  const dir = await tempDir('titres-data-');
  await cp(path.join(REPO, SAMPLES), dir, { recursive: true });
  return dir;
}

/** Compares with test/cli/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead. */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(REPO, 'test/cli/golden', name);
  if (process.env.UPDATE_GOLDEN) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8');
  expect(actual).toBe(expected);
}
