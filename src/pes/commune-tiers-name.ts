/**
 * Tiers/InfoTiers/Nom of a commune (Base_Texte38, postal norm).
 *
 * Policy: « COMMUNE DE <NOM> » in upper case without accents, with French elision and contraction
 * (Écully → COMMUNE D'ECULLY, Le Bois-d'Oingt → COMMUNE DU BOIS-D'OINGT, Les Halles → COMMUNE DES
 * HALLES). When that exceeds 38 characters the bare name is used (CatTiers 23 already says it is a
 * commune); when the name alone exceeds 38 it is cut cleanly at a hyphen or space.
 */
import { MAX } from './pes-constants.js';
import { fitText, postalText } from './pes-text.js';

function withPrefix(name: string): string {
  if (name.startsWith('LE ')) return `COMMUNE DU ${name.slice(3)}`;
  if (name.startsWith('LES ')) return `COMMUNE DES ${name.slice(4)}`;
  if (/^[AEIOUY]/.test(name)) return `COMMUNE D'${name}`;
  return `COMMUNE DE ${name}`;
}

export function communeTiersName(nom: string): string {
  const name = postalText(nom);
  const full = withPrefix(name);
  if (full.length <= MAX.nom) return full;
  return fitText(name, MAX.nom);
}
