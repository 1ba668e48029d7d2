/**
 * R5, the transitional regime (art. 10.2, annexe laclasse.com §6), in one place: its arithmetic,
 * its basis and its wording.
 * - Arithmetic: A(N) = min(C(N) ; round2(basis × (1 + rate))), or C(N) once C(N) ≤ basis
 *   (converged); `basis` is P on the first exercice billed (rate hausse_premiere_annee, 10 %), A(N-1)
 *   net of reductions afterwards (rate hausse_annuelle, 5 %).
 * - Basis (transitionalStep): which amount caps exercice N of an adhesion with a montant antérieur P:
 *   - first exercice billed (the year of the adhesion's start, normally premier_exercice): P, +10 %;
 *   - later: A(N-1), the net amount of N-1's titre in the journal, +5 %; a missing titre is a
 *     'state' error naming it, never a guess;
 *   - once N-1's titre has converged: no cap any more;
 *   - N-1 under the recovery threshold (no titre, R7): A(N-1) is N-1's R5 amount recomputed from
 *     N-1's data, never the missing-titre error (R5 « Under the threshold »).
 *   Decision (adhesion with P whose first exercice starts after 1 January): that first titre is
 *   prorated (plan-titre.ts), so A(N-1) for the next exercice is its full-year amount, recomputed
 *   from N-1's figures (R5 on C(N-1) and P), scaled by net / amount when the titre was reduced.
 * - Wording: the liquidation lines a titre prints for R5 (applyTransitional).
 * The liquidation of another exercice (under the threshold) is asked of plan-titre.ts through the
 * `liquidate` argument, so that the two modules do not import each other.
 */
import { adhesionSource, type Adhesion, type PayingService } from './dataset.js';
import { billingPeriod, type BilledPeriod } from './billing-period.js';
import { firstDayOfYear } from './dates.js';
import type { IssuedDocument } from './history.js';
import { isConverged } from './history-lookup.js';
import { line, REF } from './liquidation-lines.js';
import { Decimal, round2, toAmountString } from './money.js';
import type { PlanContext } from './plan-context.js';
import type { Figures, LiquidationLine, Regime } from './plan-types.js';
import type { Liquidation } from './plan-titre.js';
import { ProblemSink } from './problem-sink.js';
import { tariffInputs } from './tariff-inputs.js';
import { isBelowThreshold } from './threshold.js';
import { problem } from '../errors/problem.js';
import { euros, rateFactorFr } from './french-format.js';

/** plan-titre.ts's liquidation of an exercice (R2–R8), for N-1 under the threshold. */
export type Liquidate = (
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
) => Liquidation | undefined;

// ---- arithmetic

export interface TransitionalOutcome {
  amount: Decimal;
  /** round2(basis × (1 + rate)); absent when C ≤ basis (no cap is needed). */
  cap?: Decimal;
  /** The amount equals the contribution-cible: the adhesion has converged. */
  converged: boolean;
}

export function transitionalAmount(target: Decimal, basis: Decimal, rate: Decimal): TransitionalOutcome {
  if (target.lte(basis)) return { amount: target, converged: true };
  const cap = round2(basis.times(new Decimal(1).plus(rate)));
  const amount = Decimal.min(target, cap);
  return { amount, cap, converged: amount.eq(target) };
}

// ---- basis

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
  liquidate: Liquidate,
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
    const under = underThreshold(ctx, adhesion, service, communeName, previousExercice, liquidate);
    if (!under) {
      ctx.sink.error(
        'state',
        problem(
          'TITRE_PRECEDENT_ABSENT',
          `aucun titre de l'exercice « ${previousExercice} » pour la commune « ${adhesion.codeInsee} » (${communeName}) et le service « ${service.id} » dans le journal : ` +
            `le régime transitoire de ${exercice} se calcule sur ce montant (R5) ; émettre d'abord l'exercice ${previousExercice}`,
          adhesionSource(adhesion),
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
  liquidate: Liquidate,
): Liquidation | undefined {
  const period = billingPeriod(adhesion, ctx.dataset.config.convention, previousExercice);
  if (period.status !== 'billed') return undefined;
  const sink = new ProblemSink();
  const liquidation = liquidate({ ...ctx, exercice: previousExercice, sink }, adhesion, service, communeName, period);
  if (!liquidation || sink.hasErrors()) return undefined;
  return isBelowThreshold(liquidation.amount, ctx.dataset.config.seuilRecouvrement) ? liquidation : undefined;
}

// ---- the titre's R5 figures and lines

/** What R5 makes of the contribution-cible C for exercice N, with its figures and (if `say`) its lines. */
export function applyTransitional(
  exercice: number,
  target: Decimal,
  step: TransitionalStep,
  figures: Figures,
  say: (make: () => LiquidationLine | LiquidationLine[]) => void,
): { amount: Decimal; regime: Regime; converge: boolean; transitional: boolean } {
  if (step.kind === 'converged') {
    say(() => convergedLine(step.previous));
    return { amount: target, regime: 'cible', converge: true, transitional: false };
  }
  const out = transitionalAmount(target, step.basis, step.rate);
  if (out.cap) figures.plafond = toAmountString(out.cap);
  if (step.kind === 'first') {
    figures.montantAnterieur = toAmountString(step.basis);
    say(() => transitionalFirstLines(exercice, target, step.basis, step.rate, out.cap, out.amount));
  } else {
    figures.montantPrecedent = toAmountString(step.basis);
    say(() => transitionalFollowingLines(exercice, step.previous, step.basis, step.rate, target, out.cap, out.amount, step.annualized));
  }
  return { amount: out.amount, regime: 'transitoire', converge: out.converged, transitional: true };
}

// ---- wording

/** R5 on the first exercice billed: the basis is the montant antérieur P. */
function transitionalFirstLines(
  exercice: number,
  target: Decimal,
  basis: Decimal,
  rate: Decimal,
  cap: Decimal | undefined,
  amount: Decimal,
): LiquidationLine[] {
  return transitionalLines('Montant antérieur', exercice, basis, rate, target, cap, amount);
}

/** R5 on a later exercice: the basis is A(N-1), net of reductions (annualized after a prorated first year). */
export function transitionalFollowingLines(
  exercice: number,
  previous: PreviousAmount,
  basis: Decimal,
  rate: Decimal,
  target: Decimal,
  cap: Decimal | undefined,
  amount: Decimal,
  annualized: boolean,
): LiquidationLine[] {
  const what = previous.source === 'seuil'
    ? `Montant ${previous.exercice} liquidé sous le seuil de recouvrement, non émis${annualized ? ", ramené à l'année entière (premier exercice proratisé)" : ''}`
    : annualized
      ? `Montant ${previous.exercice} ramené à l'année entière (premier exercice proratisé, titre n° ${previous.titre.numero})`
      : `Montant ${previous.exercice} net des réductions (titre n° ${previous.titre.numero})`;
  return transitionalLines(what, exercice, basis, rate, target, cap, amount);
}

/** The basis (`what` : amount), then the cap and min(C ; cap), or C itself when C ≤ basis. */
function transitionalLines(
  what: string,
  exercice: number,
  basis: Decimal,
  rate: Decimal,
  target: Decimal,
  cap: Decimal | undefined,
  amount: Decimal,
): LiquidationLine[] {
  if (!cap) {
    return [
      line(
        REF.transitional,
        `${what} : ${euros(basis)} ; contribution-cible ${euros(target)} inférieure ou égale : contribution-cible appliquée (convergence atteinte)`,
        amount,
      ),
    ];
  }
  const state = amount.eq(target) ? 'contribution-cible atteinte : convergence' : 'contribution-cible non atteinte';
  return [
    line(REF.transitional, `${what} : ${euros(basis)} ; plafond ${exercice} = ${euros(basis)} × ${rateFactorFr(rate)} = ${euros(cap)}`),
    line(REF.transitional, `Montant = min(${euros(target)} ; ${euros(cap)}) = ${euros(amount)} (${state})`, amount),
  ];
}

function convergedLine(previous: PreviousAmount): LiquidationLine {
  const where =
    previous.source === 'seuil'
      ? `montant ${previous.exercice} de ${euros(previous.amount)} liquidé sous le seuil de recouvrement, non émis`
      : `titre n° ${previous.titre.numero}`;
  return line(
    REF.transitional,
    `Contribution-cible atteinte en ${previous.exercice} (${where}) ou avant : elle s'applique désormais sans plafond, révision annuelle comprise`,
  );
}
