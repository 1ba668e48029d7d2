/**
 * R10 « Knock-on to the next exercices » (tariff-rules.md, added 2026-11-30). A correction of N's
 * titre changes A(N), so a titre of N+1 already issued under the R5 cap may now be too high:
 * - `regularisation`: for one adhesion and an exercice M whose titre is issued, the amount R5 gives
 *   now (liquidate, on the journal's net amounts) beside the titre's net amount, when M-1's titre
 *   was corrected and the two differ;
 * - `planRegularisation`: the titre de réduction of the excess that the next `issue` of M issues
 *   (motif « régularisation : plafond recalculé après la réduction du titre N-n° »); where R5 now
 *   gives more, nothing is issued (one titre per exercice) and the run says so (`moreDetail`);
 * - `knockOnChain`: what `cancel` reports: every later titre whose R5 amount changes, exercice
 *   after exercice, each step on the net amounts the previous regularisation leaves.
 * - `closedRegularisations`: the knock-on onto an exercice M already closed on the run's date (R10
 *   « Closed exercice »): no réduction of M can be issued any more, so the next `issue` of the
 *   current exercice issues the statement of compte 673 for the excess instead, M after M, before
 *   the current exercice's own titre, which then rests on those net amounts.
 */
import { nameOfCommune } from './commune-table.js';
import type { Adhesion, Dataset, PayingService } from './dataset.js';
import { billingPeriod } from './billing-period.js';
import { yearOf, type IsoDate } from './dates.js';
import type { History, IssuedDocument } from './history.js';
import { HistoryIndex } from './history-lookup.js';
import { closedExerciceLine, correctionLines, REF } from './liquidation-lines.js';
import { isExerciceClosed } from './issue-dates.js';
import { toAmountString, type Decimal } from './money.js';
import type { PlanContext } from './plan-context.js';
import type { LiquidationLine, PlannedDocument } from './plan-types.js';
import { liquidate } from './plan-titre.js';
import { ProblemSink } from './problem-sink.js';
import { euros } from './french-format.js';

export interface Regularisation {
  codeInsee: string;
  commune: string;
  service: string;
  /** The later titre (exercice M) and its net amount now. */
  titre: IssuedDocument;
  net: Decimal;
  /** The amount R5 gives M now, on M-1's net amount. */
  r5: Decimal;
  /** M-1's titre whose correction changed A(M-1). */
  cause: IssuedDocument;
  /** R5's lines for M (basis, cap, min), printed on the réduction. */
  lines: LiquidationLine[];
}

const ref = (t: { exercice: number; numero: number }): string => `${t.exercice}-${t.numero}`;

/**
 * The knock-on on the titre `current` of exercice ctx.exercice, or undefined when there is none:
 * not a transitional adhesion, M-1's titres never corrected, or R5 gives the same amount.
 */
export function regularisation(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
  current: { titre: IssuedDocument; net: Decimal },
): Regularisation | undefined {
  const M = ctx.exercice;
  if (adhesion.montantAnterieur === undefined) return undefined;
  const corrected = ctx.history
    .titresOf(M - 1, adhesion.codeInsee, adhesion.service)
    .filter((t) => ctx.history.correctionsOf(t.exercice, t.numero).length > 0);
  if (corrected.length === 0) return undefined;
  const period = billingPeriod(adhesion, ctx.dataset.config.convention, M);
  if (period.status !== 'billed' || period.firstExercice >= M) return undefined;
  // M's own figures were checked when its titre was issued; a problem now only means no knock-on.
  const sink = new ProblemSink();
  const liquidation = liquidate({ ...ctx, sink }, adhesion, service, communeName, period);
  if (!liquidation || sink.hasErrors() || liquidation.amount.eq(current.net)) return undefined;
  const cause = ctx.history.currentTitre(M - 1, adhesion.codeInsee, adhesion.service)?.titre ?? corrected[corrected.length - 1];
  return {
    codeInsee: adhesion.codeInsee,
    commune: communeName,
    service: service.id,
    titre: current.titre,
    net: current.net,
    r5: liquidation.amount,
    cause,
    lines: liquidation.lines.filter((l) => l.ref === REF.transitional),
  };
}

export function regularisationMotif(cause: { exercice: number; numero: number }): string {
  return `régularisation : plafond recalculé après la réduction du titre ${ref(cause)}`;
}

/**
 * The titre de réduction of the excess (R5 now gives less than the net amount); when the titre's
 * exercice is closed, `closedIn` names the current exercice and the document is the statement of
 * compte 673 of that exercice (R10 « Closed exercice »).
 */
export function planRegularisation(r: Regularisation, closedIn?: number): PlannedDocument {
  const excess = r.net.minus(r.r5);
  const motif = regularisationMotif(r.cause);
  const computation: LiquidationLine = {
    ref: REF.knockOn,
    libelle: `Montant ${r.titre.exercice} recalculé sur le montant ${r.cause.exercice} net des réductions (titre n° ${r.cause.numero}) : ${euros(r.r5)} ; excédent ${euros(r.net)} − ${euros(r.r5)} = ${euros(excess)}`,
    montant: toAmountString(r.r5),
  };
  // The recomputation cites art. 10.2 (the cap); the correction itself is R10's, as on any réduction.
  const lines = correctionLines(r.titre, r.net, excess, motif, REF.correction, computation);
  return {
    type: closedIn !== undefined ? 'etat_annulation' : excess.eq(r.net) ? 'annulation' : 'reduction',
    exercice: closedIn ?? r.titre.exercice,
    codeInsee: r.codeInsee,
    commune: r.commune,
    service: r.service,
    montant: excess,
    liquidation: closedIn !== undefined ? [closedExerciceLine(r.titre.exercice, closedIn), ...r.lines, ...lines] : [...r.lines, ...lines],
    figures: { ...(r.titre.contributionCible ? { contributionCible: toAmountString(r.titre.contributionCible) } : {}) },
    titreOrigine: { exercice: r.titre.exercice, numero: r.titre.numero },
    motif,
  };
}

/**
 * The knock-on onto the closed exercices before ctx.exercice (R10): for each exercice M closed on
 * the run's date whose titre R5 now puts lower, the statement of compte 673 of ctx.exercice for
 * the excess, in order of M, each step on the net amounts the previous one leaves. Returns the
 * statements and the history that holds them (for what the run plans next for this adhesion).
 */
export function closedRegularisations(
  ctx: PlanContext,
  adhesion: Adhesion,
  service: PayingService,
  communeName: string,
): { statements: PlannedDocument[]; history: HistoryIndex } {
  const statements: PlannedDocument[] = [];
  let history = ctx.history;
  if (adhesion.montantAnterieur === undefined) return { statements, history };
  for (let M = ctx.dataset.config.convention.premierExercice + 1; M < ctx.exercice && isExerciceClosed(M, ctx.dateEmission); M++) {
    const current = history.currentTitre(M, adhesion.codeInsee, adhesion.service);
    if (!current) continue;
    const r = regularisation({ ...ctx, history, exercice: M, sink: new ProblemSink() }, adhesion, service, communeName, current);
    if (!r || !r.r5.lt(r.net)) continue;
    const statement = planRegularisation(r, ctx.exercice);
    statements.push(statement);
    history = history.with([pendingDocument(statement, ctx.dateEmission)]);
  }
  return { statements, history };
}

/** Where R5 now gives more than the titre: nothing is issued (one titre per exercice, R9). */
export function moreDetail(r: Regularisation): string {
  return (
    `titre n° ${r.titre.numero} de ${r.titre.exercice} déjà émis (${euros(r.net)}) ; après la réduction du titre ${ref(r.cause)}, ` +
    `le plafond donnerait ${euros(r.r5)} : rien n'est émis, un seul titre par exercice (R9, R10)`
  );
}

/** One line of `cancel`'s report: a later titre whose R5 amount changes. */
export interface KnockOnStep {
  codeInsee: string;
  commune: string;
  service: string;
  titre: { exercice: number; numero: number };
  /** The titre's net amount now, and the amount R5 gives after the correction. */
  ancien: Decimal;
  nouveau: Decimal;
  /**
   * « reduction »: the next `issue` of that exercice issues the réduction of the excess; « etat »: that
   * exercice is closed on the correction's date, the next `issue` of the current exercice issues the
   * statement of compte 673 instead; « aucune »: R5 gives more, nothing is issued.
   */
  suite: 'reduction' | 'etat' | 'aucune';
}

/**
 * The chain that a correction starts (R10): `history` already holds the correction; from the
 * corrected titre's next exercice on, every later titre of the pair whose R5 amount changes, each
 * step counting the regularisation of the step before it.
 */
export function knockOnChain(
  dataset: Dataset,
  history: History,
  corrected: { exercice: number; codeInsee: string; service: string },
  dateEmission: IsoDate,
): KnockOnStep[] {
  const adhesion = findAdhesion(dataset, corrected);
  const service = dataset.config.services.get(corrected.service);
  if (!adhesion || !service || service.gratuit) return [];
  const communeName = nameOfCommune(dataset.communes, adhesion.codeInsee);
  const steps: KnockOnStep[] = [];
  let documents = [...history.documents];
  for (let M = corrected.exercice + 1; ; M++) {
    const index = new HistoryIndex({ documents });
    const current = index.currentTitre(M, adhesion.codeInsee, adhesion.service);
    if (!current) break;
    const ctx: PlanContext = { dataset, history: index, exercice: M, dateEmission, sink: new ProblemSink(), indexCache: new Map() };
    const r = regularisation(ctx, adhesion, service, communeName, current);
    if (!r) break;
    const lower = r.r5.lt(r.net);
    const closed = isExerciceClosed(M, dateEmission);
    steps.push({
      codeInsee: r.codeInsee,
      commune: r.commune,
      service: r.service,
      titre: { exercice: M, numero: r.titre.numero },
      ancien: r.net,
      nouveau: r.r5,
      suite: !lower ? 'aucune' : closed ? 'etat' : 'reduction',
    });
    if (!lower) break; // nothing issued: M's net amount, hence M+1's basis, stays as it is
    const reduction = planRegularisation(r, closed ? yearOf(dateEmission) : undefined);
    documents = [...documents, pendingDocument(reduction, dateEmission)];
  }
  return steps;
}

/** A planned correction as the journal will hold it, for the next step of the chain (no number yet). */
function pendingDocument(doc: PlannedDocument, dateEmission: IsoDate): IssuedDocument {
  return {
    exercice: doc.exercice,
    numero: 0,
    bordereau: 0,
    dateEmission,
    type: doc.type,
    codeInsee: doc.codeInsee,
    service: doc.service,
    montant: doc.montant,
    ...(doc.titreOrigine ? { titreOrigine: doc.titreOrigine } : {}),
    fichier: '',
    sha256: '',
  };
}

/** French wording of one step, for `cancel`'s report. */
export function knockOnStepFr(s: KnockOnStep): string {
  const what = `titre ${ref(s.titre)} (${s.commune}, ${s.service}) : ${euros(s.ancien)} → ${euros(s.nouveau)} selon le plafond recalculé`;
  const excess = euros(s.ancien.minus(s.nouveau));
  if (s.suite === 'reduction') return `${what} ; la prochaine émission de l'exercice ${s.titre.exercice} émettra la réduction de ${excess}`;
  if (s.suite === 'etat') {
    return `${what} ; exercice ${s.titre.exercice} clos : la prochaine émission de l'exercice en cours émettra l'état des annulations (compte 673) de ${excess}`;
  }
  return `${what} ; montant supérieur : rien n'est émis (un seul titre par exercice)`;
}

/** The adhesion of a commune to a service (one line per commune and service: data contract). */
function findAdhesion(dataset: Dataset, of: { codeInsee: string; service: string }): Adhesion | undefined {
  for (const a of dataset.adhesions) if (a.codeInsee === of.codeInsee && a.service === of.service) return a;
  return undefined;
}
