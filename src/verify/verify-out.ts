/**
 * `titres verify`: checks an output folder against its journal, read-only.
 * - the journal's chain: the first broken link, with its line and what differs (JOURNAL_CHAIN_BROKEN);
 *   a torn last line without an interrupted run is a cut journal (JOURNAL_CUT);
 * - every journaled PDF exists and has the journaled sha256 (FILE_MISSING, HASH_MISMATCH);
 * - numbering: one continuous series per exercice, no duplicate; bordereaux continuous in the
 *   series of each type (NUMBER_GAP, NUMBER_DUPLICATE, BORDEREAU_GAP, BORDEREAU_DUPLICATE);
 * - each correction cites a journaled titre whose net stays ≥ 0 (ORIGIN_UNKNOWN, NET_NEGATIVE);
 * - ledgers and bordereau CSVs agree with the journal (LEDGER_MISMATCH, BORDEREAU_MISMATCH);
 * - every bordereau is registered in bordereaux.csv with its total, its number of pieces and the
 *   sha256 of its PDF, the signed document (BORDEREAU_UNREGISTERED, BORDEREAU_MISMATCH, HASH_MISMATCH);
 * - the registers' chains and their anchors on the journal (REGISTER_CHAIN_BROKEN, REGISTER_ANCHOR_MISMATCH);
 * - every PES export under OUT is registered in exports-pes.csv with its sha256 (PES_UNREGISTERED, HASH_MISMATCH),
 *   and every report of the comité in rapports.csv (REPORT_UNREGISTERED, HASH_MISMATCH);
 * - each workbook (`--excel`: journal.xlsx, a ledger's or a bordereau's .xlsx) is rebuilt from its
 *   source and compared byte for byte (WORKBOOK_MISMATCH, verify-workbooks.ts);
 * - the data embedded in each PDF (liquidation.json, bordereau.json) agrees with the journal
 *   (EMBEDDED_DATA_MISMATCH, verify-embedded.ts);
 * - every other file is named (EXTRA_FILE: a PDF not in the journal, a leftover temp file…);
 * - an interrupted run or a held lock is reported (RUN_UNFINISHED, OUT_LOCKED).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { bordereauKey, journalGroups } from '../engine/bordereaux.js';
import type { IssuedDocument } from '../engine/history.js';
import { documentKey } from '../engine/plan-types.js';
import { problem, sortProblems, type Problem } from '../errors/problem.js';
import { isTempName } from '../io/atomic-write.js';
import { readJournalContents } from '../io/journal.js';
import { checkRegister, readBordereauRegister, registerKey } from '../io/bordereau-register.js';
import { inspectOutLock } from '../io/lock.js';
import { readFileRegister, readPesRegister, REPORT_REGISTER, type RegisteredFile } from '../io/file-registers.js';
import {
  bordereauBase,
  BORDEREAU_REGISTER_FILE,
  journalPath,
  JOURNAL_FILE,
  JOURNAL_EXCEL_FILE,
  LEGACY_JOURNAL_EXCEL_FILE,
  ledgerCodeOf,
  LEDGER_DIR,
  lockPath,
  PES_REGISTER_FILE,
  REPORT_FILE_PATTERN,
  REPORT_REGISTER_FILE,
  resolveOut,
  RUN_FILE_PATTERN,
  STATE_DIR,
} from '../io/output-layout.js';
import { mapPool } from '../io/pool.js';
import { listFiles } from '../io/out-files.js';
import { verifyBordereauCsv, verifyLedger } from '../io/csv-checks.js';
import { verifyNumbering } from '../io/journal-checks.js';
import { checkBordereauData, checkTitreData } from './verify-embedded.js';
import { verifyBordereauWorkbook, verifyJournalWorkbook, verifyLedgerWorkbook } from './verify-workbooks.js';

/** File checks (reads and hashes) run at once, and waiting before a batch of them runs. */
const CHECKS_AT_ONCE = 8;
const CHECK_BATCH = 512;

export interface VerifyReport {
  ok: boolean;
  problems: Problem[];
  checked: { documents: number; files: number };
}

/** A PDF's digest, from the bytes read whole for its embedded data as well. */
function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file's digest as it is read, never held whole: a national PES flux with its PDFs is 6 GB. */
async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * `lockHeld`: verify called by a command that holds OUT's lock itself (adoption of a former folder).
 * `checkBatch`: how many file checks wait before they run (CHECK_BATCH; the report is the same whatever it is).
 */
export async function verifyOut(outDir: string, options: { lockHeld?: boolean; checkBatch?: number } = {}): Promise<VerifyReport> {
  const checkBatch = options.checkBatch ?? CHECK_BATCH;
  const problems: Problem[] = [];
  const exists = await stat(outDir).then((s) => s.isDirectory(), () => false);
  if (!exists) {
    problems.push(problem('FILE_MISSING', `dossier de sortie « ${outDir} » introuvable`, { file: outDir }));
    return { ok: false, problems, checked: { documents: 0, files: 0 } };
  }
  const journalFile = journalPath(outDir);
  const contents = await readJournalContents(outDir);
  problems.push(...contents.problems);
  const runFiles: string[] = [];
  const lock = options.lockHeld ? undefined : await inspectOutLock(outDir);
  if (lock) {
    const who = lock.pid === null ? '' : ` (pid ${lock.pid})`;
    problems.push(
      lock.stale
        ? problem('OUT_LOCKED', `verrou périmé${who} : une exécution a été interrompue`, { file: lockPath(outDir) }, 'warning')
        : problem('OUT_LOCKED', `une exécution est en cours${who} : vérification non fiable`, { file: lockPath(outDir) }),
    );
  }
  problems.push(...verifyNumbering(contents.lines, journalFile));

  const docs = contents.entries.map((e) => e.doc);
  const byKey = new Map(docs.map((d) => [documentKey(d), d]));
  const byFile = new Map(contents.entries.map((e) => [e.doc.fichier, e]));
  const bordereaux = new Map<string, IssuedDocument[]>();
  const baseOf = new Map<string, string>();
  for (const g of journalGroups(docs)) {
    const base = bordereauBase(g.exercice, g.nature, g.numero, g.service);
    bordereaux.set(base, g.documents);
    baseOf.set(base, bordereauKey(g));
  }
  const pairs = new Map<string, IssuedDocument[]>();
  for (const d of docs) push(pairs, `${d.service}/${d.codeInsee}`, d);

  const register = await readBordereauRegister(outDir);
  const registered = new Map(register.entries.map((e) => [registerKey(e.bordereau), e]));
  const [pes, reports] = await Promise.all([readPesRegister(outDir), readFileRegister(outDir, REPORT_REGISTER)]);
  problems.push(...pes.contents.problems, ...reports.contents.problems);
  // files written from the journal and registered with their sha256: what each is, for messages
  const registeredFiles = new Map<string, { entry: RegisteredFile; what: string; register: string }>([
    ...pes.files.map((entry) => [entry.fichier, { entry, what: 'l’export PES', register: 'registre des exports' }] as const),
    ...reports.files.map((entry) => [entry.fichier, { entry, what: 'le rapport', register: 'registre des rapports' }] as const),
  ]);

  const found = new Set<string>();
  const ledgerKeys = new Map<string, Set<string>>();
  let files = 0;
  // file reads, run CHECKS_AT_ONCE at a time, a batch whenever CHECK_BATCH are waiting: a national
  // folder (140 000 files) held every check's closure until the end of the walk (issue 12)
  const checks: Array<() => Promise<Problem[]>> = [];
  const runChecks = async (): Promise<void> => {
    for (const list of await mapPool(checks.splice(0), CHECKS_AT_ONCE, (check) => check())) problems.push(...list);
  };
  for (const relative of await listFiles(outDir)) {
    if (checks.length >= checkBatch) await runChecks();
    const name = basename(relative);
    const path = resolveOut(outDir, relative);
    const extra = (why: string): void => void problems.push(problem('EXTRA_FILE', `fichier inattendu : ${why}`, { file: path }));
    if (relative === JOURNAL_FILE || relative === LEGACY_JOURNAL_EXCEL_FILE || relative === BORDEREAU_REGISTER_FILE || relative === PES_REGISTER_FILE || relative === REPORT_REGISTER_FILE) continue;
    if (relative === JOURNAL_EXCEL_FILE) {
      // the journal's twin is rebuilt from the journal and compared byte for byte: a stale one shows
      checks.push(() => verifyJournalWorkbook(path, docs));
      continue;
    }
    if (relative.startsWith(`${STATE_DIR}/`)) {
      const m = RUN_FILE_PATTERN.exec(name);
      if (m) {
        runFiles.push(m[1]);
        problems.push(problem('RUN_UNFINISHED', `l’émission de l’exercice ${m[1]} n’est pas terminée : relancez « titres issue »`, { file: path }));
      }
      continue;
    }
    if (isTempName(name)) {
      extra('fichier temporaire laissé par une exécution interrompue');
      continue;
    }
    files++;
    const entry = byFile.get(relative);
    if (entry) {
      found.add(relative);
      // one reading for both checks (a national folder holds 5 GB of titres)
      checks.push(async () => {
        const bytes = await readFile(path);
        const hashed =
          sha256Hex(bytes) === entry.doc.sha256
            ? []
            : [problem('HASH_MISMATCH', `le PDF a été modifié : son sha256 diffère de celui du journal (ligne ${entry.line})`, { file: path })];
        return [...hashed, ...checkTitreData(bytes, entry.doc, path)];
      });
      continue;
    }
    const registeredFile = registeredFiles.get(relative);
    if (registeredFile) {
      const { entry, what, register: registerName } = registeredFile;
      found.add(relative);
      checks.push(async () =>
        (await sha256Of(path)) === entry.sha256
          ? []
          : [problem('HASH_MISMATCH', `${what} a été modifié : son sha256 diffère du ${registerName} (ligne ${entry.line})`, { file: path })],
      );
      continue;
    }
    if (REPORT_FILE_PATTERN.test(relative)) {
      problems.push(problem('REPORT_UNREGISTERED', 'rapport absent du registre des rapports (rapports.csv)', { file: path }));
      continue;
    }
    const base = relative.replace(/\.(pdf|csv|xlsx)$/, '');
    const inBordereau = bordereaux.get(base);
    if (inBordereau && relative.endsWith('.xlsx')) {
      const sorted = [...inBordereau].sort((a, b) => a.numero - b.numero);
      checks.push(() => verifyBordereauWorkbook(path, resolveOut(outDir, `${base}.csv`), sorted));
      continue;
    }
    if (inBordereau) {
      found.add(relative);
      if (relative.endsWith('.csv')) checks.push(async () => verifyBordereauCsv(await readFile(path, 'utf8'), path, inBordereau));
      const entry = registered.get(baseOf.get(base)!);
      if (relative.endsWith('.pdf')) {
        checks.push(async () => {
          const bytes = await readFile(path);
          const hashed =
            entry === undefined || sha256Hex(bytes) === entry.bordereau.sha256
              ? []
              : [problem('HASH_MISMATCH', `le bordereau a été modifié : son sha256 diffère du registre des bordereaux (ligne ${entry.line})`, { file: path })];
          return [...hashed, ...checkBordereauData(bytes, inBordereau, path)];
        });
      }
      continue;
    }
    const [top, service, file, more] = relative.split('/');
    if (top === LEDGER_DIR && more === undefined && file?.endsWith('.xlsx') && ledgerCodeOf(file.replace(/\.xlsx$/, '.csv'))) {
      checks.push(() => verifyLedgerWorkbook(path, path.replace(/\.xlsx$/, '.csv')));
      continue;
    }
    const codeInsee = top === LEDGER_DIR && more === undefined && file ? ledgerCodeOf(file) : undefined;
    const pairKey = `${service}/${codeInsee}`;
    if (codeInsee && !ledgerKeys.has(pairKey)) {
      const keys = new Set<string>();
      ledgerKeys.set(pairKey, keys);
      checks.push(async () => {
        const checked = verifyLedger(await readFile(path, 'utf8'), path, { service, codeInsee }, byKey);
        for (const key of checked.keys) keys.add(key);
        return checked.problems;
      });
      continue;
    }
    if (/^\d{4}$/.test(top) && service === 'pes' && !pes.contents.exists && contents.legacy) {
      problems.push(problem('PES_UNREGISTERED', 'export PES d’une version antérieure, sans registre : il sera enregistré tel quel à la prochaine émission', { file: path }, 'warning'));
      continue;
    }
    if (/^\d{4}$/.test(top) && service === 'pes') {
      problems.push(problem('PES_UNREGISTERED', 'export PES absent du registre des exports (exports-pes.csv)', { file: path }));
      continue;
    }
    extra(relative.endsWith('.pdf') ? 'PDF absent du journal' : 'absent du journal');
  }

  await runChecks();

  if (contents.tornBytes > 0) {
    problems.push(
      runFiles.length > 0
        ? problem('JOURNAL_TORN_LINE', 'dernière ligne du journal incomplète (exécution interrompue), ignorée', { file: journalFile }, 'warning')
        : problem('JOURNAL_CUT', 'dernière ligne du journal coupée sans exécution interrompue : le journal a été tronqué', { file: journalFile }),
    );
  }
  if (!contents.exists && files > 0 && runFiles.length === 0) {
    problems.push(problem('JOURNAL_MISSING', 'journal absent alors que le dossier contient des documents', { file: journalFile }));
  }
  if (contents.legacy && contents.entries.length > 0) {
    problems.push(
      problem('JOURNAL_UNCHAINED', 'journal d’une version antérieure, sans chaînage : il sera scellé tel qu’il est à la prochaine émission', { file: journalFile }, 'warning'),
    );
  }
  for (const { doc, line } of contents.entries) {
    if (!found.has(doc.fichier)) {
      problems.push(problem('FILE_MISSING', `PDF du document ${documentKey(doc)} introuvable (journal ligne ${line})`, { file: resolveOut(outDir, doc.fichier) }));
    }
  }
  for (const base of bordereaux.keys()) {
    for (const ext of ['pdf', 'csv']) {
      if (!found.has(`${base}.${ext}`)) problems.push(problem('FILE_MISSING', 'bordereau introuvable', { file: resolveOut(outDir, `${base}.${ext}`) }));
    }
  }
  for (const { entry, what, register: registerName } of registeredFiles.values()) {
    if (!found.has(entry.fichier)) {
      problems.push(problem('FILE_MISSING', `${what} inscrit au ${registerName} (ligne ${entry.line}) est introuvable`, { file: resolveOut(outDir, entry.fichier) }));
    }
  }
  const interrupted = new Set(runFiles.map(Number));
  const registerProblems = checkRegister(outDir, contents, register, interrupted).filter((p) => p.code !== 'FILE_MISSING' && p.code !== 'FILE_SIZE_MISMATCH'); // the walk checks presence and sha256
  problems.push(...register.problems, ...registerProblems);
  for (const [pair, list] of pairs) {
    const keys = ledgerKeys.get(pair);
    const [service, code] = pair.split('/');
    if (!keys) {
      problems.push(problem('FILE_MISSING', `registre de ${code}/${service} introuvable`, { file: resolveOut(outDir, `${LEDGER_DIR}/${service}/${code}-*.csv`) }));
      continue;
    }
    for (const d of list) {
      if (!keys.has(documentKey(d))) {
        problems.push(problem('LEDGER_MISMATCH', `le document ${documentKey(d)} du journal manque au registre de ${code}/${service}`, { file: journalFile }));
      }
    }
  }
  const sorted = sortProblems(problems);
  return { ok: !sorted.some((p) => p.severity === 'error'), problems: sorted, checked: { documents: docs.length, files } };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
