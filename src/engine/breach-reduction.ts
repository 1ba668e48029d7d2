/**
 * R8 breach by the Métropole after the exercice's titre was issued: a titre de réduction (or
 * d'annulation when it is the whole net amount) of round2(A_net × days after the termination date
 * to 31 December / Y), referencing the original titre. Planned once only: the motif starts with
 * « manquement_metropole » (breach-refund.ts), and plan-adhesion.ts looks for it in the journal.
 */
import type { Adhesion } from './dataset.js';
import type { IssuedDocument } from './history.js';
import { breachRefund, breachRefundMotif } from './breach-refund.js';
import { correctionLines, REF, refundLine } from './liquidation-lines.js';
import { toAmountString, type Decimal } from './money.js';
import type { NoTitre, PlannedDocument } from './plan-types.js';
import { type IsoDate } from './dates.js';
import { formatDateFr } from './french-format.js';

export function planBreachReduction(
  exercice: number,
  adhesion: Adhesion,
  communeName: string,
  current: { titre: IssuedDocument; net: Decimal },
  terminationDate: IsoDate,
): PlannedDocument | NoTitre {
  const r = breachRefund(current.net, terminationDate, exercice);
  const who = { codeInsee: adhesion.codeInsee, commune: communeName, service: adhesion.service };
  if (r.refund.lte(0)) {
    return {
      ...who,
      motif: 'deja_emis',
      detail: `titre n° ${current.titre.numero} déjà émis ; rien à restituer pour une résiliation le ${formatDateFr(terminationDate)} (R8)`,
    };
  }
  const motif = breachRefundMotif(terminationDate);
  const computation = refundLine(current.net, terminationDate, r.days, r.yearDays, r.refund);
  return {
    type: r.refund.eq(current.net) ? 'annulation' : 'reduction',
    exercice,
    ...who,
    montant: r.refund,
    liquidation: correctionLines(current.titre, current.net, r.refund, motif, REF.breach, computation),
    figures: { remboursement: toAmountString(r.refund), joursAnnee: r.yearDays, dateFin: terminationDate },
    titreOrigine: { exercice: current.titre.exercice, numero: current.titre.numero },
    motif,
  };
}
