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
import { nameOfCommune } from './commune-table.js';
import { placeIn } from './adhesion-table.js';
import type { Adhesion, PayingService } from './dataset.js';
import { daysInYear, firstDayOfYear, lastDayOfYear } from './dates.js';
import { billingPeriod, type BilledPeriod } from './billing-period.js';
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
import { amountHeld, heldAmount, heldAmountText, round2, toAmountString, type Decimal, type HeldAmount } from './money.js';
import type { Figures, LiquidationLine, NoTitre, PlannedDocument, Regime } from './plan-types.js';
import type { PlanContext } from './plan-context.js';
import { DISCARDED_PROBLEMS } from './problem-sink.js';
import { prorataAmount, prorataBase, prorataDays } from './prorata.js';
import { tariffInputs } from './tariff-inputs.js';
import { isBelowThreshold, thresholdDetail } from './threshold.js';
import { applyTransitional, transitionalStep } from './transitional.js';

/**
 * The titre of the adhesion, held compactly in the plan (issue 12: flat memory, aim ≤ 300 bytes a
 * titre): its identity and amounts only. Its figures and its liquidation wording were 3.4 KB then
 * 1.9 KB of a planned titre (the wording, then the figures, strings and a closure per titre):
 * `figures` and `liquidation` are getters that plan the same adhesion again (its problems
 * discarded: they were reported the first time) and return what the plan would have held; planning
 * is pure, so they are the same. They are produced when a titre is rendered, shown or written to
 * its ledger; `inFull` (plan-types.ts) gives the plain document with both.
 */
export function planTitre(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
): PlannedDocument | NoTitre | undefined {
  const planned = planTitreInFull(ctx, adhesion, service, communeName, period, 'amount');
  if (planned === undefined || !('type' in planned)) return planned;
  return new PlannedTitre(planned, ctx, adhesion);
}

/**
 * A planned titre: its adhesion and plan context, its regime, its amounts in cents (a Decimal
 * weighs about 170 bytes, its string 24, a number of cents nothing more than its field; the
 * getters give a Decimal of the same exact value); getters on the prototype for the rest of its
 * identity (read from the adhesion, the context and the dataset's communes) and for what is
 * produced again when asked (figures, liquidation). 70 000 titres: 1 874 → ~150 → ~120 → ~80
 * bytes a titre (heap after a full GC).
 */
class PlannedTitre implements PlannedDocument {
  readonly regime?: Regime;
  /** Absent, not undefined, when R5 does not apply (`'converge' in titre` is false). */
  declare readonly converge?: boolean;
  readonly #montant: HeldAmount;
  readonly #cible: HeldAmount;
  readonly #ctx: PlanContext;
  /** Its place in the dataset's AdhesionTable (a row is 40 bytes more a titre), or the adhesion itself. */
  readonly #adhesion: Adhesion | number;

  constructor(planned: PlannedDocument, ctx: PlanContext, adhesion: Adhesion) {
    this.regime = planned.regime;
    if (planned.converge !== undefined) this.converge = planned.converge;
    this.#montant = amountHeld(planned.montant);
    this.#cible = amountHeld(planned.contributionCible!);
    this.#ctx = ctx;
    this.#adhesion = placeIn(ctx.dataset.adhesions, adhesion) ?? adhesion;
  }

  get #theAdhesion(): Adhesion {
    const held = this.#adhesion;
    return typeof held === 'number' ? this.#ctx.dataset.adhesions.at(held)! : held;
  }

  get type(): 'titre' {
    return 'titre';
  }

  /** The identity is read from the adhesion, the plan's context and its dataset, not held a second time (70 000 titres: 2.2 MB, then 0.6 MB for the commune's name). */
  get exercice(): number {
    return this.#ctx.exercice;
  }

  get codeInsee(): string {
    return this.#theAdhesion.codeInsee;
  }

  /** As planning names it (plan-adhesion.ts). */
  get commune(): string {
    return nameOfCommune(this.#ctx.dataset.communes, this.#theAdhesion.codeInsee);
  }

  get service(): string {
    return this.#theAdhesion.service;
  }

  get montant(): Decimal {
    return heldAmount(this.#montant);
  }

  get contributionCible(): Decimal {
    return heldAmount(this.#cible);
  }

  /** The amounts' text, for what only prints them (plan-types.ts's montantText). */
  get montantText(): string {
    return heldAmountText(this.#montant);
  }

  get contributionCibleText(): string {
    return heldAmountText(this.#cible);
  }

  get liquidation(): LiquidationLine[] {
    return this.inFull().liquidation;
  }

  /** Without the wording, which a ledger row does not need: a third of the cost (issue 12). */
  get figures(): Figures {
    return this.planned('figures').figures;
  }

  /** As JSON (the run file, --json): the plain document, liquidation and figures included. */
  toJSON(): PlannedDocument {
    return this.inFull();
  }

  /** The plain document, as the plan held it before (liquidation and figures as data). */
  inFull(): PlannedDocument {
    return this.planned('wording');
  }

  private planned(detail: LiquidationDetail): PlannedDocument {
    const ctx = { ...this.#ctx, sink: DISCARDED_PROBLEMS };
    const adhesion = this.#theAdhesion;
    const service = ctx.dataset.config.services.get(adhesion.service) as PayingService;
    const period = billingPeriod(adhesion, ctx.dataset.config.convention, ctx.exercice) as BilledPeriod;
    return planTitreInFull(ctx, adhesion, service, this.commune, period, detail) as PlannedDocument;
  }
}

/** Below 'wording', the liquidation lines are not written (an empty list); below 'figures', the figures are incomplete. */
function planTitreInFull(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
  detail: LiquidationDetail,
): PlannedDocument | NoTitre | undefined {
  const l = liquidate(ctx, adhesion, service, communeName, period, detail);
  const wording = detail === 'wording';
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

/**
 * What a liquidation produces besides its amount: nothing more (planning), the figures too (a
 * ledger row), or the figures and the wording of its lines (a document).
 */
export type LiquidationDetail = 'amount' | 'figures' | 'wording';

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
  /** Empty unless the detail is 'wording'. */
  lines: LiquidationLine[];
  /** Incomplete when the detail is 'amount' (the tariff's figures are left out). */
  figures: Figures;
}

/**
 * R2–R8 for exercice ctx.exercice: the amount and (with the detail 'wording') the lines that found it. Also
 * asked for N-1 by R5 when N-1 gave no titre under the threshold (transitional.ts), and for
 * a later exercice by R10's knock-on (knock-on.ts).
 */
export function liquidate(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  period: BilledPeriod,
  detail: LiquidationDetail = 'wording',
): Liquidation | undefined {
  const wording = detail === 'wording';
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
  // for the amount alone, nothing reads the figures: a scratch object that R5 may write into
  const figures = detail === 'amount' ? {} : tariffFigures(service, t);
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
