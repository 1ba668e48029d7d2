// The node options that bin/titres runs the CLI with, read from its first line
// (`#!/usr/bin/env -S node --option …`): the benchmark's children that run the CLI get the same,
// so that what is measured is what a user runs.
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
