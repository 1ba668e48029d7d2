import { readFile, stat } from 'node:fs/promises';
import { problem, type Problem } from '../errors/problem.js';
import { systemProblem } from '../errors/system-error.js';
import { decodeText } from './csv/decode.js';

/**
 * Largest input file read: five times the national dataset (35 000 communes on four services, or
 * INSEE's whole-France population file, are about 6 MB), and what bounds memory and time whatever
 * file is given (a 50 MB file is refused before it is read).
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Reads and decodes one input file (UTF-8 or Windows-1252); a missing, unreadable or oversized file is a problem. */
export async function readInputFile(file: string): Promise<{ text: string; problem?: undefined } | { text?: undefined; problem: Problem }> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_INPUT_BYTES) {
      const mb = (n: number) => `${Math.round(n / (1024 * 1024))} Mo`;
      return {
        problem: problem('INPUT_FILE_TOO_LARGE', `fichier de ${mb(size)}, plus que les ${mb(MAX_INPUT_BYTES)} permis : ce n'est sans doute pas le bon fichier`, { file }),
      };
    }
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
