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
import { readdir } from 'node:fs/promises';
import { EMPTY_HISTORY, type History } from '../engine/history.js';
import { documentKey } from '../engine/plan-types.js';
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { checkRegister, readBordereauRegister, sizeProblem, type BordereauRegister } from '../io/bordereau-register.js';
import { readJournalContents, type JournalContents } from '../io/journal.js';
import { startSizeProbe, type SizeProbe } from '../io/size-probe.js';
import {
  BORDEREAU_REGISTER_FILE,
  JOURNAL_EXCEL_FILE,
  journalPath,
  LEDGER_DIR,
  PES_REGISTER_FILE,
  REPORT_DIR,
  REPORT_REGISTER_FILE,
  resolveOut,
} from '../io/output-layout.js';
import { verifyNumbering } from '../io/journal-checks.js';
import { readRunFiles, type RunIntent } from './run-file.js';

export interface OutState {
  outDir: string;
  history: History;
  journal: JournalContents;
  register: BordereauRegister;
  /** Intents of interrupted runs (their run files), sorted by exercice. */
  interrupted: RunIntent[];
}

/** From this journal size (about 1 500 lines) a worker stats the PDFs: below, its start costs more than it saves. */
export const PROBE_FROM_BYTES = 512 * 1024;

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
  const file = journalPath(outDir);
  // the PDFs are stat'd in a worker while this thread parses and checks the journal (issue 10);
  // the worker starts while the journal is read
  let probe: SizeProbe | undefined;
  try {
    const journal = await readJournalContents(outDir, {
      beforeReading: (size) => {
        if (size >= PROBE_FROM_BYTES) probe = startSizeProbe(outDir, { journalBytes: size });
      },
    });
    return await checkJournal(outDir, file, journal, probe);
  } finally {
    probe?.stop();
  }
}

async function checkJournal(outDir: string, file: string, journal: JournalContents, probe: SizeProbe | undefined): Promise<OutState> {
  const interrupted = await readRunFiles(outDir);
  const register = await readBordereauRegister(outDir);
  const problems = [...journal.problems, ...register.problems];

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
  const { lines } = journal;
  if (problems.length === 0) {
    // the checks of the journal alone first, while the worker stats the PDFs; this thread takes its share after
    problems.push(...verifyNumbering(lines, file));
    problems.push(...checkRegister(outDir, journal, register, new Set(interrupted.map((r) => r.exercice))));
    const sizeAt = probe ? await probe.sizes(lines) : () => undefined;
    for (let k = 0; k < lines.length; k++) {
      const line = lines.line(k);
      const fichier = lines.fichier(k);
      const size = sizeAt(line, fichier);
      if (size != null && size === lines.taille(k)) continue; // there with its journaled size: no path to make
      const what = () => `PDF du document ${documentKey(lines.journaled(k))} (journal ligne ${line})`;
      const found = sizeProblem(resolveOut(outDir, fichier), lines.taille(k), what, size);
      if (found) problems.push(found);
    }
  }
  if (problems.some((p) => p.severity === 'error')) throw damaged(problems, outDir);
  // the documents are made when the run first asks for them (journal-lines.ts)
  const history: History = lines.length === 0 ? EMPTY_HISTORY : { get documents() { return lines.documents(); } };
  return { outDir, history, journal, register, interrupted };
}
