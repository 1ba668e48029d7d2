// The node options that bin/titres runs the CLI with, read from its first line
// (`#!/usr/bin/env -S node --option …`): the benchmark's children that run the CLI get the same,
// so that what is measured is what a user runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function titresNodeFlags() {
  const first = readFileSync(join(ROOT, 'bin', 'titres'), 'utf8').split('\n', 1)[0];
  const shebang = /^#!\/usr\/bin\/env(?: -S)? node((?: --[^\s]+)*)$/.exec(first);
  if (!shebang) throw new Error(`bin/titres : première ligne inattendue « ${first} »`);
  return shebang[1].split(' ').filter((flag) => flag !== '');
}

/**
 * Makes sure the calling script runs with bin/titres's node options: started without them, it is
 * run again with them (same arguments, same terminal) and this process exits with its status.
 * `script`: the caller's import.meta.url.
 */
export function withTitresNodeFlags(script) {
  const flags = titresNodeFlags();
  if (flags.every((flag) => process.execArgv.includes(flag))) return;
  const again = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(script), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
