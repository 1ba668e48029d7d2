/**
 * Postal addresses in the PES fields (Class_Adresse.xsd, Class_AdresseFacture.xsd):
 *   Adr1  complément de distribution (« HOTEL DE VILLE », a service, a building);
 *   Adr2  numéro et voie (« 1 PLACE DE LA COMEDIE »), required in a titre's Tiers and for the
 *         debtor of a PES_Facture ASAP;
 *   Adr3  lieu-dit ou complément d'adresse (BP, CS, TSA…);
 *   CP, Ville.
 *
 * communes.csv has one `adresse` text (code_postal and ville apart). It is cut at commas,
 * semicolons and dashes between spaces; a part made of a number alone is joined to the part that
 * follows (« 1, place de la Comédie » → « 1 PLACE DE LA COMEDIE »). The voie (Adr2) is the first
 * part that starts with a number or a word of voie (rue, place, avenue, chemin…); the parts before
 * it are the complément (Adr1); a BP/CS/TSA/lieu-dit part, and any part after the voie, go in Adr3.
 * An address with no voie keeps its whole text in Adr2 (the schema requires it) and is reported
 * (PES_ADDRESS_NO_STREET). Every field is in the postal norm (upper case, no accents, no comma or
 * full stop) and cut at 38 characters.
 *
 * config.json addresses (issuer, comptable, centre d'encaissement) are lists of lines whose last
 * line is « code postal, ville » (« 69505 Lyon Cedex 03 »); the lines before it are read as above.
 */
import { MAX } from './pes-constants.js';
import { fitText, postalText } from './pes-text.js';

export interface PesAddress {
  adr1?: string;
  adr2?: string;
  adr3?: string;
}

export interface PesPostalAddress extends PesAddress {
  cp: string;
  ville: string;
}

const VOIE_WORDS = [
  'RUE', 'PLACE', 'PL', 'AVENUE', 'AV', 'AVE', 'BOULEVARD', 'BD', 'BLD', 'CHEMIN', 'CHE', 'ALLEE', 'ALLEES', 'ROUTE', 'RTE',
  'COURS', 'QUAI', 'IMPASSE', 'IMP', 'SQUARE', 'MONTEE', 'ESPLANADE', 'PARVIS', 'PROMENADE', 'GRANDE RUE', 'GRANDE-RUE',
  'CHAUSSEE', 'PASSAGE', 'VOIE', 'CLOS', 'HAMEAU', 'SENTIER', 'FAUBOURG', 'FBG', 'MAIL', 'ROND-POINT', 'CARREFOUR',
  'LOTISSEMENT', 'CITE', 'RESIDENCE', 'VILLA', 'TRAVERSE', 'RAMPE', 'PORT', 'DOMAINE', 'ZA', 'ZAC', 'ZI',
];
const VOIE = new RegExp(`^(\\d+(\\s?(BIS|TER|QUATER|[A-D]))?\\s|(${VOIE_WORDS.join('|')})\\s)`);
const DELIVERY = /^(BP|B P|CS|TSA|CEDEX|LIEU-DIT|LIEU DIT)(\s|$)/;
const NUMBER_ONLY = /^\d+(\s?(BIS|TER|QUATER|[A-D]))?$/;

/** A postal field: postal norm, no comma or full stop, at most 38 characters. */
export function addressField(text: string): string {
  return fitText(postalText(text).replace(/[,.]/g, ' ').replace(/ +/g, ' ').trim(), MAX.adresse);
}

function parts(text: string): string[] {
  const raw = postalText(text)
    .split(/\s*[,;]\s*|\s+-\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (NUMBER_ONLY.test(raw[i]) && i + 1 < raw.length) {
      out.push(`${raw[i]} ${raw[i + 1]}`);
      i++;
    } else {
      out.push(raw[i]);
    }
  }
  return out;
}

function joined(list: string[]): string | undefined {
  return list.length === 0 ? undefined : addressField(list.join(' '));
}

/** Adr1/Adr2/Adr3 of a free address text (communes.csv `adresse`); `hasVoie` false when Adr2 is a fallback. */
export function splitAddress(text: string): PesAddress & { hasVoie: boolean } {
  const list = parts(text);
  const voie = list.findIndex((p) => VOIE.test(p) && !DELIVERY.test(p));
  if (voie < 0) {
    const delivery = list.filter((p) => DELIVERY.test(p));
    const rest = list.filter((p) => !DELIVERY.test(p));
    const adr3 = joined(delivery);
    return { adr2: joined(rest.length > 0 ? rest : list), ...(adr3 && rest.length > 0 ? { adr3 } : {}), hasVoie: false };
  }
  const before = list.slice(0, voie).filter((p) => !DELIVERY.test(p));
  const after = [...list.slice(0, voie).filter((p) => DELIVERY.test(p)), ...list.slice(voie + 1)];
  const adr1 = joined(before);
  const adr3 = joined(after);
  return { ...(adr1 ? { adr1 } : {}), adr2: addressField(list[voie]), ...(adr3 ? { adr3 } : {}), hasVoie: true };
}

const CP_VILLE = /^(\d{5})\s+(\S.*)$/;

/**
 * An address given as lines whose last is « CP Ville »; undefined when the last line is not.
 * `only3`: every line before « CP Ville » goes in Adr3 (the centre d'encaissement, whose Adr1 and
 * Adr2 must stay empty).
 */
export function postalAddress(lines: readonly string[], only3 = false): (PesPostalAddress & { hasVoie: boolean }) | undefined {
  const last = postalText(lines[lines.length - 1] ?? '');
  const m = CP_VILLE.exec(last);
  if (m === null) return undefined;
  const head = lines.slice(0, -1).join(', ');
  const ville = addressField(m[2]);
  if (only3) {
    const adr3 = joined(parts(head));
    return { ...(adr3 ? { adr3 } : {}), cp: m[1], ville, hasVoie: true };
  }
  if (head.trim() === '') return { cp: m[1], ville, hasVoie: false };
  return { ...splitAddress(head), cp: m[1], ville };
}
