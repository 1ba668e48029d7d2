import { readFile } from 'node:fs/promises';
import { problem, type Problem } from '../errors/problem.js';
import { systemProblem } from '../errors/system-error.js';
import { decodeText } from './csv/decode.js';

/** Reads and decodes one input file (UTF-8 or Windows-1252); a missing or unreadable file is a problem. */
export async function readInputFile(file: string): Promise<{ text: string; problem?: undefined } | { text?: undefined; problem: Problem }> {
  try {
    return { text: decodeText(await readFile(file)).text };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { problem: problem('INPUT_FILE_MISSING', `fichier obligatoire introuvable « ${file} »`, { file }) };
    }
    const system = systemProblem(e);
    const why = system ? system.message : `(${code ?? String(e)})`;
    return { problem: problem('INPUT_FILE_UNREADABLE', `fichier illisible « ${file} » : ${why}`, { file }) };
  }
}
