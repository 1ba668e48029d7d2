/**
 * OUT/bordereaux.csv: the append-only register of the bordereaux written, with the sha256 of each
 * PDF. The bordereau is the signed document (art. D. 1617-23 CGCT): `verify` must notice if it is
 * altered, as it does for titres through the journal. A bordereau is registered once, after its
 * files are written; writing it again on recovery gives the same bytes and registers nothing more.
 */
import { appendFile, open, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { problem, type Problem } from '../errors/problem.js';
import { writeFileAtomic } from './atomic-write.js';
import { csvHeader, csvLines, type CsvColumn } from './csv-write.js';
import { BORDEREAU_REGISTER_FILE, resolveOut, type BordereauNature } from './output-layout.js';

export interface RegisteredBordereau {
  exercice: number;
  numero: number;
  nature: BordereauNature;
  service: string;
  pieces: number;
  total: string; // canonical "1234.56"
  fichier: string; // OUT-relative path of the PDF
  sha256: string;
}

const COLUMNS: readonly CsvColumn[] = [
  { key: 'exercice', header: 'exercice', kind: 'integer' },
  { key: 'bordereau', header: 'bordereau', kind: 'integer' },
  { key: 'nature', header: 'nature', kind: 'text' },
  { key: 'service', header: 'service', kind: 'text' },
  { key: 'pieces', header: 'nombre_pieces', kind: 'integer' },
  { key: 'total', header: 'total', kind: 'amount' },
  { key: 'fichier', header: 'fichier', kind: 'text' },
  { key: 'sha256', header: 'sha256', kind: 'text' },
];
const FORMAT = { excel: false };

export const registerKey = (exercice: number, numero: number): string => `${exercice}-${numero}`;

export async function readBordereauRegister(
  outDir: string,
): Promise<{ entries: Array<{ bordereau: RegisteredBordereau; line: number }>; problems: Problem[] }> {
  const file = resolveOut(outDir, BORDEREAU_REGISTER_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  });
  const complete = text.slice(0, text.lastIndexOf('\n') + 1); // a torn last line is not a record
  if (complete.trim() === '') return { entries: [], problems: [] };
  try {
    const records = parse(complete, { info: true, columns: true, skip_empty_lines: true }) as unknown as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    const entries = records.map(({ record: r, info }) => ({
      line: info.lines,
      bordereau: {
        exercice: Number(r.exercice),
        numero: Number(r.bordereau),
        nature: r.nature as BordereauNature,
        service: r.service,
        pieces: Number(r.nombre_pieces),
        total: r.total,
        fichier: r.fichier,
        sha256: r.sha256,
      },
    }));
    return { entries, problems: [] };
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { entries: [], problems: [problem('JOURNAL_MALFORMED', `registre des bordereaux illisible : ${e.message}`, { file, line: e.lines })] };
  }
}

/** Appends the bordereaux not registered yet (exercice + numéro), then fsyncs. */
export async function registerBordereaux(outDir: string, bordereaux: readonly RegisteredBordereau[]): Promise<void> {
  const { entries, problems } = await readBordereauRegister(outDir);
  if (problems.length > 0) return; // verify reports it; never rewrite what is there
  const known = new Set(entries.map((e) => registerKey(e.bordereau.exercice, e.bordereau.numero)));
  const fresh = bordereaux.filter((b) => !known.has(registerKey(b.exercice, b.numero)));
  if (fresh.length === 0) return;
  const file = resolveOut(outDir, BORDEREAU_REGISTER_FILE);
  if (entries.length === 0 && !(await readFile(file, 'utf8').catch(() => '')).startsWith('exercice')) {
    await writeFileAtomic(file, csvHeader(COLUMNS, FORMAT));
  }
  const rows = fresh.map((b) => ({
    exercice: String(b.exercice),
    bordereau: String(b.numero),
    nature: b.nature,
    service: b.service,
    pieces: String(b.pieces),
    total: b.total,
    fichier: b.fichier,
    sha256: b.sha256,
  }));
  await appendFile(file, csvLines(COLUMNS, rows, FORMAT));
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
