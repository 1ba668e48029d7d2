/**
 * The French and machine ways of writing a number (data contract): `1234.56`, `1 234,56`, with a
 * space, a no-break space (U+00A0) or a narrow no-break space (U+202F) between groups of three
 * digits, and a comma or a point as decimal separator. Returns the parts of the number (sign,
 * integer digits without group separators, fraction), or undefined when the text is not such a
 * number.
 */
const GROUPED = /^(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

export function numberParts(text: string): { integer: string; fraction?: string; negative: boolean } | undefined {
  const m = GROUPED.exec(text.trim());
  if (!m) return undefined;
  return { negative: m[1] === '-', integer: m[2].replace(/[ \u00a0\u202f]/g, ''), fraction: m[3] };
}
