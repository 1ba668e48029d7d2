/**
 * The liquidation of each issued titre of an exercice, for its PES_Facture lines: the exercice is
 * planned again by the pure engine as it was at issuance (the journal of the earlier exercices, the
 * latest issue date of the exercice), and a planned titre is used only when it is the journal's
 * (same commune, service and amount). When the data changed since, or the exercice cannot be
 * planned any more, the titre's invoice is one line with its objet and amount (pes-invoice.ts).
 */
import type { Dataset } from '../../engine/dataset.js';
import type { History, IssuedDocument } from '../../engine/history.js';
import { planExercice } from '../../engine/plan-exercice.js';
import type { PlannedDocument } from '../../engine/plan-types.js';
import { isTitresError } from '../../errors/titres-error.js';
import { invoiceLines, type InvoiceLine } from '../../pes/pes-invoice.js';

const key = (d: { codeInsee: string; service: string }): string => `${d.codeInsee}/${d.service}`;

export type LinesOf = (doc: IssuedDocument, objet: string) => InvoiceLine[] | undefined;

export function titreLiquidations(dataset: Dataset, history: History, exercice: number): LinesOf {
  const titres = history.documents.filter((d) => d.exercice === exercice && d.type === 'titre');
  if (titres.length === 0) return () => undefined;
  const dateEmission = titres.map((d) => d.dateEmission).reduce((a, b) => (a > b ? a : b));
  const earlier: History = { documents: history.documents.filter((d) => d.exercice < exercice) };
  let planned: Map<string, PlannedDocument>;
  try {
    const plan = planExercice(dataset, earlier, { exercice, dateEmission });
    planned = new Map(plan.documents.filter((d) => d.type === 'titre').map((d) => [key(d), d]));
  } catch (error) {
    if (isTitresError(error)) return () => undefined;
    throw error;
  }
  return (doc, objet) => {
    const p = planned.get(key(doc));
    if (doc.type !== 'titre' || p === undefined || !p.montant.eq(doc.montant)) return undefined;
    const service = dataset.config.services.get(doc.service);
    return invoiceLines(p, service?.libelle ?? doc.service, objet);
  };
}
