/**
 * Consistency of the bordereaux handed to the builder (numbers, dates, amounts, piece types,
 * réductions' original titre), against the PES limits and the 02 02 06 rule.
 */
import { isIsoDate } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import { problem, type Problem } from '../errors/problem.js';
import type { PesBordereau, PesExportInput, PesPiece } from './pes-input.js';

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function isValidPesAmount(text: string): boolean {
  return AMOUNT.test(text) && new Decimal(text).gt(0);
}

function isValidDate(text: string): boolean {
  return isIsoDate(text) && text >= '1900-01-01';
}

const inRange = (n: number, max: number): boolean => Number.isInteger(n) && n >= 1 && n <= max;

export function checkPesInput(input: PesExportInput): Problem[] {
  const out: Problem[] = [];
  if (input.bordereaux.length === 0) out.push(problem('PES_NO_BORDEREAU', 'aucun bordereau à exporter'));
  if (!isValidDate(input.dateGeneration)) {
    out.push(problem('PES_INVALID_DATE', `date de génération invalide : « ${input.dateGeneration} »`));
  }
  const bordereaux = new Set<string>();
  const pieces = new Set<string>();
  for (const b of input.bordereaux) {
    const label = bordereauLabel(b);
    const key = `${b.exercice}/${b.nature}/${b.numero}`;
    if (bordereaux.has(key)) out.push(problem('PES_DUPLICATE_NUMBER', `${label} présent deux fois`));
    bordereaux.add(key);
    out.push(...checkBordereau(b, label));
    for (const p of b.pieces) {
      const pieceKey = `${b.exercice}/${p.numero}`;
      if (pieces.has(pieceKey)) out.push(problem('PES_DUPLICATE_NUMBER', `pièce n° ${p.numero} de l'exercice ${b.exercice} présente deux fois`));
      pieces.add(pieceKey);
      out.push(...checkPiece(p, b, label));
    }
  }
  return out;
}

function checkBordereau(b: PesBordereau, label: string): Problem[] {
  const out: Problem[] = [];
  if (!inRange(b.exercice, 9999) || b.exercice < 1900) out.push(problem('PES_NUMBER_OUT_OF_RANGE', `${label} : exercice invalide`));
  if (!inRange(b.numero, 9_999_999)) out.push(problem('PES_NUMBER_OUT_OF_RANGE', `${label} : numéro hors de 1 à 9 999 999`));
  if (!isValidDate(b.dateEmission)) out.push(problem('PES_INVALID_DATE', `${label} : date d'émission invalide « ${b.dateEmission} »`));
  if (b.pieces.length === 0) out.push(problem('PES_EMPTY_BORDEREAU', `${label} : aucune pièce`));
  if (b.pieces.length > 99_999) out.push(problem('PES_NUMBER_OUT_OF_RANGE', `${label} : plus de 99 999 pièces`));
  if (b.cumulAnnuel !== undefined && !isValidPesAmount(b.cumulAnnuel)) {
    out.push(problem('PES_INVALID_AMOUNT', `${label} : cumul annuel invalide « ${b.cumulAnnuel} »`));
  }
  return out;
}

function checkPiece(p: PesPiece, b: PesBordereau, bordereau: string): Problem[] {
  const out: Problem[] = [];
  const label = `${bordereau}, pièce n° ${p.numero}`;
  if (!inRange(p.numero, 99_999_999)) out.push(problem('PES_NUMBER_OUT_OF_RANGE', `${label} : numéro hors de 1 à 99 999 999`));
  if (!isValidPesAmount(p.montant)) {
    out.push(problem('PES_INVALID_AMOUNT', `${label} : montant « ${p.montant} » invalide (décimal strictement positif, 2 décimales au plus)`));
  }
  const expected = b.nature === 'titres' ? p.type === 'titre' : p.type !== 'titre';
  if (!expected) out.push(problem('PES_PIECE_TYPE_MISMATCH', `${label} : une pièce de type « ${p.type} » ne peut pas figurer dans un bordereau de ${b.nature}`));
  if (p.type !== 'titre') {
    if (p.titreOrigine === undefined) {
      out.push(problem('PES_INVALID_TITRE_ORIGINE', `${label} : titre d'origine manquant`));
    } else if (p.titreOrigine.exercice !== b.exercice || !inRange(p.titreOrigine.numero, 9_999_999_999_999)) {
      out.push(problem('PES_INVALID_TITRE_ORIGINE', `${label} : le titre d'origine ${p.titreOrigine.exercice}-${p.titreOrigine.numero} doit être un titre de l'exercice ${b.exercice}`));
    }
  }
  if (p.pdf !== undefined && Buffer.isBuffer(p.pdf.content) && p.pdf.content.length === 0) out.push(emptyPdf(b, p.numero, p.pdf.fileName));
  return out;
}

function bordereauLabel(b: PesBordereau): string {
  return `bordereau n° ${b.numero} (${b.nature}, exercice ${b.exercice})`;
}

/** A PDF to join that is empty: found here when given, or when read as its PJ is written. */
export function emptyPdf(b: PesBordereau, numero: number, fileName: string): Problem {
  return problem('PES_EMPTY_PJ', `${bordereauLabel(b)}, pièce n° ${numero} : le PDF joint « ${fileName} » est vide`);
}
