/**
 * OUT/bordereaux.csv: the append-only register of the bordereaux written, with the sha256 and size
 * of each PDF. The bordereau is the signed document (art. D. 1617-23 CGCT): `verify` must notice if
 * it is altered, as it does for titres through the journal. A bordereau is registered once, after
 * its files are written; writing it again on recovery gives the same bytes and registers nothing
 * more. Each line is chained (src/io/chain.ts) and anchored on the journal: `chaine_journal` is the
 * `chaine` of the journal line of the bordereau's last document.
 *
 * A bordereau is identified by exercice, type and number (engine/bordereaux.ts): `type_bordereau`
 * (PES TypBord 01 titres, 02 réductions) stands beside its number.
 */
import { statSync } from 'node:fs';
import { TYP_BORD, bordereauKey, journalGroupsOf, type BordereauId, type BordereauNature } from '../engine/bordereaux.js';
import { problem, type Problem } from '../errors/problem.js';
import { appendRegister, readRegister, type RegisterContents, type RegisterSpec } from './chained-register.js';
import type { CsvColumn, CsvRow } from './csv-write.js';
import { FILE_COLUMNS } from './file-registers.js';
import type { JournalContents } from './journal.js';
import { bordereauBase, BORDEREAU_REGISTER_FILE, resolveOut } from './output-layout.js';
import { amountFr } from '../engine/french-format.js';

export interface RegisteredBordereau extends BordereauId {
  service: string;
  pieces: number;
  total: string; // canonical "1234.56"
  fichier: string; // OUT-relative path of the PDF
  sha256: string;
  /** Size of the PDF in bytes (absent on a line written before the chain). */
  taille?: number;
  /** The journal's chain at the bordereau's last document (absent before the chain). */
  chaineJournal?: string;
}

const COLUMNS: readonly CsvColumn[] = [
  { key: 'exercice', header: 'exercice', kind: 'integer' },
  { key: 'bordereau', header: 'bordereau', kind: 'integer' },
  { key: 'type_bordereau', header: 'type_bordereau', kind: 'text' },
  { key: 'nature', header: 'nature', kind: 'text' },
  { key: 'service', header: 'service', kind: 'text' },
  { key: 'pieces', header: 'nombre_pieces', kind: 'integer' },
  { key: 'total', header: 'total', kind: 'amount' },
  ...FILE_COLUMNS,
];

export const BORDEREAU_REGISTER: RegisterSpec = {
  file: BORDEREAU_REGISTER_FILE,
  columns: COLUMNS,
  addedColumns: ['type_bordereau', 'taille', 'chaine_journal', 'chaine'],
  what: 'registre des bordereaux',
};

export const registerKey = (b: BordereauId): string => bordereauKey(b);

export function registerRow(b: RegisteredBordereau): CsvRow {
  return {
    exercice: String(b.exercice),
    bordereau: String(b.numero),
    type_bordereau: TYP_BORD[b.nature],
    nature: b.nature,
    service: b.service,
    pieces: String(b.pieces),
    total: b.total,
    fichier: b.fichier,
    sha256: b.sha256,
    taille: b.taille === undefined ? undefined : String(b.taille),
    chaine_journal: b.chaineJournal,
  };
}

export interface BordereauRegister {
  entries: Array<{ bordereau: RegisteredBordereau; line: number }>;
  problems: Problem[];
  contents: RegisterContents;
}

export async function readBordereauRegister(outDir: string): Promise<BordereauRegister> {
  const contents = await readRegister(outDir, BORDEREAU_REGISTER);
  const entries = contents.records.map(({ record: r, line }) => ({
    line,
    bordereau: {
      exercice: Number(r.exercice),
      numero: Number(r.bordereau),
      nature: r.nature as BordereauNature,
      service: r.service,
      pieces: Number(r.nombre_pieces),
      total: r.total,
      fichier: r.fichier,
      sha256: r.sha256,
      ...(r.taille ? { taille: Number(r.taille) } : {}),
      ...(r.chaine_journal ? { chaineJournal: r.chaine_journal } : {}),
    },
  }));
  return { entries, problems: contents.problems, contents };
}

/** Appends the bordereaux not registered yet (exercice, type, number). Call under the lock. */
export async function registerBordereaux(outDir: string, bordereaux: readonly RegisteredBordereau[]): Promise<void> {
  const { entries, problems } = await readBordereauRegister(outDir);
  if (problems.length > 0) return; // the folder check refused it before; never rewrite what is there
  const known = new Set(entries.map((e) => registerKey(e.bordereau)));
  const fresh = bordereaux.filter((b) => !known.has(registerKey(b)));
  await appendRegister(outDir, BORDEREAU_REGISTER, fresh.map(registerRow));
}

/**
 * What a size check finds: undefined when the file is there with the expected size. `what` names
 * the file in the problem (a function: 70 000 documents are checked before each run, issue 10).
 * `measured` is the file's size (null: absent) when already known (size-probe.ts), else stat'd here.
 */
export function sizeProblem(
  path: string,
  expected: number | undefined,
  what: () => string,
  measured: number | null = statSync(path, { throwIfNoEntry: false })?.size ?? null,
): Problem | undefined {
  if (measured === null) return problem('FILE_MISSING', `${what()} introuvable`, { file: path });
  if (expected !== undefined && measured !== expected) {
    return problem('FILE_SIZE_MISMATCH', `${what()} : ${measured} octets au lieu des ${expected} journalisés`, { file: path });
  }
  return undefined;
}

/** The register of bordereaux against the journal: anchors, pieces, totals, presence and size. */
export function checkRegister(
  outDir: string,
  journal: JournalContents,
  register: BordereauRegister,
  interruptedExercices: ReadonlySet<number>,
): Problem[] {
  const problems: Problem[] = [];
  const file = resolveOut(outDir, BORDEREAU_REGISTER_FILE);
  const { lines } = journal;
  // grouped from the lines' columns: no document is made (issue 10)
  const groups = new Map(journalGroupsOf(lines.indexes(), (k) => lines.journaled(k)).map((g) => [registerKey(g), g]));
  const seen = new Set<string>();
  for (const { bordereau: b, line } of register.entries) {
    const key = registerKey(b);
    const at = { file, line };
    const group = groups.get(key);
    if (seen.has(key)) {
      problems.push(problem('BORDEREAU_MISMATCH', `registre : bordereau ${b.exercice} ${b.nature} n° ${b.numero} enregistré deux fois`, at));
      continue;
    }
    seen.add(key);
    if (!group) {
      problems.push(problem('BORDEREAU_MISMATCH', `registre : bordereau ${b.exercice} ${b.nature} n° ${b.numero} absent du journal`, at));
      continue;
    }
    const total = lines.total(group.documents);
    if (b.total !== total || b.pieces !== group.documents.length || b.service !== group.service) {
      problems.push(
        problem(
          'BORDEREAU_MISMATCH',
          `registre : bordereau ${b.exercice} ${b.nature} n° ${b.numero} de ${b.pieces} pièce(s) pour ${amountFr(b.total)}, le journal en a ${group.documents.length} pour ${amountFr(total)}`,
          at,
        ),
      );
    }
    // anchored on the chain of the bordereau's last journal line
    if (b.chaineJournal !== undefined) {
      const last = group.documents.reduce((a, k) => (lines.line(k) > lines.line(a) ? k : a));
      if (lines.chain(last) !== b.chaineJournal) {
        problems.push(
          problem('REGISTER_ANCHOR_MISMATCH', `registre : la ligne du journal à laquelle le bordereau ${b.exercice} ${b.nature} n° ${b.numero} est ancré a disparu ou changé`, at),
        );
      }
    }
    const pdf = sizeProblem(resolveOut(outDir, b.fichier), b.taille, () => `bordereau ${b.exercice} ${b.nature} n° ${b.numero}`);
    if (pdf) problems.push(pdf);
  }
  for (const [key, group] of groups) {
    if (seen.has(key) || interruptedExercices.has(group.exercice)) continue;
    const base = bordereauBase(group.exercice, group.nature, group.numero, group.service);
    problems.push(problem('BORDEREAU_UNREGISTERED', `bordereau ${key} (${base}.pdf) absent du registre des bordereaux`, { file }));
  }
  return problems;
}
