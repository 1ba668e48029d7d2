/**
 * Numbers of a run (R9), a pure function of the plan, the journal and the config:
 * - titres, réductions and annulations share ONE continuous series per exercice: the first is
 *   config.numerotation.premierNumero, then max issued + 1, in plan order; the statements of a
 *   mandat on compte 673 (etat_annulation, R10) have their own series from 1, and no bordereau;
 * - bordereaux: one series per exercice (first premierBordereau, then max + 1), one bordereau per
 *   run, service and nature (titres | reductions), numbered in order of first appearance in the
 *   plan. A resumed run reuses the bordereau numbers of the interrupted run that are already in
 *   the journal (`reuse`): the batch ends in the same bordereaux as an uninterrupted run would.
 * Since documents are journaled in plan order, the journaled bordereaux of a run are always the
 * first ones it numbered: no bordereau number is ever skipped.
 */
import type { Config } from '../engine/dataset.js';
import type { History } from '../engine/history.js';
import { hasBordereau, seriesOf, type NumberSeries, type Plan, type PlannedDocument } from '../engine/plan-types.js';
import { documentFile, natureOf, type BordereauNature } from '../io/output-layout.js';

export interface Assigned {
  document: PlannedDocument;
  numero: number;
  bordereau: number;
  fichier: string;
}

export interface AssignedBordereau {
  service: string;
  nature: BordereauNature;
  numero: number;
}

export const bordereauKey = (service: string, nature: BordereauNature): string => `${service}/${nature}`;

export function assignNumbers(
  plan: Plan,
  history: History,
  config: Config,
  reuse: ReadonlyMap<string, number> = new Map(),
): { documents: Assigned[]; bordereaux: AssignedBordereau[] } {
  const maxNumero: Record<NumberSeries, number> = { titres: 0, etats: 0 };
  let maxBordereau = 0;
  for (const doc of history.documents) {
    if (doc.exercice !== plan.exercice) continue;
    const series = seriesOf(doc.type);
    maxNumero[series] = Math.max(maxNumero[series], doc.numero);
    maxBordereau = Math.max(maxBordereau, doc.bordereau);
  }
  const next: Record<NumberSeries, number> = {
    titres: maxNumero.titres > 0 ? maxNumero.titres + 1 : config.numerotation.premierNumero,
    etats: maxNumero.etats + 1,
  };
  let nextBordereau = maxBordereau > 0 ? maxBordereau + 1 : config.numerotation.premierBordereau;
  const bordereaux = new Map<string, AssignedBordereau>();
  const documents = plan.documents.map((document) => {
    const numero = next[seriesOf(document.type)]++;
    // R10 « Closed exercice »: a statement of a mandat on compte 673 goes in no bordereau (0).
    if (!hasBordereau(document.type)) return { document, numero, bordereau: 0, fichier: documentFile(document, numero) };
    const nature = natureOf(document.type);
    const key = bordereauKey(document.service, nature);
    let bordereau = bordereaux.get(key);
    if (!bordereau) {
      bordereau = { service: document.service, nature, numero: reuse.get(key) ?? nextBordereau++ };
      bordereaux.set(key, bordereau);
    }
    return { document, numero, bordereau: bordereau.numero, fichier: documentFile(document, numero) };
  });
  return { documents, bordereaux: [...bordereaux.values()] };
}
