import iconv from 'iconv-lite';
import { readFile, stat } from 'node:fs/promises';
import { problem, type Problem } from '../errors/problem.js';
import { systemProblem } from '../errors/system-error.js';

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

export type TextEncoding = 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes of an input file to text: UTF-8 when the bytes are valid UTF-8 (BOM stripped), otherwise
 * Windows-1252, what Excel saves in France (data contract). Line endings are kept.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

/** An input file: the path as the user would type it (for problems) and the dataset-relative one (for SourceRef). */
export interface SourceFile {
  path: string;
  rel: string;
}
