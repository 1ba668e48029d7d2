/**
 * Issue 11 item 5: the data embedded in each issued PDF (render/embedded-data.ts) agrees with the
 * journal — type, exercice, number, bordereau, date, debtor, service, amount and original titre for
 * a titre or a correction; number, nature, pieces and total for a bordereau. A missing or
 * unreadable attachment is a problem too: a commune's software relies on it.
 */
import type { IssuedDocument } from '../engine/history.js';
import { hasBordereau } from '../engine/plan-types.js';
import { sum, toAmountString } from '../engine/money.js';
import { problem, type Problem } from '../errors/problem.js';
import { natureOf } from '../io/output-layout.js';
import { BORDEREAU_DATA_FILE, TITRE_DATA_FILE, type BordereauData, type TitreData } from '../render/embedded-data.js';
import { readEmbeddedFile } from './embedded-file.js';

function parse<T>(bytes: Buffer, name: string): T | undefined {
  const file = readEmbeddedFile(bytes, name);
  if (!file) return undefined;
  try {
    return JSON.parse(file.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Whether two values read from JSON, or to be written to it, print the same. */
function same(embedded: unknown, journal: unknown): boolean {
  return JSON.stringify(embedded) === JSON.stringify(journal);
}

function differences(pairs: [string, unknown, unknown][]): string[] {
  return pairs.filter(([, embedded, journal]) => !same(embedded, journal)).map(([what, embedded, journal]) => `${what} ${JSON.stringify(embedded)} au lieu de ${JSON.stringify(journal)}`);
}

/** The titre's (or correction's) embedded liquidation against its journal line. */
export function checkTitreData(bytes: Buffer, doc: IssuedDocument, file: string): Problem[] {
  const data = parse<TitreData>(bytes, TITRE_DATA_FILE);
  if (!data?.document) return [problem('EMBEDDED_DATA_MISMATCH', `données jointes « ${TITRE_DATA_FILE} » absentes ou illisibles`, { file })];
  const diff = differences([
    ['type', data.document.type, doc.type],
    ['exercice', data.document.exercice, doc.exercice],
    ['numéro', data.document.numero, doc.numero],
    ['bordereau', data.document.bordereau, hasBordereau(doc.type) ? doc.bordereau : null], // a statement of compte 673 has none (R10)
    ["date d'émission", data.document.date_emission, doc.dateEmission],
    ['commune', data.debiteur?.code_insee, doc.codeInsee],
    ['service', data.service?.id, doc.service],
    ['montant', data.montant, toAmountString(doc.montant)],
    ["titre d'origine", data.titre_origine ?? null, doc.titreOrigine ?? null],
  ]);
  return diff.length === 0 ? [] : [problem('EMBEDDED_DATA_MISMATCH', `les données jointes au PDF ne concordent pas avec le journal : ${diff.join(' ; ')}`, { file })];
}

/** A bordereau's embedded pieces against the journal's documents of that bordereau. */
export function checkBordereauData(bytes: Buffer, docs: readonly IssuedDocument[], file: string): Problem[] {
  const data = parse<BordereauData>(bytes, BORDEREAU_DATA_FILE);
  if (!data?.document || !Array.isArray(data.pieces)) {
    return [problem('EMBEDDED_DATA_MISMATCH', `données jointes « ${BORDEREAU_DATA_FILE} » absentes ou illisibles`, { file })];
  }
  const sorted = [...docs].sort((a, b) => a.numero - b.numero);
  const first = sorted[0];
  const embeddedPiece = (p: BordereauData['pieces'][number]): unknown[] => [p.numero, p.type, p.code_insee, p.montant];
  const journalPiece = (d: IssuedDocument): unknown[] => [d.numero, d.type, d.codeInsee, toAmountString(d.montant)];
  // piece by piece (the lists print the same exactly when each piece does): the lists of a national
  // bordereau, 35 000 pieces, are printed whole only for the message of a difference
  const piecesAgree = data.pieces.length === sorted.length && data.pieces.every((p, i) => same(embeddedPiece(p), journalPiece(sorted[i])));
  const diff = differences([
    ['exercice', data.document.exercice, first.exercice],
    ['numéro', data.document.numero, first.bordereau],
    ['nature', data.document.nature, natureOf(first.type)],
    ['service', data.service?.id, first.service],
    ...(piecesAgree ? [] : [['pièces', data.pieces.map(embeddedPiece), sorted.map(journalPiece)] as [string, unknown, unknown]]),
    ['total', data.total, toAmountString(sum(sorted.map((d) => d.montant)))],
  ]);
  return diff.length === 0 ? [] : [problem('EMBEDDED_DATA_MISMATCH', `les données jointes au bordereau ne concordent pas avec le journal : ${diff.join(' ; ')}`, { file })];
}
