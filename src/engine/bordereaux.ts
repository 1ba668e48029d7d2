/**
 * Bordereaux (R9, PES TypBord): the ONE home of their grouping and numbering, used by issue,
 * preview, finalize, export-pes and verify.
 *
 * - A run groups its documents in one bordereau per service and nature (titres | reductions).
 * - Bordereaux are numbered in one continuous series per exercice AND per type, as Hélios checks
 *   them (IdBord unique per exercice × TypBord × budget): titres (TypBord 01) from the configured
 *   first number, réductions and annulations (TypBord 02) from the same first number.
 * - A bordereau is named by its exercice, its type and its number: « titres n° 2 », « réductions n° 1 ».
 *
 * Statements of a mandat on compte 673 (etat_annulation, R10 « Closed exercice ») go in no
 * bordereau: every grouping and series here leaves them out.
 *
 * Folders written before the series were split (journal lines without `type_bordereau`) numbered
 * both types in one shared series: those numbers are read as they are, and the next bordereau of
 * each type takes the next number of its own series (its highest number + 1).
 */
import { hasBordereau, type DocumentType } from './plan-types.js';

export type BordereauNature = 'titres' | 'reductions';

/** PES TypBord: 01 ordinary titres, 02 annulations/réductions. */
export type TypBord = '01' | '02';

export const NATURES: readonly BordereauNature[] = ['titres', 'reductions'];

export const TYP_BORD: Readonly<Record<BordereauNature, TypBord>> = { titres: '01', reductions: '02' };

/** The nature of the bordereau a document goes into (for a document that goes into one: hasBordereau). */
export function natureOf(type: DocumentType): BordereauNature {
  return type === 'titre' ? 'titres' : 'reductions';
}

export function natureOfTypBord(typ: string): BordereauNature | undefined {
  return typ === '01' ? 'titres' : typ === '02' ? 'reductions' : undefined;
}

/** One bordereau, as identified everywhere: exercice, type (nature) and number in that type's series. */
export interface BordereauId {
  exercice: number;
  nature: BordereauNature;
  numero: number;
}

/** Map key of a bordereau: `2026-titres-3`. */
export const bordereauKey = (id: BordereauId): string => `${id.exercice}-${id.nature}-${id.numero}`;

const NATURE_LABEL: Readonly<Record<BordereauNature, string>> = { titres: 'titres', reductions: 'réductions' };

/** French name of a bordereau for messages: « bordereau de réductions 2026 n° 1 ». */
export function bordereauLabel(id: BordereauId): string {
  return `bordereau de ${NATURE_LABEL[id.nature]} ${id.exercice} n° ${id.numero}`;
}

/** Short form printed beside a number (tables, titres): « 3 (titres) », « 1 (réductions) ». */
export function bordereauShort(nature: BordereauNature, numero: number): string {
  return `${numero} (${NATURE_LABEL[nature]})`;
}

/** The key of a run's bordereau: one per service and nature (R9). */
export const groupKey = (service: string, nature: BordereauNature): string => `${service}/${nature}`;

export const runGroupKey = (doc: { service: string; type: DocumentType }): string => groupKey(doc.service, natureOf(doc.type));

export interface RunGroup<T> {
  service: string;
  nature: BordereauNature;
  documents: T[];
}

/** A run's documents grouped in bordereaux, in order of first appearance (plan order). */
export function runGroups<T extends { service: string; type: DocumentType }>(documents: readonly T[]): RunGroup<T>[] {
  const groups = new Map<string, RunGroup<T>>();
  for (const doc of documents) {
    if (!hasBordereau(doc.type)) continue;
    const key = runGroupKey(doc);
    let group = groups.get(key);
    if (!group) {
      group = { service: doc.service, nature: natureOf(doc.type), documents: [] };
      groups.set(key, group);
    }
    group.documents.push(doc);
  }
  return [...groups.values()];
}

export interface JournaledBordereau<T> extends BordereauId {
  service: string;
  /** Its documents in number order. */
  documents: T[];
}

type Journaled = { exercice: number; numero: number; bordereau: number; type: DocumentType; service: string };

/**
 * Journaled documents grouped by bordereau (exercice, type, number), sorted by exercice, type
 * (titres first) and number; each bordereau's documents in number order. `exercice` filters.
 */
export function journalGroups<T extends Journaled>(documents: Iterable<T>, exercice?: number): JournaledBordereau<T>[] {
  return journalGroupsOf(documents, (doc) => doc, exercice);
}

/**
 * journalGroups of items that hold a journaled document (`docOf`), such as the journal's entries
 * with their line. Consecutive documents of one bordereau (the journal's usual order) share its
 * group without a key being made: the check before each run groups 70 000 lines (issue 10).
 */
export function journalGroupsOf<T>(items: Iterable<T>, docOf: (item: T) => Journaled, exercice?: number): JournaledBordereau<T>[] {
  const groups = new Map<string, JournaledBordereau<T>>();
  const lastNumero = new Map<JournaledBordereau<T>, number>(); // while a group's numbers rise, it needs no sort
  const unsorted = new Set<JournaledBordereau<T>>();
  let previous: JournaledBordereau<T> | undefined;
  for (const item of items) {
    const doc = docOf(item);
    if ((exercice !== undefined && doc.exercice !== exercice) || !hasBordereau(doc.type)) continue;
    const nature = natureOf(doc.type);
    let group = previous;
    if (!group || group.exercice !== doc.exercice || group.nature !== nature || group.numero !== doc.bordereau) {
      const id = { exercice: doc.exercice, nature, numero: doc.bordereau };
      const key = bordereauKey(id);
      group = groups.get(key);
      if (!group) {
        group = { ...id, service: doc.service, documents: [] };
        groups.set(key, group);
      }
      previous = group;
    }
    group.documents.push(item);
    if (doc.numero < (lastNumero.get(group) ?? -Infinity)) unsorted.add(group);
    lastNumero.set(group, doc.numero);
  }
  const sorted = [...groups.values()].sort(compareBordereauIds);
  for (const group of unsorted) group.documents.sort((a, b) => docOf(a).numero - docOf(b).numero);
  return sorted;
}

export function compareBordereauIds(a: BordereauId, b: BordereauId): number {
  return a.exercice - b.exercice || NATURES.indexOf(a.nature) - NATURES.indexOf(b.nature) || a.numero - b.numero;
}

/**
 * The next free number of each type's series in an exercice: its highest journaled number + 1,
 * or `first` when the series is empty (also after a folder with one shared series).
 */
export function nextBordereauNumbers(
  documents: Iterable<Journaled>,
  exercice: number,
  first: number,
): Record<BordereauNature, number> {
  const max: Record<BordereauNature, number> = { titres: 0, reductions: 0 };
  for (const doc of documents) {
    if (doc.exercice !== exercice || !hasBordereau(doc.type)) continue;
    const nature = natureOf(doc.type);
    if (doc.bordereau > max[nature]) max[nature] = doc.bordereau;
  }
  return { titres: max.titres > 0 ? max.titres + 1 : first, reductions: max.reductions > 0 ? max.reductions + 1 : first };
}
