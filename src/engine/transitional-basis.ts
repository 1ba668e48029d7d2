/**
 * R5: which basis caps exercice N of a transitional adhesion (montant antérieur P present).
 * - first exercice billed (the year of the adhesion's start, normally premier_exercice): P, +10 %;
 * - later: A(N-1), the net amount of N-1's titre in the journal, +5 %; a missing titre is a
 *   'state' error naming it, never a guess;
 * - once N-1's titre has converged: no cap any more.
 * Decision (adhesion with P whose first exercice starts after 1 January): that first titre is
 * prorated (plan-titre.ts), so A(N-1) for the next exercice is its full-year amount, recomputed
 * from N-1's figures (R5 on C(N-1) and P), scaled by net / amount when the titre was reduced.
 */
import type { Adhesion, PayingService } from './dataset.js';
import { firstDayOfYear } from './dates.js';
import type { IssuedDocument } from './history.js';
import { isConverged } from './history-lookup.js';
import { round2, type Decimal } from './money.js';
import { problem } from '../errors/problem.js';
import type { BilledPeriod } from './billing-period.js';
import type { PlanContext } from './plan-context.js';
import { tariffInputs } from './tariff-inputs.js';
import { transitionalAmount } from './transitional.js';

export type TransitionalStep =
  | { kind: 'first'; basis: Decimal; rate: Decimal }
  | { kind: 'following'; previous: IssuedDocument; basis: Decimal; rate: Decimal; annualized: boolean }
  | { kind: 'converged'; previous: IssuedDocument };

export function transitionalStep(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
  montantAnterieur: Decimal,
): TransitionalStep | undefined {
  const { exercice } = ctx;
  if (exercice === period.firstExercice) {
    return { kind: 'first', basis: montantAnterieur, rate: service.transitoire.haussePremiereAnnee };
  }
  const previousExercice = exercice - 1;
  const previous = ctx.history.currentTitre(previousExercice, adhesion.codeInsee, service.id);
  if (!previous) {
    ctx.sink.error(
      'state',
      problem(
        'TITRE_PRECEDENT_ABSENT',
        `aucun titre de l'exercice « ${previousExercice} » pour la commune « ${adhesion.codeInsee} » (${communeName}) et le service « ${service.id} » dans le journal : ` +
          `le régime transitoire de ${exercice} se calcule sur ce montant (R5) ; émettre d'abord l'exercice ${previousExercice}`,
        { file: adhesion.source.file, line: adhesion.source.line },
      ),
    );
    return undefined;
  }
  if (isConverged(previous.titre)) return { kind: 'converged', previous: previous.titre };
  const rate = service.transitoire.hausseAnnuelle;
  const firstWasProrated =
    previousExercice === period.firstExercice && period.adhesionStart > firstDayOfYear(previousExercice);
  if (!firstWasProrated) return { kind: 'following', previous: previous.titre, basis: previous.net, rate, annualized: false };
  const before = tariffInputs(ctx.dataset, service, adhesion, communeName, previousExercice, ctx.sink, ctx.indexCache);
  if (!before) return undefined;
  const full = transitionalAmount(before.cible.cible, montantAnterieur, service.transitoire.haussePremiereAnnee).amount;
  const basis = previous.net.eq(previous.titre.montant) ? full : round2(full.times(previous.net).div(previous.titre.montant));
  return { kind: 'following', previous: previous.titre, basis, rate, annualized: true };
}
