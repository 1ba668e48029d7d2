// The node options and environment that bin/titres runs the CLI with, read from its first line
// (`#!/usr/bin/env -S [NAME=value …] node --option …`): the benchmark's children that run the CLI
// get the same, so that what is measured is what a user runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function shebang() {
  const first = readFileSync(join(ROOT, 'bin', 'titres'), 'utf8').split('\n', 1)[0];
  const parts = /^#!\/usr\/bin\/env(?: -S)?((?: [A-Z_][A-Z0-9_]*=[^\s]*)*) node((?: --[^\s]+)*)$/.exec(first);
  if (!parts) throw new Error(`bin/titres : première ligne inattendue « ${first} »`);
  return parts;
}

export function titresNodeFlags() {
  return shebang()[2].split(' ').filter((flag) => flag !== '');
}

/** The environment variables bin/titres sets before node starts (MALLOC_ARENA_MAX). */
export function titresNodeEnv() {
  const assignments = shebang()[1].split(' ').filter((a) => a !== '');
  return Object.fromEntries(assignments.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
}

/**
 * Makes sure the calling script runs with bin/titres's node options and environment: started
 * without them, it is run again with them (same arguments, same terminal) and this process exits
 * with its status. `script`: the caller's import.meta.url.
 */
export function withTitresNodeFlags(script) {
  const flags = titresNodeFlags();
  const env = titresNodeEnv();
  if (flags.every((flag) => process.execArgv.includes(flag)) && Object.entries(env).every(([k, v]) => process.env[k] === v)) return;
  const again = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(script), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  process.exit(again.status ?? 1);
}
