/**
 * Deterministic file name (NomFic, Base_Texte100):
 *   PES_Aller_<exercice>_bord-<n>[-<m>…]_<dateGeneration>.xml
 * Bordereaux of titres are listed by number, bordereaux of réductions with an « r » prefix (their
 * numbers form a separate series), in ascending order: PES_Aller_2026_bord-3-4-r1_2026-06-15.xml.
 * Several exercices are joined by « - ». A name over 100 characters keeps the first and last
 * bordereau and their count: bord-1-a-r9-12b.
 */
import type { IsoDate } from '../engine/dates.js';
import { MAX } from './pes-constants.js';
import type { PesBordereau } from './pes-input.js';

export function compareBordereaux(a: PesBordereau, b: PesBordereau): number {
  return a.exercice - b.exercice || (a.nature === b.nature ? 0 : a.nature === 'titres' ? -1 : 1) || a.numero - b.numero;
}

export function pesFileName(bordereaux: PesBordereau[], dateGeneration: IsoDate): string {
  const sorted = [...bordereaux].sort(compareBordereaux);
  const exercices = [...new Set(sorted.map((b) => b.exercice))].join('-');
  const parts = sorted.map((b) => (b.nature === 'titres' ? `${b.numero}` : `r${b.numero}`));
  const name = (list: string): string => `PES_Aller_${exercices}_bord-${list}_${dateGeneration}.xml`;
  const full = name(parts.join('-'));
  if (full.length <= MAX.nomFic) return full;
  return name(`${parts[0]}-a-${parts[parts.length - 1]}-${parts.length}b`);
}
