/**
 * OUT/exports-pes.csv: the append-only register of the PES_Aller files `export-pes` wrote under
 * OUT, with their sha256 and size, chained like the journal and anchored on it (`chaine_journal`:
 * the journal's head when the file was exported). `verify` checks every file under OUT/<exercice>/pes
 * against it. An export written outside OUT (--file elsewhere) is not registered.
 */
import type { RegisterSpec } from './chained-register.js';
import { readRegister, type RegisterContents } from './chained-register.js';
import type { CsvColumn } from './csv-write.js';
import { PES_REGISTER_FILE } from './output-layout.js';

const COLUMNS: readonly CsvColumn[] = [
  { key: 'exercice', header: 'exercice', kind: 'integer' },
  { key: 'date_generation', header: 'date_generation', kind: 'text' },
  { key: 'bordereaux', header: 'bordereaux', kind: 'text' },
  { key: 'pieces', header: 'nombre_pieces', kind: 'integer' },
  { key: 'fichier', header: 'fichier', kind: 'text' },
  { key: 'sha256', header: 'sha256', kind: 'text' },
  { key: 'taille', header: 'taille', kind: 'integer' },
  { key: 'chaine_journal', header: 'chaine_journal', kind: 'text' },
  { key: 'chaine', header: 'chaine', kind: 'text' },
];

export const PES_REGISTER: RegisterSpec = { file: PES_REGISTER_FILE, columns: COLUMNS, addedColumns: [], what: 'registre des exports PES' };

export interface RegisteredExport {
  fichier: string; // OUT-relative
  sha256: string;
  taille: number;
  line: number;
}

export async function readPesRegister(outDir: string): Promise<{ exports: RegisteredExport[]; contents: RegisterContents }> {
  const contents = await readRegister(outDir, PES_REGISTER);
  const exports = contents.records.map(({ record: r, line }) => ({ fichier: r.fichier, sha256: r.sha256, taille: Number(r.taille), line }));
  return { exports, contents };
}
