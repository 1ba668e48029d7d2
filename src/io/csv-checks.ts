/** Ledgers and bordereau CSVs against the journal. */
import { documentKey } from '../engine/plan-types.js';
import { parse } from 'csv-parse/sync';
import type { IssuedDocument } from '../engine/history.js';
import { sum, toAmountString } from '../engine/money.js';
import { problem, type Problem } from '../errors/problem.js';
import { canonicalRecord, detectCsvFormat, type CsvColumn } from './csv-write.js';
import { TOTAL_LABEL } from './bordereau-format.js';
import { LEDGER_COLUMNS, ledgerRowSha256 } from './ledger-row.js';
import { amountFr } from '../engine/french-format.js';

/** A row of one of our CSVs in canonical values, and the line where it ends. */
type RowVisitor = (record: Record<string, string>, line: number) => void;

/**
 * Reads one of our CSVs back, each row in canonical values (text unneutralised, numbers with a
 * point) handed to `visit` as soon as it is parsed, not held: a national bordereau has 35 000 rows.
 * The values are made canonical by canonicalRecord, not csv-parse's `cast` (35 000 rows with a
 * cast: ~10 s and 200 MB of heap, most of it the garbage collector, issue 12).
 * A malformed file gives its CSV_MALFORMED problem; the caller then forgets the rows it was given,
 * as if the file had none.
 */
function visitOurCsv(text: string, file: string, columns: readonly CsvColumn[] | undefined, visit: RowVisitor): Problem[] {
  const format = detectCsvFormat(text);
  const kinds = new Map(columns?.map((c) => [c.header, c.kind]));
  try {
    parse(text, {
      bom: true,
      delimiter: format.excel ? ';' : ',',
      columns: true,
      skip_empty_lines: true,
      on_record: (cells: Record<string, string>, context: { lines: number }) => {
        visit(canonicalRecord(cells, kinds), context.lines);
        return null; // nothing kept by csv-parse
      },
    });
    return [];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return [problem('CSV_MALFORMED', `fichier CSV illisible : ${e.message}`, { file, line: e.lines })];
  }
}

/**
 * Each ledger row must be a journal document of the ledger's pair, identical to the row whose
 * sha256 the journal holds (`empreinte_registre`), or, for a line written before the chained
 * journal, with the same type and amount. Returns the keys (exercice-numero) found, for the
 * reverse check.
 */
export function verifyLedger(
  text: string,
  file: string,
  pair: { service: string; codeInsee: string },
  journal: ReadonlyMap<string, IssuedDocument>,
): { problems: Problem[]; keys: Set<string> } {
  const problems: Problem[] = [];
  const keys = new Set<string>();
  const malformed = visitOurCsv(text, file, LEDGER_COLUMNS, (r, line) => {
    const key = documentKey(r);
    const doc = journal.get(key);
    const at = { file, line };
    if (keys.has(key)) problems.push(problem('LEDGER_MISMATCH', `registre : le document ${key} y figure deux fois`, at));
    keys.add(key);
    if (!doc || doc.codeInsee !== pair.codeInsee || doc.service !== pair.service) {
      problems.push(problem('LEDGER_MISMATCH', `registre : le document ${key} n’est pas au journal pour ${pair.codeInsee}/${pair.service}`, at));
    } else if (toAmountString(doc.montant) !== r.montant || doc.type !== r.type) {
      problems.push(
        problem('LEDGER_MISMATCH', `registre : ${key} indique ${r.type} de ${amountFr(r.montant)}, le journal ${doc.type} de ${amountFr(doc.montant)}`, at),
      );
    } else if (doc.ledgerSha256 !== undefined && ledgerRowSha256(r) !== doc.ledgerSha256) {
      problems.push(problem('LEDGER_MISMATCH', `registre : la ligne du document ${key} a été modifiée (son empreinte diffère de celle du journal)`, at));
    }
  });
  return malformed.length > 0 ? { problems: malformed, keys: new Set() } : { problems, keys };
}

/** The bordereau CSV lists exactly the journal's documents of that bordereau, and their total. */
export function verifyBordereauCsv(text: string, file: string, docs: readonly IssuedDocument[]): Problem[] {
  const expected = new Map(docs.map((d) => [String(d.numero), toAmountString(d.montant)]));
  let problems: Problem[] = [];
  let seen = new Set<string>();
  const malformed = visitOurCsv(text, file, undefined, (r, line) => {
    const at = { file, line };
    if (r.numero === TOTAL_LABEL) {
      const total = toAmountString(sum(docs.map((d) => d.montant)));
      if (r.montant !== total) problems.push(problem('BORDEREAU_MISMATCH', `bordereau : total ${amountFr(r.montant)} au lieu de ${amountFr(total)}`, at));
      return;
    }
    seen.add(r.numero);
    if (expected.get(r.numero) !== r.montant) {
      problems.push(problem('BORDEREAU_MISMATCH', `bordereau : la ligne n° ${r.numero} (${amountFr(r.montant)}) ne correspond pas au journal`, at));
    }
  });
  if (malformed.length > 0) {
    problems = malformed;
    seen = new Set();
  }
  for (const numero of expected.keys()) {
    if (!seen.has(numero)) problems.push(problem('BORDEREAU_MISMATCH', `bordereau : le document n° ${numero} du journal n’y figure pas`, { file }));
  }
  return problems;
}
