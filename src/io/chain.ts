/**
 * Hash chain of our append-only CSV files (journal.csv, bordereaux.csv, exports-pes.csv), the way
 * Dolibarr's unalterable log or a git history does it: each data line ends with a `chaine` cell,
 *
 *   chaine(line 2) = sha256(sha256(header line) + "\n" + body of line 2)
 *   chaine(line k) = sha256(chaine(line k-1) + "\n" + body of line k)
 *
 * where the body is the line's text before its last comma. Any edit, insertion, deletion,
 * reordering or cut inside the file breaks a link; `checkChain` names the first one, with what it
 * can tell of the cause. A cut after a complete line keeps a valid chain: the registers anchored
 * on the journal (their `chaine_journal` cell) and the documents' presence show it.
 *
 * The chain is not a signature: someone who recomputes every hash after an edit passes this check
 * alone. The anchors (PDF hashes in the journal, the journal's head in the registers) make such a
 * rewrite touch every file at once, which `verify` cross-checks.
 */
import * as crypto from 'node:crypto';
import type { ProblemCode } from '../errors/catalog.js';
import { problem, type Problem } from '../errors/problem.js';

export const CHAIN_COLUMN = 'chaine';

/**
 * One-shot sha256 (crypto.hash, Node ≥ 20.12) when there is one: no Hash object per line, which
 * counts on 70 000 lines read before each run (issue 10); createHash on an older Node 20.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export const sha256Hex = oneShot
  ? (data: string | Uint8Array): string => oneShot('sha256', data as string, 'hex')
  : (data: string | Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');

/** The hash preceding the first data line: that of the header line. */
export const chainGenesis = (headerLine: string): string => sha256Hex(headerLine.replace(/^\ufeff/, ''));

export const chainLink = (previous: string, body: string): string => sha256Hex(`${previous}\n${body}`);

/** Appends the chain cell to each body line; returns the text (LF-terminated lines) and the new head. */
export function chainLines(previous: string, bodies: readonly string[]): { text: string; head: string; heads: string[] } {
  let head = previous;
  let text = '';
  const heads: string[] = [];
  for (const body of bodies) {
    head = chainLink(head, body);
    heads.push(head);
    text += `${body},${head}\n`;
  }
  return { text, head, heads };
}

export interface ChainCheck {
  /** The chain cell of each complete data line, in order (valid or not). */
  heads: string[];
  /** The head after the last complete line (the genesis when there is none). */
  head: string;
  /** The first broken link, if any. */
  problem?: Problem;
}

/**
 * Checks the chain of a file's complete lines (`lines[0]` the header; no torn last line). Stops
 * at the first broken link and says what differs: an inserted or duplicated line, lines moved,
 * or a line edited or deleted just before.
 *
 * `ascii`, when given, is the file's bytes, all ASCII, whose text the lines are (split at LF).
 * A link then hashes the file's bytes where they are: the previous line's chain cell, its line
 * end and this line's body follow each other in the file, which is the text the link hashes
 * (70 000 lines are checked before each run, issue 10: no string is built for them).
 */
export function checkChain(lines: readonly string[], file: string, code: ProblemCode, what: string, ascii?: Uint8Array): ChainCheck {
  const genesis = chainGenesis(lines[0]);
  const heads: string[] = [];
  let previous = genesis;
  let broken: Problem | undefined;
  let at = lines[0].length + 1; // where lines[i] starts in `ascii`
  let previousAt = -1; // where `previous` starts in `ascii` when its line ends right after it with LF
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const cr = line.charCodeAt(line.length - 1) === 13;
    const comma = line.lastIndexOf(',');
    const cell = comma < 0 ? '' : line.slice(comma + 1, cr ? -1 : line.length);
    heads.push(cell);
    if (broken === undefined) {
      const link =
        ascii && previousAt >= 0 && comma >= 0
          ? sha256Hex(new Uint8Array(ascii.buffer, ascii.byteOffset + previousAt, at + comma - previousAt))
          : chainLink(previous, bodyAndCell(line)[0]);
      if (link !== cell) {
        const body = bodyAndCell(line)[0];
        broken = problem(code, `${what} : chaînage rompu à la ligne ${i + 1} : ${diagnose(lines, i, body, cell, genesis)}`, {
          file,
          line: i + 1,
        });
      }
    }
    previous = cell;
    previousAt = comma >= 0 && !cr ? at + comma + 1 : -1;
    at += line.length + 1;
  }
  return { heads, head: previous, ...(broken ? { problem: broken } : {}) };
}

function bodyAndCell(line: string): [string, string] {
  const text = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
  const comma = text.lastIndexOf(',');
  return comma < 0 ? [text, ''] : [text.slice(0, comma), text.slice(comma + 1)];
}

/** What the broken link at lines[i] tells: which line it followed when it was written, if any. */
function diagnose(lines: readonly string[], i: number, body: string, cell: string, genesis: string): string {
  if (!/^[0-9a-f]{64}$/.test(cell)) return 'la cellule « chaine » a été modifiée ou effacée';
  for (let j = 1; j < i; j++) {
    if (bodyAndCell(lines[j])[1] === cell) return `copie de la ligne ${j + 1}`;
  }
  const candidates = [genesis, ...lines.slice(1).map((l) => bodyAndCell(l)[1])];
  for (let j = 0; j < candidates.length; j++) {
    if (j === i - 1 || chainLink(candidates[j], body) !== cell) continue;
    const after = j === 0 ? 'l’en-tête' : `la ligne ${j + 1}`;
    if (j < i - 1) {
      const from = j + 2;
      const to = i;
      const span = from === to ? `la ligne ${from} a été insérée` : `les lignes ${from} à ${to} ont été insérées`;
      return `cette ligne suivait ${after} : ${span} (ou copiées, ou déplacées)`;
    }
    return `cette ligne suivait ${after} : des lignes ont été déplacées`;
  }
  return `le contenu de la ligne ${i + 1} a été modifié, ou une ligne a été supprimée juste avant elle`;
}
