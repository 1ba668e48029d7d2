import { numberParts } from './number-text.js';
import { fail, ok, type Parsed } from './parsed.js';

/** A whole number (population, quantity): `18243` or `18 243`; no decimal part. */
export function parseInteger(text: string): Parsed<number> {
  const n = numberParts(text);
  if (!n || n.fraction !== undefined || n.integer.length > 15) {
    return fail('INVALID_INTEGER', `nombre entier invalide « ${text.trim()} »`);
  }
  return ok((n.negative ? -1 : 1) * Number(n.integer));
}
