import type { IsoMonth } from '../../engine/dates.js';
import { fail, ok, type Parsed } from './parsed.js';

/** A month written `YYYY-MM` (also `MM/YYYY`), returned as `YYYY-MM`. */
export function parseMonth(text: string): Parsed<IsoMonth> {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(t);
  const fr = /^(\d{1,2})\/(\d{4})$/.exec(t);
  const [year, month] = iso ? [iso[1], iso[2]] : fr ? [fr[2], fr[1].padStart(2, '0')] : [];
  if (year !== undefined && month !== undefined && Number(month) >= 1 && Number(month) <= 12) {
    return ok(`${year}-${month}`);
  }
  return fail('INVALID_MONTH', `mois invalide « ${t} » : écrire AAAA-MM (par exemple 2025-01)`);
}
