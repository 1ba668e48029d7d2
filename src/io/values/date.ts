import { isIsoDate, type IsoDate } from '../../engine/dates.js';
import { fail, ok, type Parsed } from './parsed.js';

/**
 * A calendar date written `YYYY-MM-DD` or `DD/MM/YYYY` (data contract), checked against the
 * calendar: « 31/02/2026 » is an error, not 3 March.
 */
export function parseDate(text: string): Parsed<IsoDate> {
  const t = text.trim();
  let iso: string | undefined;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (fr) iso = `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  if (iso !== undefined && isIsoDate(iso)) return ok(iso);
  return fail(
    'INVALID_DATE',
    iso === undefined
      ? `date invalide « ${t} » : écrire AAAA-MM-JJ ou JJ/MM/AAAA`
      : `date invalide « ${t} » : ce jour n'existe pas dans le calendrier`,
  );
}
