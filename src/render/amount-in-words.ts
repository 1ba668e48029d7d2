/**
 * French amounts in words, as written on a titre (« arrêté à la somme de … »): traditional
 * spelling (hyphens only below one hundred, « et » in 21, 31 … 71), « vingt » and « cent » take
 * an « s » only when multiplied and ending the number (before « mille » too, which is invariable),
 * « million » and « milliard » are nouns (« deux cents millions d'euros »).
 */

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf',
  'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99; `final` = nothing follows (so « quatre-vingts » keeps its s). */
function belowHundred(n: number, final: boolean): string {
  if (n <= 16) return UNITS[n];
  if (n < 20) return 'dix-' + UNITS[n - 10];
  if (n < 70) {
    const ten = TENS[Math.floor(n / 10)];
    const unit = n % 10;
    if (unit === 0) return ten;
    return unit === 1 ? `${ten} et un` : `${ten}-${UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : 'soixante-' + belowHundred(n - 60, true);
  if (n === 80) return final ? 'quatre-vingts' : 'quatre-vingt';
  return 'quatre-vingt-' + belowHundred(n - 80, true);
}

/** 0–999 (0 gives ''); `final` as above. */
function belowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds === 1) parts.push('cent');
  else if (hundreds > 1) parts.push(`${UNITS[hundreds]} ${rest === 0 && final ? 'cents' : 'cent'}`);
  if (rest > 0 || hundreds === 0) parts.push(rest === 0 ? '' : belowHundred(rest, final));
  return parts.filter((p) => p !== '').join(' ');
}

const MAX = 999_999_999_999;

/** A whole number from 0 to 999 999 999 999 in French words: 80 → « quatre-vingts ». */
export function integerInWordsFr(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX) throw new RangeError(`integerInWordsFr: ${n}`);
  if (n === 0) return UNITS[0];
  const milliards = Math.floor(n / 1e9);
  const millions = Math.floor(n / 1e6) % 1000;
  const thousands = Math.floor(n / 1e3) % 1000;
  const units = n % 1000;
  const parts: string[] = [];
  // Before a noun (million, milliard) the numeral is final: « deux cents millions ».
  if (milliards > 0) parts.push(`${belowThousand(milliards, true)} ${milliards > 1 ? 'milliards' : 'milliard'}`);
  if (millions > 0) parts.push(`${belowThousand(millions, true)} ${millions > 1 ? 'millions' : 'million'}`);
  // Before « mille » (an adjective) it is not: « deux cent mille », « quatre-vingt mille ».
  if (thousands === 1) parts.push('mille');
  else if (thousands > 1) parts.push(`${belowThousand(thousands, false)} mille`);
  if (units > 0) parts.push(belowThousand(units, true));
  return parts.join(' ');
}

/**
 * A canonical amount ("1425.55", at most 2 decimals, ≥ 0) in words:
 * « mille quatre cent vingt-cinq euros et cinquante-cinq centimes », « un centime »,
 * « deux millions d'euros ».
 */
export function amountInWordsFr(amount: string): string {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) throw new RangeError(`amountInWordsFr: not a canonical amount: ${amount}`);
  const euros = Number(m[1]);
  const cents = Number((m[2] ?? '0').padEnd(2, '0'));
  const centsText = cents === 0 ? '' : `${integerInWordsFr(cents)} ${cents > 1 ? 'centimes' : 'centime'}`;
  if (euros === 0 && cents > 0) return centsText;
  const words = integerInWordsFr(euros);
  // « d'euros » after a number ending with million(s) or milliard(s).
  const noun = euros >= 1e6 && euros % 1e6 === 0 ? "d'euros" : euros > 1 ? 'euros' : 'euro';
  const eurosText = `${words} ${noun}`;
  return centsText === '' ? eurosText : `${eurosText} et ${centsText}`;
}
