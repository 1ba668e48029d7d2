/**
 * The quick check of an output folder that `issue`, `cancel` and `export-pes` make before
 * anything else (under the lock when they write): they never build on a damaged folder.
 *
 * - the journal is readable and its chain unbroken (each line chained to the previous one);
 * - a torn last line is accepted only when a run file proves an interrupted run (the run repairs
 *   it); anywhere else, or without a run file, it is damage (a cut file, not a crash);
 * - numbering: one continuous series of documents per exercice, one continuous series of
 *   bordereaux per exercice and type, corrections citing a journaled titre (verify-numbering.ts);
 * - every journaled document is present, with its journaled size (the full sha256 of every PDF
 *   stays `verify`'s job);
 * - the register of bordereaux: chain unbroken, each line anchored on a journal line of that
 *   bordereau, pieces and total as the journal says, PDF present with its size; every journaled
 *   bordereau registered, except those of an interrupted run;
 * - a folder holding documents, registers or ledgers but no journal is damage, not a new folder.
 *
 * Damage is a TitresError of kind 'state' (exit 4) listing every problem, then OUT_DAMAGED with
 * the fix: restore the folder from the backup. Nothing is written here.
 */
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { journalGroups } from '../engine/bordereaux.js';
import { EMPTY_HISTORY, type History, type IssuedDocument } from '../engine/history.js';
import { amountFr } from '../engine/fr-format.js';
import { sum, toAmountString } from '../engine/money.js';
import { documentKey } from '../engine/plan-types.js';
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { readBordereauRegister, registerKey, type BordereauRegister } from '../io/bordereau-register.js';
import { readJournalContents, type JournalContents } from '../io/journal.js';
import {
  BORDEREAU_REGISTER_FILE,
  bordereauBase,
  JOURNAL_EXCEL_FILE,
  journalPath,
  LEDGER_DIR,
  PES_REGISTER_FILE,
  REPORT_DIR,
  REPORT_REGISTER_FILE,
  resolveOut,
} from '../io/output-layout.js';
import { verifyNumbering } from '../verify/verify-numbering.js';
import { readRunFiles, type RunIntent } from './run-file.js';

export interface OutState {
  outDir: string;
  history: History;
  journal: JournalContents;
  register: BordereauRegister;
  /** Intents of interrupted runs (their run files), sorted by exercice. */
  interrupted: RunIntent[];
}

/** What a size check finds: undefined when the file is there with the expected size. */
function sizeProblem(path: string, expected: number | undefined, what: string): Problem | undefined {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return problem('FILE_MISSING', `${what} introuvable`, { file: path });
    throw error;
  }
  if (expected !== undefined && size !== expected) {
    return problem('FILE_SIZE_MISMATCH', `${what} : ${size} octets au lieu des ${expected} journalisés`, { file: path });
  }
  return undefined;
}

const OUR_ENTRIES = new Set([LEDGER_DIR, BORDEREAU_REGISTER_FILE, JOURNAL_EXCEL_FILE, PES_REGISTER_FILE, REPORT_REGISTER_FILE, REPORT_DIR]);

/** Documents, registers or ledgers in a folder without a journal. */
async function orphanOutputs(outDir: string): Promise<string[]> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  return names.filter((n) => OUR_ENTRIES.has(n) || /^\d{4}$/.test(n)).sort();
}

export function damaged(problems: readonly Problem[], outDir: string): TitresError {
  return new TitresError('state', [
    ...problems,
    problem(
      'OUT_DAMAGED',
      `le dossier de sortie « ${outDir} » est endommagé : rien n’a été écrit ; restaurez-le depuis la sauvegarde ` +
        '(ne modifiez jamais ses fichiers à la main), puis relancez ; « titres verify » détaille chaque écart',
      { file: outDir },
    ),
  ]);
}

/** Reads and checks OUT (see above); throws the damage, else returns what was read. */
export async function checkOutFolder(outDir: string): Promise<OutState> {
  const journal = await readJournalContents(outDir);
  const interrupted = await readRunFiles(outDir);
  const register = await readBordereauRegister(outDir);
  const problems = [...journal.problems, ...register.problems];
  const file = journalPath(outDir);

  if (!journal.exists && interrupted.length === 0) {
    const found = await orphanOutputs(outDir);
    if (found.length > 0) {
      problems.push(problem('JOURNAL_MISSING', `journal absent alors que le dossier contient déjà ${found.join(', ')}`, { file }));
    }
  }
  if (journal.tornBytes > 0 && interrupted.length === 0) {
    problems.push(
      problem('JOURNAL_CUT', 'dernière ligne du journal coupée sans exécution interrompue (aucun fichier .titres/run-*) : le journal a été tronqué', { file }),
    );
  }
  if (problems.length === 0) {
    problems.push(...verifyNumbering(journal.entries, file));
    for (const { doc, line } of journal.entries) {
      const found = sizeProblem(resolveOut(outDir, doc.fichier), doc.taille, `PDF du document ${documentKey(doc)} (journal ligne ${line})`);
      if (found) problems.push(found);
    }
    problems.push(...checkRegister(outDir, journal, register, new Set(interrupted.map((r) => r.exercice))));
  }
  if (problems.some((p) => p.severity === 'error')) throw damaged(problems, outDir);
  const history: History = journal.entries.length === 0 ? EMPTY_HISTORY : { documents: journal.entries.map((e) => e.doc) };
  return { outDir, history, journal, register, interrupted };
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
  const chainAt = new Map<string, IssuedDocument>();
  const lineOf = new Map<IssuedDocument, number>();
  for (const e of journal.entries) {
    if (e.chain) chainAt.set(e.chain, e.doc);
    lineOf.set(e.doc, e.line);
  }
  const groups = new Map(journalGroups(journal.entries.map((e) => e.doc)).map((g) => [registerKey(g), g]));
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
    const total = toAmountString(sum(group.documents.map((d) => d.montant)));
    if (b.total !== total || b.pieces !== group.documents.length || b.service !== group.service) {
      problems.push(
        problem(
          'BORDEREAU_MISMATCH',
          `registre : bordereau ${b.exercice} ${b.nature} n° ${b.numero} de ${b.pieces} pièce(s) pour ${amountFr(b.total)}, le journal en a ${group.documents.length} pour ${amountFr(total)}`,
          at,
        ),
      );
    }
    if (b.chaineJournal !== undefined) {
      const anchored = chainAt.get(b.chaineJournal);
      const last = group.documents.reduce((a, d) => ((lineOf.get(d) ?? 0) > (lineOf.get(a) ?? 0) ? d : a));
      if (anchored !== last) {
        problems.push(
          problem('REGISTER_ANCHOR_MISMATCH', `registre : la ligne du journal à laquelle le bordereau ${b.exercice} ${b.nature} n° ${b.numero} est ancré a disparu ou changé`, at),
        );
      }
    }
    const pdf = sizeProblem(resolveOut(outDir, b.fichier), b.taille, `bordereau ${b.exercice} ${b.nature} n° ${b.numero}`);
    if (pdf) problems.push(pdf);
  }
  for (const [key, group] of groups) {
    if (seen.has(key) || interruptedExercices.has(group.exercice)) continue;
    const base = bordereauBase(group.exercice, group.nature, group.numero, group.service);
    problems.push(problem('BORDEREAU_UNREGISTERED', `bordereau ${key} (${base}.pdf) absent du registre des bordereaux`, { file }));
  }
  return problems;
}
