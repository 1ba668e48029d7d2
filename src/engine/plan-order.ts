/**
 * Determinism (R9): documents sorted by service id, then code_insee, titres before reductions and
 * annulations; sansTitre by service id then code_insee. Plain code-unit comparison, no locale.
 */
import type { DocumentType, NoTitre, PlannedDocument } from './plan-types.js';

const TYPE_ORDER: Record<DocumentType, number> = { titre: 0, reduction: 1, annulation: 2, etat_annulation: 3 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortDocuments(documents: readonly PlannedDocument[]): PlannedDocument[] {
  return [...documents].sort(
    (a, b) =>
      cmp(a.service, b.service) ||
      cmp(a.codeInsee, b.codeInsee) ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      (a.titreOrigine?.numero ?? 0) - (b.titreOrigine?.numero ?? 0),
  );
}

export function sortSansTitre(items: readonly NoTitre[]): NoTitre[] {
  return [...items].sort((a, b) => cmp(a.service, b.service) || cmp(a.codeInsee, b.codeInsee));
}
