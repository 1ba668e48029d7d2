/**
 * Append-only registers of the files a command writes under OUT from the journal, each with its
 * sha256 and size, chained like the journal and anchored on it (`chaine_journal`: the journal's
 * head when the file was written). `verify` checks every such file against the last line that
 * names it.
 * - OUT/exports-pes.csv: the PES_Aller files of `export-pes` under OUT/<exercice>/pes (an export
 *   written outside OUT, --file elsewhere, is not registered);
 * - OUT/rapports.csv: the comité's reports of `rapport` under OUT/rapports (written again when
 *   the report is drawn up again: the last line is the current file).
 */
import { createHash } from 'node:crypto';
import { appendRegister, readRegister, type RegisterContents, type RegisterSpec } from './chained-register.js';
import type { CsvColumn, CsvRow } from './csv-write.js';
import { PES_REGISTER_FILE, REPORT_REGISTER_FILE } from './output-layout.js';

/** The columns every register of written files ends with: the file, its sha256 and size, the anchor and the chain. */
export const FILE_COLUMNS: readonly CsvColumn[] = [
  { key: 'fichier', header: 'fichier', kind: 'text' },
  { key: 'sha256', header: 'sha256', kind: 'text' },
  { key: 'taille', header: 'taille', kind: 'integer' },
  { key: 'chaine_journal', header: 'chaine_journal', kind: 'text' },
  { key: 'chaine', header: 'chaine', kind: 'text' },
];

export const PES_REGISTER: RegisterSpec = {
  file: PES_REGISTER_FILE,
  columns: [
    { key: 'exercice', header: 'exercice', kind: 'integer' },
    { key: 'date_generation', header: 'date_generation', kind: 'text' },
    { key: 'bordereaux', header: 'bordereaux', kind: 'text' },
    { key: 'pieces', header: 'nombre_pieces', kind: 'integer' },
    ...FILE_COLUMNS,
  ],
  addedColumns: [],
  what: 'registre des exports PES',
};

export const REPORT_REGISTER: RegisterSpec = {
  file: REPORT_REGISTER_FILE,
  columns: [{ key: 'exercice', header: 'exercice', kind: 'integer' }, { key: 'date_etablissement', header: 'date_etablissement', kind: 'text' }, ...FILE_COLUMNS],
  addedColumns: [],
  what: 'registre des rapports',
};

export interface RegisteredFile {
  fichier: string; // OUT-relative
  sha256: string;
  taille: number;
  line: number;
}

export interface FileRegister {
  /** The last line naming each file, in order of first appearance. */
  files: RegisteredFile[];
  contents: RegisterContents;
}

export async function readFileRegister(outDir: string, spec: RegisterSpec): Promise<FileRegister> {
  const contents = await readRegister(outDir, spec);
  const last = new Map<string, RegisteredFile>();
  for (const { record: r, line } of contents.records) last.set(r.fichier, { fichier: r.fichier, sha256: r.sha256, taille: Number(r.taille), line });
  return { files: [...last.values()], contents };
}

export const readPesRegister = (outDir: string): Promise<FileRegister> => readFileRegister(outDir, PES_REGISTER);

/**
 * Registers a file written under OUT (its OUT-relative path and content), unless the register's
 * last line for it already holds that content.
 */
export async function registerFile(
  outDir: string,
  spec: RegisterSpec,
  entry: { fichier: string; content: Buffer; chaineJournal: string; fields: CsvRow },
): Promise<void> {
  const { content, ...rest } = entry;
  await registerWrittenFile(outDir, spec, { ...rest, sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length });
}

/** registerFile for a file hashed as it was written (a streamed PES flux): its sha256 and size. */
export async function registerWrittenFile(
  outDir: string,
  spec: RegisterSpec,
  entry: { fichier: string; sha256: string; bytes: number; chaineJournal: string; fields: CsvRow },
): Promise<void> {
  const known = (await readFileRegister(outDir, spec)).files.find((f) => f.fichier === entry.fichier);
  if (known?.sha256 === entry.sha256) return; // the same file written again: registered already
  await appendRegister(outDir, spec, [
    { ...entry.fields, fichier: entry.fichier, sha256: entry.sha256, taille: String(entry.bytes), chaine_journal: entry.chaineJournal },
  ]);
}
