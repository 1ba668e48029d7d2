/**
 * R5: which basis caps exercice N of a transitional adhesion (montant antérieur P present).
 * - first exercice billed (the year of the adhesion's start, normally premier_exercice): P, +10 %;
 * - later: A(N-1), the net amount of N-1's titre in the journal, +5 %; a missing titre is a
 *   'state' error naming it, never a guess;
 * - once N-1's titre has converged: no cap any more;
 * - N-1 under the recovery threshold (no titre, R7): A(N-1) is N-1's R5 amount recomputed from
 *   N-1's data, never the missing-titre error (R5 « Under the threshold »).
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
import { billingPeriod } from './billing-period.js';
import { liquidate, type Liquidation } from './plan-titre.js';
import { isBelowThreshold } from './threshold.js';
import { ProblemSink } from './problem-sink.js';
import { transitionalAmount } from './transitional.js';

/**
 * Where A(N-1) comes from: N-1's titre in the journal, or — when N-1 gave no titre because its
 * amount fell under the recovery threshold (R5 « Under the threshold », R7) — N-1's liquidation
 * recomputed from N-1's data.
 */
export type PreviousAmount =
  | { source: 'titre'; exercice: number; titre: IssuedDocument }
  | { source: 'seuil'; exercice: number; amount: Decimal };

export type TransitionalStep =
  | { kind: 'first'; basis: Decimal; rate: Decimal }
  | { kind: 'following'; previous: PreviousAmount; basis: Decimal; rate: Decimal; annualized: boolean }
  | { kind: 'converged'; previous: PreviousAmount };

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
  const rate = service.transitoire.hausseAnnuelle;
  const firstWasProrated =
    previousExercice === period.firstExercice && period.adhesionStart > firstDayOfYear(previousExercice);
  const previous = ctx.history.currentTitre(previousExercice, adhesion.codeInsee, service.id);
  if (!previous) {
    const under = underThreshold(ctx, adhesion, service, communeName, previousExercice);
    if (!under) {
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
    const source: PreviousAmount = { source: 'seuil', exercice: previousExercice, amount: under.amount };
    if (under.converge) return { kind: 'converged', previous: source };
    const basis = firstWasProrated ? under.fullYear : under.amount;
    return { kind: 'following', previous: source, basis, rate, annualized: firstWasProrated };
  }
  const source: PreviousAmount = { source: 'titre', exercice: previousExercice, titre: previous.titre };
  if (isConverged(previous.titre)) return { kind: 'converged', previous: source };
  if (!firstWasProrated) return { kind: 'following', previous: source, basis: previous.net, rate, annualized: false };
  const before = tariffInputs(ctx.dataset, service, adhesion, communeName, previousExercice, ctx.sink, ctx.indexCache);
  if (!before) return undefined;
  const full = transitionalAmount(before.cible.cible, montantAnterieur, service.transitoire.haussePremiereAnnee).amount;
  const basis = previous.net.eq(previous.titre.montant) ? full : round2(full.times(previous.net).div(previous.titre.montant));
  return { kind: 'following', previous: source, basis, rate, annualized: true };
}

/**
 * R5 « Under the threshold »: N-1's liquidation recomputed from N-1's data (its population and
 * index, and its own A(N-2), recursively) when it falls under the recovery threshold; undefined
 * when N-1 should have given a titre or cannot be computed (its data missing): the missing-titre
 * error then stands, as nothing proves N-1 was under the threshold. N-1's own problems are not
 * reported here: N-1's run reports them.
 */
function underThreshold(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  previousExercice: number,
): Liquidation | undefined {
  const period = billingPeriod(adhesion, ctx.dataset.config.convention, previousExercice);
  if (period.status !== 'billed') return undefined;
  const sink = new ProblemSink();
  const liquidation = liquidate({ ...ctx, exercice: previousExercice, sink }, adhesion, service, communeName, period);
  if (!liquidation || sink.hasErrors()) return undefined;
  return isBelowThreshold(liquidation.amount, ctx.dataset.config.seuilRecouvrement) ? liquidation : undefined;
}
