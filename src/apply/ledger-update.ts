/**
 * Ledgers keep every earlier row: a ledger is rewritten atomically as its previous bytes followed
 * by the rows it does not hold yet (matched on exercice + numero), in the format the file already
 * has (a ledger written in the Excel CSV form by an earlier version stays so); a new ledger is in
 * the machine form. Idempotent: a recovery that replays the rows of a run appends nothing twice.
 * The ledger's workbook (same name, `.xlsx`) is regenerated from the whole CSV when asked
 * (`--excel`) or when it already exists, so it never lags behind its CSV.
 */
import { documentKey } from '../engine/plan-types.js';
import { readdir } from 'node:fs/promises';
import { writeFileAtomic, type FolderSyncs } from '../io/atomic-write.js';
import { csvHeader, csvLines, detectCsvFormat, readOurCsv, type CsvFormat, type CsvRow } from '../io/csv-write.js';
import { existingAuthor } from '../io/journal-excel.js';
import { workbookBuffer } from '../io/workbook.js';
import { ledgerWorkbook, ledgerWorkbookName } from '../io/ledger-workbook.js';
import { ledgerCodeOf, ledgerFileName, ledgerFolder, resolveOut } from '../io/output-layout.js';
import { LEDGER_COLUMNS } from '../io/ledger-row.js';
import type { History, IssuedDocument } from '../engine/history.js';
import { problem, type Problem } from '../errors/problem.js';
import { verifyLedger } from '../io/csv-checks.js';
import { mapPool } from '../io/pool.js';
import { readIfPresent } from '../io/out-files.js';

/**
 * Ledger file names by service and code_insee: an existing file wins over the current name. Each
 * service's folder is listed once, when first asked about: what it tells is the folder as it was
 * then (read under the lock, before the run writes).
 */
export class LedgerNames {
  private readonly existing = new Map<string, Map<string, string>>();
  private readonly listed = new Map<string, ReadonlySet<string>>();

  constructor(private readonly outDir: string) {}

  async nameFor(service: string, codeInsee: string, commune: string): Promise<string> {
    return (await this.byCode(service)).get(codeInsee) ?? ledgerFileName(codeInsee, commune);
  }

  /** nameFor's answer without a promise, once the service's folder is listed; else undefined. */
  known(service: string, codeInsee: string, commune: string): string | undefined {
    const byCode = this.existing.get(service);
    return byCode === undefined ? undefined : (byCode.get(codeInsee) ?? ledgerFileName(codeInsee, commune));
  }

  /**
   * Whether the service's folder held `name` when it was listed; undefined while it is not listed.
   * A ledger's workbook absent then is absent still without --excel, which alone makes workbooks:
   * its ledger's append need not look for it (a system call a titre, issue 12).
   */
  heldWhenListed(service: string, name: string): boolean | undefined {
    return this.listed.get(service)?.has(name);
  }

  /** Whether the service's folder held this name when it was listed. */
  async listedIn(service: string, name: string): Promise<boolean> {
    await this.byCode(service);
    return this.heldWhenListed(service, name)!;
  }

  private async byCode(service: string): Promise<Map<string, string>> {
    let byCode = this.existing.get(service);
    if (!byCode) {
      byCode = new Map();
      const names = await readdir(resolveOut(this.outDir, ledgerFolder(service))).catch(() => [] as string[]);
      for (const name of names.sort()) {
        const code = ledgerCodeOf(name);
        if (code && !byCode.has(code)) byCode.set(code, name);
      }
      this.existing.set(service, byCode);
      this.listed.set(service, new Set(names));
    }
    return byCode;
  }
}

/** Keys (documentKey: exercice-numero, statements of compte 673 in their own series) of a ledger's rows. */
export function ledgerKeys(text: string): Set<string> {
  return new Set(readOurCsv(text).map((r) => documentKey(r)));
}

const MACHINE: CsvFormat = { excel: false };

/** A new ledger's header line, the same for every ledger: made once (issue 12). */
let machineHeader: string | undefined;

export async function appendLedgerRows(
  outDir: string,
  service: string,
  name: string,
  rows: readonly CsvRow[],
  options: { workbookAuthor?: string; folders?: FolderSyncs; noWorkbook?: boolean } = {},
): Promise<void> {
  const path = resolveOut(outDir, `${ledgerFolder(service)}/${name}`);
  const previous = await readIfPresent(path, 'utf8');
  let text: string;
  if (previous === undefined || previous === '') {
    text = (machineHeader ??= csvHeader(LEDGER_COLUMNS, MACHINE)) + csvLines(LEDGER_COLUMNS, rows, MACHINE);
  } else {
    const format = detectCsvFormat(previous);
    const keys = ledgerKeys(previous);
    const missing = rows.filter((r) => !keys.has(documentKey(r)));
    const eol = format.excel ? '\r\n' : '\n';
    const base = previous.endsWith('\n') ? previous : previous + eol;
    text = missing.length === 0 ? previous : base + csvLines(LEDGER_COLUMNS, missing, format);
  }
  if (text !== previous) await writeFileAtomic(path, text, options.folders);
  const workbookPath = resolveOut(outDir, `${ledgerFolder(service)}/${ledgerWorkbookName(name)}`);
  const author = options.workbookAuthor ?? (options.noWorkbook ? undefined : await existingAuthor(workbookPath));
  if (author !== undefined) await writeFileAtomic(workbookPath, await workbookBuffer(ledgerWorkbook(text, author)), options.folders);
}

/**
 * Before a run appends to ledgers: each ledger the plan's documents go to must agree with the
 * journal (verifyLedger: every row journaled and unedited; every journaled document of the pair in
 * it, except those of an interrupted run, whose rows the recovery appends). Returns the damage.
 */
export async function checkLedgers(
  outDir: string,
  documents: ReadonlyArray<{ service: string; codeInsee: string; commune: string }>,
  names: LedgerNames,
  history: History,
  interruptedExercices: ReadonlySet<number>,
): Promise<Problem[]> {
  const pairs = new Map<string, { service: string; codeInsee: string; commune: string }>();
  for (const d of documents) pairs.set(`${d.service}/${d.codeInsee}`, d);
  if (pairs.size === 0) return [];
  const byKey = new Map<string, IssuedDocument>();
  const journaled = new Map<string, IssuedDocument[]>();
  for (const doc of history.documents) {
    const pair = `${doc.service}/${doc.codeInsee}`;
    if (!pairs.has(pair)) continue;
    byKey.set(documentKey(doc), doc);
    const list = journaled.get(pair);
    if (list) list.push(doc);
    else journaled.set(pair, [doc]);
  }
  const lists = await mapPool([...pairs], 8, async ([pair, d]) => {
    const name = await names.nameFor(d.service, d.codeInsee, d.commune);
    const path = resolveOut(outDir, `${ledgerFolder(d.service)}/${name}`);
    // a ledger its folder does not list is not read: the first national run would try 70 000 absent files
    const text = !(await names.listedIn(d.service, name))
      ? undefined
      : await readIfPresent(path, 'utf8');
    const expected = (journaled.get(pair) ?? []).filter((doc) => !interruptedExercices.has(doc.exercice));
    if (text === undefined) {
      return expected.length === 0 ? [] : [problem('FILE_MISSING', `registre de ${d.codeInsee}/${d.service} introuvable`, { file: path })];
    }
    const checked = verifyLedger(text, path, d, byKey);
    for (const doc of expected) {
      if (!checked.keys.has(documentKey(doc))) {
        checked.problems.push(problem('LEDGER_MISMATCH', `le document ${documentKey(doc)} du journal manque au registre`, { file: path }));
      }
    }
    return checked.problems;
  });
  return lists.flat();
}
