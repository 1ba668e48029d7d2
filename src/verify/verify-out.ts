/**
 * `titres verify`: checks an output folder against its journal, read-only.
 * - every journaled PDF exists and has the journaled sha256 (FILE_MISSING, HASH_MISMATCH);
 * - numbering: one continuous series per exercice, no duplicate; bordereaux continuous
 *   (NUMBER_GAP, NUMBER_DUPLICATE, BORDEREAU_GAP, BORDEREAU_DUPLICATE);
 * - each correction cites a journaled titre whose net stays ≥ 0 (ORIGIN_UNKNOWN, NET_NEGATIVE);
 * - ledgers and bordereau CSVs agree with the journal (LEDGER_MISMATCH, BORDEREAU_MISMATCH);
 * - every bordereau is registered in bordereaux.csv with its total, its number of pieces and the
 *   sha256 of its PDF, the signed document (BORDEREAU_UNREGISTERED, BORDEREAU_MISMATCH, HASH_MISMATCH);
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
import type { IssuedDocument } from '../engine/history.js';
import { documentKey, hasBordereau } from '../engine/plan-types.js';
import { problem, sortProblems, type Problem } from '../errors/problem.js';
import { isTempName } from '../io/atomic-write.js';
import { readJournalContents } from '../io/journal.js';
import { readBordereauRegister, registerKey } from '../io/bordereau-register.js';
import { sum, toAmountString } from '../engine/money.js';
import { amountFr } from '../engine/fr-format.js';
import { inspectOutLock } from '../io/lock.js';
import {
  bordereauBase,
  BORDEREAU_REGISTER_FILE,
  journalPath,
  JOURNAL_EXCEL_FILE,
  JOURNAL_FILE,
  LEGACY_JOURNAL_EXCEL_FILE,
  ledgerCodeOf,
  LEDGER_DIR,
  lockPath,
  natureOf,
  resolveOut,
  RUN_FILE_PATTERN,
  STATE_DIR,
} from '../io/output-layout.js';
import { mapPool } from '../apply/pool.js';
import { walkFiles } from '../apply/walk.js';
import { verifyBordereauCsv, verifyLedger } from './verify-csv.js';
import { verifyNumbering } from './verify-numbering.js';
import { verifyBordereauData, verifyTitreData } from './verify-embedded.js';
import { REPORT_FILE_PATTERN } from '../report/report-files.js';
import { verifyBordereauWorkbook, verifyJournalWorkbook, verifyLedgerWorkbook } from './verify-workbooks.js';

export interface VerifyReport {
  ok: boolean;
  problems: Problem[];
  checked: { documents: number; files: number };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function verifyOut(outDir: string): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const exists = await stat(outDir).then((s) => s.isDirectory(), () => false);
  if (!exists) {
    problems.push(problem('FILE_MISSING', `dossier de sortie « ${outDir} » introuvable`, { file: outDir }));
    return { ok: false, problems, checked: { documents: 0, files: 0 } };
  }
  const journalFile = journalPath(outDir);
  const contents = await readJournalContents(outDir);
  problems.push(...contents.problems);
  if (contents.tornBytes > 0) {
    problems.push(problem('JOURNAL_TORN_LINE', 'dernière ligne du journal incomplète (exécution interrompue), ignorée', { file: journalFile }, 'warning'));
  }
  const lock = await inspectOutLock(outDir);
  if (lock) {
    const who = lock.pid === null ? '' : ` (pid ${lock.pid})`;
    problems.push(
      lock.stale
        ? problem('OUT_LOCKED', `verrou périmé${who} : une exécution a été interrompue`, { file: lockPath(outDir) }, 'warning')
        : problem('OUT_LOCKED', `une exécution est en cours${who} : vérification non fiable`, { file: lockPath(outDir) }),
    );
  }
  problems.push(...verifyNumbering(contents.entries, journalFile));

  const docs = contents.entries.map((e) => e.doc);
  const byKey = new Map(docs.map((d) => [documentKey(d), d]));
  const byFile = new Map(contents.entries.map((e) => [e.doc.fichier, e]));
  const bordereaux = new Map<string, IssuedDocument[]>();
  const pairs = new Map<string, IssuedDocument[]>();
  for (const d of docs) {
    if (hasBordereau(d.type)) push(bordereaux, bordereauBase(d.exercice, natureOf(d.type), d.bordereau, d.service), d);
    push(pairs, `${d.service}/${d.codeInsee}`, d);
  }

  const registerFile = resolveOut(outDir, BORDEREAU_REGISTER_FILE);
  const register = await readBordereauRegister(outDir);
  problems.push(...register.problems);
  const registered = new Map(register.entries.map((e) => [registerKey(e.bordereau.exercice, e.bordereau.numero), e]));

  const found = new Set<string>();
  const ledgerKeys = new Map<string, Set<string>>();
  let files = 0;
  const checks: Array<() => Promise<Problem[]>> = []; // file reads, run a few at once after the walk
  for await (const relative of walkFiles(outDir)) {
    const name = basename(relative);
    const path = resolveOut(outDir, relative);
    const extra = (why: string): void => void problems.push(problem('EXTRA_FILE', `fichier inattendu : ${why}`, { file: path }));
    if (relative === JOURNAL_FILE || relative === LEGACY_JOURNAL_EXCEL_FILE || relative === BORDEREAU_REGISTER_FILE) continue;
    if (REPORT_FILE_PATTERN.test(relative)) continue; // the comité's reports (titres rapport), drawn up from the journal
    if (relative === JOURNAL_EXCEL_FILE) {
      checks.push(() => verifyJournalWorkbook(path, docs));
      continue;
    }
    if (relative.startsWith(`${STATE_DIR}/`)) {
      const m = RUN_FILE_PATTERN.exec(name);
      if (m) problems.push(problem('RUN_UNFINISHED', `l’émission de l’exercice ${m[1]} n’est pas terminée : relancez « titres issue »`, { file: path }));
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
      checks.push(async () =>
        (await sha256Of(path)) === entry.doc.sha256
          ? []
          : [problem('HASH_MISMATCH', `le PDF a été modifié : son sha256 diffère de celui du journal (ligne ${entry.line})`, { file: path })],
      );
      checks.push(() => verifyTitreData(path, entry.doc));
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
      const entry = registered.get(registerKey(inBordereau[0].exercice, inBordereau[0].bordereau));
      if (relative.endsWith('.pdf') && entry) {
        checks.push(async () =>
          (await sha256Of(path)) === entry.bordereau.sha256
            ? []
            : [problem('HASH_MISMATCH', `le bordereau a été modifié : son sha256 diffère du registre des bordereaux (ligne ${entry.line})`, { file: path })],
        );
      }
      if (relative.endsWith('.pdf')) checks.push(() => verifyBordereauData(path, inBordereau));
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
    extra(relative.endsWith('.pdf') ? 'PDF absent du journal' : 'absent du journal');
  }

  for (const list of await mapPool(checks, 8, (check) => check())) problems.push(...list);

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
  problems.push(...checkRegister(bordereaux, registered, registerFile));
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

/** Each bordereau of the journal is registered once, with the journal's total and count of pieces. */
function checkRegister(
  bordereaux: ReadonlyMap<string, IssuedDocument[]>,
  registered: ReadonlyMap<string, { bordereau: { total: string; pieces: number; fichier: string }; line: number }>,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [base, docs] of bordereaux) {
    const key = registerKey(docs[0].exercice, docs[0].bordereau);
    seen.add(key);
    const entry = registered.get(key);
    if (!entry) {
      problems.push(problem('BORDEREAU_UNREGISTERED', `bordereau ${key} (${base}.pdf) absent du registre des bordereaux`, { file }));
      continue;
    }
    const total = toAmountString(sum(docs.map((d) => d.montant)));
    if (entry.bordereau.total !== total || entry.bordereau.pieces !== docs.length) {
      problems.push(
        problem(
          'BORDEREAU_MISMATCH',
          `bordereau ${key} : le registre indique ${entry.bordereau.pieces} pièce(s) pour ${amountFr(entry.bordereau.total)}, le journal ${docs.length} pour ${amountFr(total)}`,
          { file, line: entry.line },
        ),
      );
    }
  }
  for (const [key, entry] of registered) {
    if (!seen.has(key)) {
      problems.push(problem('BORDEREAU_MISMATCH', `bordereau ${key} enregistré mais absent du journal`, { file, line: entry.line }));
    }
  }
  return problems;
}
