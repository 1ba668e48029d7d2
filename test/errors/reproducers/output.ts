/**
 * Reproducers of the output folder's problems (src/errors/codes-output.ts): one edit of the issued
 * folder (harness.ts: `sorties`, whose journal.csv lines are 2 titre 2026-1 Albigny and 3 titre
 * 2026-2 Écully, laclasse bordereau 1; 4 titre 2026-3 Lyon, toodego bordereau 2), then the command
 * that reads it. The checks of a plan before any write (validate-plan.ts), which no command line
 * reaches with a plan the engine made, are called with a plan built in code.
 */
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validatePlan } from '../../../src/apply/validate-plan.js';
import type { OUTPUT_CODES } from '../../../src/errors/codes-output.js';
import { BORDEREAU_REGISTER } from '../../../src/io/bordereau-register.js';
import { LEGACY_JOURNAL_COLUMNS } from '../../../src/io/journal-format.js';
import { makeDataset, makePlan, reduction, titre } from '../../apply/fixtures.js';
import { d, issued as issuedDocument } from '../../engine/fixtures.js';
import { cli, issued, problemsOf, reproducer, type Reproducers } from './harness.js';

const J = 'sorties/journal.csv';
const R = 'sorties/bordereaux.csv';
const PDF = '2026/titres/laclasse/69081-ecully/titre-2026-00002.pdf';
const BORDEREAU_CSV = '2026/bordereaux/bordereau-2026-titres-0001-laclasse.csv';
const LEDGER = 'registres/laclasse/69081-ecully.csv';

/** Rewrites OUT/rel through `edit`. */
async function rewrite(out: string, rel: string, edit: (text: string) => string): Promise<void> {
  const file = path.join(out, rel);
  await writeFile(file, edit(await readFile(file, 'utf8')));
}
/** Each line of `text` through `edit` (the trailing newline kept). */
const lines = (edit: (cells: string[], n: number) => string[] | undefined) => (text: string) =>
  text
    .split('\n')
    .flatMap((l, i) => (l === '' ? [l] : [edit(l.split(','), i + 1)?.join(',')].filter((x) => x !== undefined)))
    .join('\n');
/** Line n of the journal with cell `column` (0-based) set to `value`. */
const journalCell = (n: number, column: number, value: string) => lines((cells, i) => (i === n ? Object.assign([...cells], { [column]: value }) : cells));
/** The journal without its `chaine` column. */
const unchained = lines((cells) => cells.slice(0, -1));

/** The folder as the previous version wrote it: journal and register without the columns added since. */
async function legacy(out: string): Promise<void> {
  await rewrite(out, 'journal.csv', lines((cells) => cells.slice(0, LEGACY_JOURNAL_COLUMNS.length)));
  const header = (await readFile(path.join(out, 'bordereaux.csv'), 'utf8')).split('\n')[0].split(',');
  const kept = header.flatMap((h, i) => (BORDEREAU_REGISTER.addedColumns.includes(h) ? [] : [i]));
  await rewrite(out, 'bordereaux.csv', lines((cells) => kept.map((i) => cells[i])));
}

/** Écully's PDF with one byte changed, at the same size. */
async function flipByte(out: string): Promise<void> {
  const pdf = await readFile(path.join(out, PDF));
  pdf[pdf.length - 2] ^= 1;
  await writeFile(path.join(out, PDF), pdf);
}

/** `titres verify` of the issued folder after `edit`. */
const verify = (edit: (out: string) => Promise<void>) => async () => {
  const { out } = await issued(edit);
  return cli(['verify', '--out', out]);
};
/** `titres cancel` of titre 2026-2 (Écully) in the issued folder after `edit`. */
const cancel = (edit: (out: string) => Promise<void>) => async () => {
  const { out } = await issued(edit);
  return cli(['cancel', '--out', out, '--titre', '2026-2', '--montant', '10,00', '--motif', 'essai', '--date', '2026-10-01']);
};
const history = { documents: [issuedDocument({ exercice: 2026, numero: 1, codeInsee: '69081', montant: d('100.00') })] };

export const OUTPUT_REPRODUCERS = {
  OUT_LOCKED: reproducer('sorties/.titres/lock', verify((out) => writeFile(path.join(out, '.titres/lock'), 'verrou d’une autre machine'))),
  OUT_DAMAGED: reproducer('sorties', cancel((out) => rm(path.join(out, PDF)))),
  JOURNAL_CHAIN_BROKEN: reproducer(`${J}:3`, verify((out) => rewrite(out, 'journal.csv', journalCell(3, 7, '1310.00')))),
  JOURNAL_CUT: reproducer(J, verify((out) => rewrite(out, 'journal.csv', (t) => t.slice(0, t.length - 40)))),
  JOURNAL_MISSING: reproducer(J, verify((out) => rm(path.join(out, 'journal.csv')))),
  JOURNAL_UNCHAINED: reproducer(J, verify(legacy)),
  // a PDF changed at the same size: only the full verify that adoption runs first sees it
  LEGACY_NOT_ADOPTED: reproducer(J, cancel(async (out) => {
    await legacy(out);
    await flipByte(out);
  })),
  REGISTER_MALFORMED: reproducer(`${R}:2`, verify((out) => rewrite(out, 'bordereaux.csv', (t) => t.replace('nombre_pieces,', '')))),
  REGISTER_CHAIN_BROKEN: reproducer(`${R}:2`, verify((out) => rewrite(out, 'bordereaux.csv', (t) => t.replace(',1491.05,', ',1591.05,')))),
  // a journal that lost its chain (an older copy put back) while the register still anchors on it
  REGISTER_ANCHOR_MISMATCH: reproducer(`${R}:2`, cancel((out) => rewrite(out, 'journal.csv', unchained))),
  FILE_SIZE_MISMATCH: reproducer(`sorties/${PDF}`, cancel((out) => appendFile(path.join(out, PDF), '% ajout\n'))),
  PES_UNREGISTERED: reproducer('sorties/2026/pes/PES_Aller.xml', verify(async (out) => {
    await mkdir(path.join(out, '2026/pes'), { recursive: true });
    await writeFile(path.join(out, '2026/pes/PES_Aller.xml'), '<PES_Aller/>');
  })),
  PLAN_INVALID: reproducer('', () => problemsOf(() => validatePlan(makePlan([titre('69081', 'laclasse', '10.00', 2027)]), makeDataset(), { documents: [] }))),
  ALREADY_ISSUED: reproducer('', () => problemsOf(() => validatePlan(makePlan([titre('69081', 'laclasse', '10.00')]), makeDataset(), history))),
  ORIGIN_UNKNOWN: reproducer('', () => problemsOf(() => validatePlan(makePlan([reduction('69081', 'laclasse', '10.00', { exercice: 2026, numero: 9 })]), makeDataset(), history))),
  NET_NEGATIVE: reproducer('', () => problemsOf(() => validatePlan(makePlan([reduction('69081', 'laclasse', '150.00', { exercice: 2026, numero: 1 })]), makeDataset(), history))),
  JOURNAL_MALFORMED: reproducer(`${J}:3:8`, verify((out) => rewrite(out, 'journal.csv', journalCell(3, 7, 'mille')))),
  JOURNAL_TORN_LINE: reproducer(J, verify(async (out) => {
    await rewrite(out, 'journal.csv', (t) => t.slice(0, t.length - 40));
    await writeFile(path.join(out, '.titres/run-2026.jsonl'), '{}\n');
  })),
  RUN_FILE_MALFORMED: reproducer('sorties/.titres/run-2026.jsonl', async () => {
    const { out, data } = await issued((o) => writeFile(path.join(o, '.titres/run-2026.jsonl'), 'pas du JSON\n'));
    return cli(['issue', '--data', data, '--year', '2026', '--out', out, '--date', '2026-10-01']);
  }),
  RUN_UNFINISHED: reproducer('sorties/.titres/run-2026.jsonl', verify((out) => writeFile(path.join(out, '.titres/run-2026.jsonl'), '{}\n'))),
  FILE_MISSING: reproducer(`sorties/${PDF}`, verify((out) => rm(path.join(out, PDF)))),
  HASH_MISMATCH: reproducer(`sorties/${PDF}`, verify(flipByte)),
  EXTRA_FILE: reproducer('sorties/2026/titres/notes.txt', verify((out) => writeFile(path.join(out, '2026/titres/notes.txt'), 'notes'))),
  NUMBER_GAP: reproducer(J, verify((out) => rewrite(out, 'journal.csv', journalCell(4, 1, '4')))),
  NUMBER_DUPLICATE: reproducer(`${J}:4`, verify((out) => rewrite(out, 'journal.csv', journalCell(4, 1, '2')))),
  BORDEREAU_GAP: reproducer(J, verify((out) => rewrite(out, 'journal.csv', journalCell(4, 2, '3')))),
  BORDEREAU_DUPLICATE: reproducer(`${J}:4`, verify((out) => rewrite(out, 'journal.csv', journalCell(4, 2, '1')))),
  LEDGER_MISMATCH: reproducer(`sorties/${LEDGER}:2`, verify((out) => rewrite(out, LEDGER, (t) => t.replace(',18243,', ',18244,')))),
  BORDEREAU_MISMATCH: reproducer(`sorties/${BORDEREAU_CSV}:3`, verify((out) => rewrite(out, BORDEREAU_CSV, (t) => t.replace('1210.00', '1200.00')))),
  REPORT_NOTHING_ISSUED: reproducer(J, async () => {
    const { out } = await issued();
    return cli(['rapport', '--out', out, '--year', '2025', '--date', '2026-10-01']);
  }),
  REPORT_UNREGISTERED: reproducer('sorties/rapports/rapport-2026.pdf', verify(async (out) => {
    await mkdir(path.join(out, 'rapports'), { recursive: true });
    await writeFile(path.join(out, 'rapports/rapport-2026.pdf'), '%PDF-1.7');
  })),
  // the journal says 1 310,00 € where the titre's embedded liquidation.json says 1 210,00 €
  EMBEDDED_DATA_MISMATCH: reproducer(`sorties/${PDF}`, verify((out) => rewrite(out, 'journal.csv', journalCell(3, 7, '1310.00')))),
  WORKBOOK_MISMATCH: reproducer('sorties/journal.xlsx', verify((out) => writeFile(path.join(out, 'journal.xlsx'), 'pas un classeur'))),
  BORDEREAU_UNREGISTERED: reproducer(R, cancel((out) => rewrite(out, 'bordereaux.csv', lines((cells, n) => (n === 3 ? undefined : cells))))),
  CSV_MALFORMED: reproducer(`sorties/${BORDEREAU_CSV}:4`, verify((out) => rewrite(out, BORDEREAU_CSV, (t) => t.replace('\ntotal,', '\n"total,')))),
} satisfies Reproducers<typeof OUTPUT_CODES>;
