/**
 * The workbooks of an output folder (`--excel`) are pure functions of their source (the journal,
 * a ledger CSV, a bordereau CSV) and byte-deterministic: verify rebuilds each from its source, with
 * the author the workbook records, and compares the bytes (WORKBOOK_MISMATCH).
 */
import { readFile } from 'node:fs/promises';
import type { IssuedDocument } from '../engine/history.js';
import { problem, type Problem } from '../errors/problem.js';
import { bordereauWorkbook, TOTAL_LABEL } from '../io/bordereau-format.js';
import { ledgerWorkbook } from '../io/ledger-workbook.js';
import { readOurCsv } from '../io/csv-write.js';
import { journalWorkbook, DEFAULT_AUTHOR } from '../io/journal-excel.js';
import { natureOf } from '../io/output-layout.js';
import { workbookAuthor, workbookBuffer, type WorkbookSpec } from '../io/workbook.js';

const readOrUndefined = (path: string): Promise<Buffer | undefined> => readFile(path).catch(() => undefined);

async function compare(path: string, build: (author: string) => WorkbookSpec | undefined, what: string): Promise<Problem[]> {
  const bytes = await readFile(path);
  const spec = build((await workbookAuthor(bytes)) ?? DEFAULT_AUTHOR);
  if (spec && (await workbookBuffer(spec)).equals(bytes)) return [];
  return [problem('WORKBOOK_MISMATCH', `classeur modifié ou périmé : il ne correspond plus ${what}`, { file: path })];
}

export function verifyJournalWorkbook(path: string, documents: readonly IssuedDocument[]): Promise<Problem[]> {
  return compare(path, (author) => journalWorkbook(documents, author), 'au journal');
}

export async function verifyLedgerWorkbook(path: string, csvPath: string): Promise<Problem[]> {
  const csv = await readOrUndefined(csvPath);
  if (!csv) return [problem('WORKBOOK_MISMATCH', 'classeur d’un registre dont le CSV est introuvable', { file: path })];
  return compare(path, (author) => ledgerWorkbook(csv.toString('utf8'), author), 'au registre CSV');
}

/** `docs`: the journal's documents of this bordereau; the commune names come from its CSV. */
export async function verifyBordereauWorkbook(path: string, csvPath: string, docs: readonly IssuedDocument[]): Promise<Problem[]> {
  const csv = (await readOrUndefined(csvPath))?.toString('utf8');
  const names = new Map<string, string>();
  if (csv !== undefined) {
    for (const r of readOurCsv(csv)) if (r.numero !== TOTAL_LABEL) names.set(r.numero, r.commune);
  }
  const first = docs[0];
  return compare(
    path,
    (author) =>
      bordereauWorkbook(
        {
          exercice: first.exercice,
          numero: first.bordereau,
          nature: natureOf(first.type),
          service: first.service,
          dateEmission: first.dateEmission,
          lines: docs.map((d) => ({
            numero: d.numero,
            type: d.type,
            codeInsee: d.codeInsee,
            commune: names.get(String(d.numero)) ?? d.codeInsee,
            montant: d.montant.toFixed(2),
            ...(d.titreOrigine ? { titreOrigine: `${d.titreOrigine.exercice}-${d.titreOrigine.numero}` } : {}),
          })),
        },
        author,
      ),
    'au bordereau et au journal',
  );
}
