/**
 * Layout of an output folder (`--out OUT`). Every name is a pure function of the document's data,
 * so that the same plan gives the same paths (determinism) and `verify` can rebuild them.
 *
 * OUT/journal.csv                                   append-only record of every document (source of truth)
 * OUT/journal.xlsx                                 the journal as a workbook (`--excel`), regenerated
 * OUT/bordereaux.csv                                append-only register of the bordereaux written,
 *                                                   with their PDF's sha256 (what `verify` checks)
 * OUT/exports-pes.csv                               append-only register of the PES exports written
 *                                                   under OUT, with their sha256
 * OUT/<exercice>/pes/PES_Aller_….xml                a PES export (export-pes)
 * OUT/rapports.csv                                  append-only register of the comité's reports
 *                                                   written, with their sha256
 * OUT/rapports/rapport-<exercice>.pdf|.xlsx         the yearly balance for the comité de pilotage
 * OUT/<exercice>/titres/<service>/<code_insee>-<slug commune>/
 *     titre-<exercice>-<numero:5>.pdf               a titre
 *     reduction-<exercice>-<numero:5>.pdf           a titre de réduction
 *     annulation-<exercice>-<numero:5>.pdf          a titre d'annulation
 *     etat_annulation-<exercice>-<numero:5>.pdf     a statement supporting a mandat on compte 673
 *                                                   (R10, closed exercice): exercice = the current
 *                                                   one, numero in its own series, no bordereau
 * OUT/<exercice>/bordereaux/bordereau-<exercice>-<nature>-<numero:4>-<service>.pdf|.csv|.xlsx
 *                                                   nature: titres (PES TypBord 01) | reductions (02);
 *                                                   <numero> in the series of that nature
 * OUT/.titres/donnees.json                          the dataset folder last issued from (cancel, export-pes)
 * OUT/registres/<service>/<code_insee>-<slug commune>.csv (+ .xlsx with `--excel`)
 *                                                   one ledger per commune and service, all years
 *                                                   (an existing `<code_insee>-*.csv` is kept when
 *                                                   the commune's name changes)
 * OUT/.titres/lock                                  exclusive lock (src/io/lock.ts)
 * OUT/.titres/run-<exercice>.jsonl                  intent of an unfinished run (src/apply/run-file.ts)
 *
 * Paths stored in the journal (`fichier`) are relative to OUT with `/` separators.
 * A preview (dry run with --preview-dir) uses the same tree with `projet-…` names and no numbers.
 */
import { join, sep } from 'node:path';
import type { DocumentType } from '../engine/plan-types.js';
import type { BordereauNature } from '../engine/bordereaux.js';

export { natureOf, type BordereauNature } from '../engine/bordereaux.js';

export const JOURNAL_FILE = 'journal.csv';
export const JOURNAL_EXCEL_FILE = 'journal.xlsx';
/** The journal's Excel twin of earlier versions (a CSV), still recognised by verify. */
export const LEGACY_JOURNAL_EXCEL_FILE = 'journal-excel.csv';
/** The register of written bordereaux with their sha256 (src/io/bordereau-register.ts). */
export const BORDEREAU_REGISTER_FILE = 'bordereaux.csv';
/** The register of PES exports written under OUT, with their sha256 (src/io/file-registers.ts). */
export const PES_REGISTER_FILE = 'exports-pes.csv';
export const REPORT_REGISTER_FILE = 'rapports.csv';
export const REPORT_DIR = 'rapports';

/** OUT-relative paths of a year's report (titres rapport). */
export const reportFiles = (year: number): { pdf: string; xlsx: string } => ({
  pdf: `${REPORT_DIR}/rapport-${year}.pdf`,
  xlsx: `${REPORT_DIR}/rapport-${year}.xlsx`,
});

/** Matches the OUT-relative path of a report file. */
export const REPORT_FILE_PATTERN = /^rapports\/rapport-\d{4}\.(pdf|xlsx)$/;
export const STATE_DIR = '.titres';
export const LEDGER_DIR = 'registres';

/** Longest slug in a file name: whatever the data, a path stays far below the system's limits. */
const MAX_SLUG_LENGTH = 60;

/** « Saint-Genis-Laval » → « saint-genis-laval »; « L'Île » → « l-ile »; at most 60 characters. */
export function slugify(text: string): string {
  const slug = text
    .slice(0, 4 * MAX_SLUG_LENGTH)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || 'commune';
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Folder of a commune's documents for one service, relative to OUT. */
export function communeFolder(exercice: number, service: string, codeInsee: string, commune: string): string {
  return `${exercice}/titres/${service}/${codeInsee}-${slugify(commune)}`;
}

export function documentFile(
  doc: { type: DocumentType; exercice: number; service: string; codeInsee: string; commune: string },
  numero: number,
): string {
  return `${communeFolder(doc.exercice, doc.service, doc.codeInsee, doc.commune)}/${doc.type}-${doc.exercice}-${pad(numero, 5)}.pdf`;
}

/**
 * Preview name: no number of its own (none is assigned before issuance). A titre is unique per
 * commune, service and exercice (R9); a correction is named after the titre it corrects.
 */
export function previewDocumentFile(doc: {
  type: DocumentType;
  exercice: number;
  service: string;
  codeInsee: string;
  commune: string;
  titreOrigine?: { exercice: number; numero: number };
}): string {
  const origine = doc.titreOrigine ? `-du-titre-${doc.titreOrigine.exercice}-${doc.titreOrigine.numero}` : '';
  return `${communeFolder(doc.exercice, doc.service, doc.codeInsee, doc.commune)}/projet-${doc.type}-${doc.exercice}-${doc.service}${origine}.pdf`;
}

/** Matches a document PDF name and gives its number. */
export function parseDocumentName(name: string): { type: DocumentType; exercice: number; numero: number } | undefined {
  const m = /^(titre|reduction|annulation|etat_annulation)-(\d{4})-(\d{5,})\.pdf$/.exec(name);
  return m ? { type: m[1] as DocumentType, exercice: Number(m[2]), numero: Number(m[3]) } : undefined;
}

export function bordereauBase(exercice: number, nature: BordereauNature, numero: number, service: string): string {
  return `${exercice}/bordereaux/bordereau-${exercice}-${nature}-${pad(numero, 4)}-${service}`;
}

export function previewBordereauBase(exercice: number, nature: BordereauNature, service: string): string {
  return `${exercice}/bordereaux/projet-bordereau-${exercice}-${nature}-${service}`;
}

export function ledgerFolder(service: string): string {
  return `${LEDGER_DIR}/${service}`;
}

export function ledgerFileName(codeInsee: string, commune: string): string {
  return `${codeInsee}-${slugify(commune)}.csv`;
}

/** The ledger's code_insee from its file name (`69081-ecully.csv` → `69081`). */
export function ledgerCodeOf(name: string): string | undefined {
  const m = /^([0-9AB]{5})-.*\.csv$/i.exec(name);
  return m ? m[1] : undefined;
}

export const journalPath = (outDir: string): string => join(outDir, JOURNAL_FILE);
export const stateDir = (outDir: string): string => join(outDir, STATE_DIR);
export const lockPath = (outDir: string): string => join(outDir, STATE_DIR, 'lock');
export const runFilePath = (outDir: string, exercice: number): string =>
  join(outDir, STATE_DIR, `run-${exercice}.jsonl`);
export const RUN_FILE_PATTERN = /^run-(\d{4})\.jsonl$/;

/** The paths of the last OUT resolved (a run resolves some ten paths a titre in one OUT). */
let lastOut: { outDir: string; paths: ReturnType<typeof outPaths> } | undefined;

/**
 * OUT-relative path (with `/`) → absolute path (join normalises `/` to the platform's separator).
 * The same string as join(outDir, relative), by concatenation when join would only prefix it
 * (outPaths; issue 12: path.join was ~4 KB of the main thread's allocation a titre).
 */
export function resolveOut(outDir: string, relative: string): string {
  if (lastOut?.outDir !== outDir) lastOut = { outDir, paths: outPaths(outDir) };
  return lastOut.paths.resolve(relative);
}

/**
 * A relative path that join() would change: empty, absolute, with an empty, `.` or `..` segment, a
 * trailing `/` or a backslash. Any other is appended as it is (outPaths).
 */
export const NOT_PLAIN_RELATIVE = /^$|^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)|\\/;

/**
 * resolveOut for many paths of one OUT (70 000 PDFs stat'd before each run, issue 10): the same
 * string as join(outDir, relative), made by concatenation when join would only prefix it.
 * `prefix` is what join puts before a plain relative path; undefined on a platform whose
 * separator is not `/` (join turns the `/` of the relative path into it), where every path goes
 * through join.
 */
export function outPaths(outDir: string): { prefix: string | undefined; resolve(relative: string): string } {
  const prefix = sep === '/' ? join(outDir, 'x').slice(0, -1) : undefined;
  return {
    prefix,
    resolve: (relative) => (prefix !== undefined && !NOT_PLAIN_RELATIVE.test(relative) ? prefix + relative : join(outDir, relative)),
  };
}
