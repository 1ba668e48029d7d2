/** Assembles what the renderer prints for one document (src/render/views.ts). */
import type { Dataset, PayingService } from '../engine/dataset.js';
import { addDays, type IsoDate } from '../engine/dates.js';
import { toAmountString } from '../engine/money.js';
import type { PlannedDocument } from '../engine/plan-types.js';
import type { TitreView } from '../render/views.js';
import type { NetAmounts } from './net-amounts.js';

export function payingService(dataset: Dataset, id: string): PayingService | undefined {
  const service = dataset.config.services.get(id);
  return service && !service.gratuit ? service : undefined;
}

/** Call before recording the document in `nets` (netAvant is the net before this document). */
export function buildTitreView(
  doc: PlannedDocument,
  args: { dataset: Dataset; nets: NetAmounts; numero: number | null; bordereau: number | null; dateEmission: IsoDate; preview: boolean },
): TitreView {
  const { dataset, nets } = args;
  const view: TitreView = {
    document: doc,
    config: dataset.config,
    commune: dataset.communes.get(doc.codeInsee)!,
    service: payingService(dataset, doc.service)!,
    numero: args.numero,
    bordereau: args.bordereau,
    dateEmission: args.dateEmission,
    dateEcheance: addDays(args.dateEmission, dataset.config.delaiPaiementJours),
    preview: args.preview,
  };
  if (doc.titreOrigine) {
    const origin = nets.titre(doc.titreOrigine);
    const net = nets.net(doc.titreOrigine);
    if (origin && net) {
      view.origine = {
        numero: origin.numero,
        exercice: origin.exercice,
        dateEmission: origin.dateEmission,
        montant: toAmountString(origin.montant),
        netAvant: toAmountString(net),
      };
    }
  }
  return view;
}
