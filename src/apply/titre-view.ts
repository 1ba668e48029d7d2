/** Assembles what the renderer prints for one document (src/render/views.ts). */
import type { Dataset, PayingService } from '../engine/dataset.js';
import { addDays, type IsoDate } from '../engine/dates.js';
import { toAmountString } from '../engine/money.js';
import type { TitreView } from '../render/views.js';
import type { BordereauNature } from '../engine/bordereaux.js';
import type { DocumentNets } from '../engine/numbered-plan.js';
import { inFull, type PlannedDocument } from '../engine/plan-types.js';

export function payingService(dataset: Dataset, id: string): PayingService | undefined {
  const service = dataset.config.services.get(id);
  return service && !service.gratuit ? service : undefined;
}

/**
 * A planned document with its nets (and, once numbered, its numbers) as the renderer sees it.
 * `full` is `inFull(planned.document)` when the caller has it already (its liquidation, produced
 * once for the view and the ledger row: issue-plan.ts).
 */
export function buildTitreView(
  planned: DocumentNets & { numero?: number; bordereau?: number; nature?: BordereauNature },
  args: { dataset: Dataset; dateEmission: IsoDate; preview: boolean; full?: PlannedDocument },
): TitreView {
  const { dataset } = args;
  const doc = planned.document;
  const view: TitreView = {
    document: args.full ?? inFull(doc),
    config: dataset.config,
    commune: dataset.communes.get(doc.codeInsee)!,
    service: payingService(dataset, doc.service)!,
    numero: planned.numero ?? null,
    bordereau: planned.bordereau ?? null,
    ...(planned.nature !== undefined ? { bordereauNature: planned.nature } : {}),
    dateEmission: args.dateEmission,
    dateEcheance: addDays(args.dateEmission, dataset.config.delaiPaiementJours),
    preview: args.preview,
  };
  if (planned.origine) {
    const { titre, netAvant } = planned.origine;
    view.origine = {
      numero: titre.numero,
      exercice: titre.exercice,
      dateEmission: titre.dateEmission,
      montant: toAmountString(titre.montant),
      netAvant: toAmountString(netAvant),
    };
  }
  return view;
}
