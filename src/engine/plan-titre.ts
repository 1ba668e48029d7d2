/**
 * The titre of one paying adhesion for a billed exercice N: R2–R4 figures, R5 cap, R6/R7 prorata,
 * R7 end policy, R8 breach (the refund deducted when the titre is not issued yet), R7 threshold.
 *
 * Decision (adhesion with a montant antérieur whose period in N is partial, e.g. a start after
 * 1 January): R5 applies to the full-year figures; the amount found is then prorated in the
 * proportion that R6 (the service's prorata mode) gives to the contribution-cible, i.e.
 * round2(amount × R6 base / full base) — exactly days / Y in « total » mode. When the amount is the
 * contribution-cible itself, the R6 formula is applied directly.
 */
import type { Adhesion, PayingService } from './dataset.js';
import { daysInYear, firstDayOfYear, lastDayOfYear } from './dates.js';
import type { BilledPeriod } from './billing-period.js';
import { breachRefund } from './breach-refund.js';
import { tariffFigures } from './figures.js';
import {
  cibleLine,
  cibleRef,
  dueLine,
  endLine,
  indexLine,
  optionLine,
  periodLine,
  populationLine,
  prorataFormula,
  prorataLines,
  prorataOfCappedFormula,
  REF,
  refundLine,
} from './liquidation-lines.js';
import { round2, toAmountString, type Decimal } from './money.js';
import type { Figures, LiquidationLine, NoTitre, PlannedDocument, Regime } from './plan-types.js';
import type { PlanContext } from './plan-context.js';
import { ProblemSink } from './problem-sink.js';
import { prorataAmount, prorataBase, prorataDays } from './prorata.js';
import { tariffInputs } from './tariff-inputs.js';
import { isBelowThreshold, thresholdDetail } from './threshold.js';
import { applyTransitional, transitionalStep } from './transitional.js';

/**
 * The titre of the adhesion, without its liquidation wording held in the plan: that wording was
 * 2.7 KB of the 3.9 KB a planned titre weighed, 270 MB for a national batch of 70 000 titres
 * (issue 12: flat memory). `liquidation` is an accessor that plans the same adhesion again (its
 * problems discarded: they were reported the first time) and returns its lines; planning is pure,
 * so they are the lines the plan would have held. They are built when a titre is rendered or shown.
 */
export function planTitre(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
): PlannedDocument | NoTitre | undefined {
  const planned = planTitreInFull(ctx, adhesion, service, communeName, period, false);
  if (planned === undefined || !('type' in planned)) return planned;
  return Object.defineProperty(planned, 'liquidation', {
    enumerable: true,
    get: () => (planTitreInFull({ ...ctx, sink: new ProblemSink() }, adhesion, service, communeName, period, true) as PlannedDocument).liquidation,
  });
}

/** With `wording` false, the liquidation lines are not written (an empty list). */
function planTitreInFull(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
  wording: boolean,
): PlannedDocument | NoTitre | undefined {
  const l = liquidate(ctx, adhesion, service, communeName, period, wording);
  if (!l) return undefined;
  const N = ctx.exercice;
  const commune = { codeInsee: adhesion.codeInsee, commune: communeName, service: service.id };
  if (isBelowThreshold(l.amount, ctx.dataset.config.seuilRecouvrement)) {
    return { ...commune, motif: 'seuil', detail: thresholdDetail(l.amount, ctx.dataset.config.seuilRecouvrement) };
  }
  if (wording) l.lines.push(dueLine(l.ref, N, l.amount));
  l.figures.dateDebut = period.start;
  l.figures.dateFin = period.end;
  return {
    type: 'titre',
    exercice: N,
    ...commune,
    montant: l.amount,
    regime: l.regime,
    contributionCible: l.contributionCible,
    ...(l.converge !== undefined ? { converge: l.converge } : {}),
    liquidation: l.lines,
    figures: l.figures,
  };
}

/** The liquidation of one exercice, before R7's threshold: what a titre would state. */
export interface Liquidation {
  /** The amount due for N (after R6 prorata, R7 end policy and R8 refund). */
  amount: Decimal;
  /** R5's full-year amount (before R6/R7/R8): the basis of N+1 after a prorated first year. */
  fullYear: Decimal;
  regime: Regime;
  contributionCible: Decimal;
  converge?: boolean;
  /** The rule cited by the line « Montant dû ». */
  ref: string;
  /** Empty unless `wording`. */
  lines: LiquidationLine[];
  figures: Figures;
}

/**
 * R2–R8 for exercice ctx.exercice: the amount and (with `wording`) the lines that found it. Also
 * asked for N-1 by R5 when N-1 gave no titre under the threshold (transitional.ts), and for
 * a later exercice by R10's knock-on (knock-on.ts).
 */
export function liquidate(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
  wording = true,
): Liquidation | undefined {
  const N = ctx.exercice;
  const t = tariffInputs(ctx.dataset, service, adhesion, communeName, N, ctx.sink, ctx.indexCache);
  const P = adhesion.montantAnterieur;
  const step = P !== undefined ? transitionalStep(ctx, adhesion, service, communeName, period, P, liquidate) : undefined;
  if (!t || (P !== undefined && !step)) return undefined;

  const C = t.cible.cible;
  const lines: LiquidationLine[] = [];
  const say = (make: () => LiquidationLine | LiquidationLine[]): void => {
    if (wording) lines.push(...[make()].flat());
  };
  const figures = tariffFigures(service, t);
  const yearEnd = lastDayOfYear(N);
  const startsInExercice = period.start > firstDayOfYear(N);
  if (startsInExercice || period.endsInExercice) say(() => periodLine(period.start, period.end, period.adhesionStart));
  say(() => t.options.map(optionLine));
  say(() => [populationLine(t.population), indexLine(t.index, N)]);
  say(() => cibleLine(service, t.cible, t.optionsAmount, t.population.value, t.index));

  // R4 / R5: the full-year amount.
  let amount: Decimal = C;
  let regime: Regime = 'cible';
  let converge: boolean | undefined;
  let ref = cibleRef(service);
  if (step) {
    const r5 = applyTransitional(N, C, step, figures, say);
    amount = r5.amount;
    regime = r5.regime;
    converge = r5.converge;
    if (r5.transitional) ref = REF.transitional;
  }

  const fullYear = amount;

  // R7 / R8: an end during N.
  const cause = period.adhesionEnd.cause;
  const breach = cause === 'manquement_commune' || cause === 'manquement_metropole';
  const policy = service.finEnCoursExercice;
  if (period.endsInExercice && cause !== 'manquement_metropole') {
    say(() => endLine(period.adhesionEnd, policy, adhesion.dateFin));
    if (!breach) figures.politiqueFin = policy;
  }

  // R6 (start after 1 January) and R7 policy « prorata » (end before 31 December).
  const prorataEnd = period.endsInExercice && !breach && policy === 'prorata' ? period.end : yearEnd;
  if (startsInExercice || prorataEnd < yearEnd) {
    const days = prorataDays(period.start, prorataEnd);
    const yearDays = daysInYear(N);
    const mode = service.prorata;
    const pop = t.population.value;
    let formula = '';
    if (amount.eq(C)) {
      amount = prorataAmount(mode, t.cible.fixed, t.cible.perHeadTotal, t.index.coefficient, days, yearDays);
      if (wording) formula = prorataFormula(mode, service, t.optionsAmount, pop, t.index, days, yearDays);
    } else {
      const ratio = prorataBase(mode, t.cible.fixed, t.cible.perHeadTotal, days, yearDays).div(t.cible.base);
      if (wording) formula = prorataOfCappedFormula(mode, amount, t.cible.fixed, t.cible.perHeadTotal, days, yearDays);
      amount = round2(amount.times(ratio));
    }
    if (regime === 'cible') regime = 'prorata';
    ref = REF.prorata;
    say(() => prorataLines(mode, period.start, prorataEnd, days, yearDays, formula, amount));
    Object.assign(figures, { joursFactures: days, joursAnnee: yearDays, prorataMode: mode });
  }

  // R8: breach by the Métropole before the titre is issued: issued for A − refund.
  if (cause === 'manquement_metropole' && period.endsInExercice) {
    const r = breachRefund(amount, period.end, N);
    if (r.refund.gt(0)) {
      say(() => refundLine(amount, period.end, r.days, r.yearDays, r.refund));
      amount = amount.minus(r.refund);
      figures.remboursement = toAmountString(r.refund);
      figures.joursAnnee = r.yearDays;
      ref = REF.breach;
    }
  }

  return {
    amount,
    fullYear,
    regime,
    contributionCible: C,
    ...(converge !== undefined ? { converge } : {}),
    ref,
    lines,
    figures,
  };
}
