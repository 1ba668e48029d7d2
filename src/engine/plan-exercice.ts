/**
 * The plan of exercice N (pure): for every adhesion a planned document or a NoTitre, with the
 * warnings; every problem that prevents a correct plan is collected and thrown once as a
 * TitresError ('data' if any data problem, else 'state').
 */
import type { Dataset } from './dataset.js';
import type { IsoDate } from './dates.js';
import type { History } from './history.js';
import { HistoryIndex } from './history-lookup.js';
import { sum } from './money.js';
import type { NoTitre, Plan, PlannedDocument } from './plan-types.js';
import { planAdhesion } from './plan-adhesion.js';
import type { PlanContext } from './plan-context.js';
import { sortDocuments, sortSansTitre } from './plan-order.js';
import { ProblemSink } from './problem-sink.js';

export function planExercice(
  dataset: Dataset,
  history: History,
  options: { exercice: number; dateEmission: IsoDate },
): Plan {
  const sink = new ProblemSink();
  const ctx: PlanContext = { dataset, history: new HistoryIndex(history), exercice: options.exercice, dateEmission: options.dateEmission, sink, indexCache: new Map() };
  const documents: PlannedDocument[] = [];
  const sansTitre: NoTitre[] = [];
  for (const adhesion of dataset.adhesions) {
    const out = planAdhesion(ctx, adhesion);
    if (out.statements) documents.push(...out.statements);
    if (out.document) documents.push(out.document);
    if (out.sansTitre) sansTitre.push(out.sansTitre);
  }
  sink.throwIfAny();
  const sorted = sortDocuments(documents);
  return {
    exercice: options.exercice,
    dateEmission: options.dateEmission,
    documents: sorted,
    sansTitre: sortSansTitre(sansTitre),
    avertissements: sink.warnings(),
    total: sum(sorted.filter((d) => d.type === 'titre').map((d) => d.montant)),
    totalReductions: sum(sorted.filter((d) => d.type !== 'titre').map((d) => d.montant)),
  };
}
