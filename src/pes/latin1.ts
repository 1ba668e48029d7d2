/**
 * PES files are ISO-8859-1: every text is transliterated to Latin-1 before encoding, so that
 * iconv-lite never has to substitute "?" silently.
 *
 * Mapping (characters outside Latin-1 that French texts commonly carry):
 *   ’ ‘ ‚ ‛ ′            → '        (typographic apostrophes and single quotes)
 *   “ ” „ ‟ ″            → "        (typographic double quotes; « and » are Latin-1 and kept)
 *   ‹ ›                  → < >
 *   œ Œ                  → oe OE
 *   … ‰ € ™ •            → ... ‰→"pour mille" € → EUR, ™ → TM, • → -
 *   ‐ ‑ ‒ – — ― −        → -        (hyphens, en/em dashes, minus sign)
 *   U+202F U+2007        → U+00A0   (narrow and figure no-break spaces → no-break space)
 *   U+2000–U+200A U+205F U+3000 → space
 *   U+200B–U+200D U+2060 U+FEFF → removed (zero-width characters)
 * Any other character outside Latin-1 is decomposed (NFD) and stripped of its combining marks
 * (ŷ → y, ą → a); if that is not enough it becomes "?".
 */

import iconv from 'iconv-lite';

const MAP: Readonly<Record<string, string>> = {
  '\u2019': "'", '\u2018': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\u2039': '<', '\u203A': '>',
  '\u0153': 'oe', '\u0152': 'OE',
  '\u2026': '...', '\u2030': ' pour mille', '\u20AC': 'EUR', '\u2122': 'TM', '\u2022': '-',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u202F': '\u00A0', '\u2007': '\u00A0',
  '\u205F': ' ', '\u3000': ' ',
  '\u200B': '', '\u200C': '', '\u200D': '', '\u2060': '', '\uFEFF': '',
};

/** The text decomposed (NFD) without its combining marks: é → e, ŷ → y (the letters stay as they are). */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function isLatin1(text: string): boolean {
  return /^[\u0000-\u00FF]*$/.test(text);
}

function transliterate(char: string): string {
  const mapped = MAP[char];
  if (mapped !== undefined) return mapped;
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2000 && code <= 0x200a) return ' ';
  const stripped = stripDiacritics(char);
  return stripped !== '' && isLatin1(stripped) ? stripped : '?';
}

/** The text with every character outside ISO-8859-1 replaced as documented above. */
export function toLatin1(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    out += (char.codePointAt(0) ?? 0) <= 0xff ? char : transliterate(char);
  }
  return out;
}

/** The bytes of a PES text in ISO-8859-1 (a character outside it would become "?": toLatin1 leaves none). */
export function encodeLatin1(text: string): Buffer {
  return iconv.encode(text, 'latin1');
}
