/**
 * French display helpers for the documents: amounts with the euro sign, elision of « de » before
 * a commune name, upper-case family names.
 */
import { dec, formatEuros } from '../engine/money.js';

const NBSP = '\u00a0';

/** "1210.00" → "1 210,00 €" (narrow no-break spaces between groups, no-break space before €). */
export function formatAmountFr(canonical: string): string {
  return formatEuros(dec(canonical)) + NBSP + '€';
}

/** "1210.00" → "1 210,00" (no currency sign, for table cells). */
export function formatAmountCellFr(canonical: string): string {
  return formatEuros(dec(canonical));
}

const VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/** « de » with elision before a vowel: "d'Écully", "de Lyon", "d'Oullins". */
export function deName(name: string): string {
  return VOWEL_START.test(name) ? `d'${name}` : `de ${name}`;
}

/** Family names in capitals, as on official documents: "Dupont" → "DUPONT". */
export function familyName(nom: string): string {
  return nom.toUpperCase();
}

/**
 * Keeps figures whole when a line wraps: a narrow no-break space between digit groups
 * ("18 243") and a no-break space before « € », in wording that comes from elsewhere (liquidation).
 */
export function keepFiguresTogether(text: string): string {
  return text.replace(/(?<=\d) (?=\d{3}(?!\d))/g, '\u202f').replace(/ €/g, NBSP + '€');
}
