/**
 * Texts written in PES `V` attributes: Latin-1, one line, no leading/trailing space, within the
 * XSD maximum length (Base_TexteNN), cut cleanly at a word boundary when too long.
 */
import { stripDiacritics, toLatin1 } from './latin1.js';

/** Latin-1, control characters and every kind of space (no-break included) folded to one space. */
export function pesText(text: string): string {
  return toLatin1(text)
    .replace(/[\u0000-\u001F\u007F-\u009F\u00AD]/g, (c) => (c === '\u00AD' ? '' : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

const TRAILING = /[\s\-,;:/'(]+$/;

/**
 * `text` if it fits in `max` characters; otherwise cut at the last space or hyphen that keeps at
 * least half of `max`, trailing separators removed, and `ellipsis` appended (within `max`).
 */
export function fitText(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  const head = text.slice(0, room + 1);
  const cut = Math.max(head.lastIndexOf(' '), head.lastIndexOf('-'));
  const base = cut >= room / 2 ? head.slice(0, cut) : text.slice(0, room);
  return base.replace(TRAILING, '') + ellipsis;
}

const SPECIAL: Readonly<Record<string, string>> = { 'Æ': 'AE', 'æ': 'ae', 'ß': 'ss', 'Ø': 'O', 'ø': 'o', 'Ð': 'D', 'ð': 'd', 'Þ': 'TH', 'þ': 'th' };

/**
 * Postal norm (NF Z10-011 style) for names and addresses of Tiers: upper case, no diacritics,
 * only letters, digits, space and ' - , . / kept (anything else becomes a space).
 */
export function postalText(text: string): string {
  return stripDiacritics(pesText(text).replace(/[ÆæßØøÐðÞþ]/g, (c) => SPECIAL[c] ?? c))
    .toUpperCase()
    .replace(/[^A-Z0-9 '\-,./]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}
