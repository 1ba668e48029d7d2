/**
 * R10 corrections: a titre d'annulation (the whole remaining net amount) or de réduction (a part),
 * citing the original titre and the reason. An amount equal to the remaining net is an annulation.
 * The planned document belongs to the original titre's exercice; its number is given by src/apply.
 * Once that exercice is closed (after 31 January N+1), the correction is instead the statement
 * (« état des annulations ») supporting a mandat on compte 673 of the current exercice.
 */
import { nameOfCommune } from './commune-table.js';
import type { Commune } from './dataset.js';
import { HistoryIndex } from './history-lookup.js';
import type { History } from './history.js';
import { closedExerciceLine, correctionLines, REF } from './liquidation-lines.js';
import { toAmountString, ZERO, type Decimal } from './money.js';
import type { Plan, PlannedDocument } from './plan-types.js';
import { yearOf, type IsoDate } from './dates.js';
import { isExerciceClosed } from './issue-dates.js';
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { euros, formatDateFr } from './french-format.js';

export interface CancellationRequest {
  exercice: number;
  numero: number;
  motif: string;
  /** Absent: annul the whole remaining net amount. */
  montant?: Decimal;
  /** The correction's date (R9: never before the titre it corrects). */
  date: IsoDate;
}

export function planCancellation(
  history: History,
  request: CancellationRequest,
  context: { communes: ReadonlyMap<string, Commune> },
): PlannedDocument {
  const { exercice, numero } = request;
  const id = `${exercice}-${numero}`;
  const journal = new HistoryIndex(history);
  const origin = journal.findDocument(exercice, numero);
  if (!origin) {
    throw new TitresError('usage', [
      problem('TITRE_INCONNU', `titre « ${id} » introuvable dans le journal des titres émis (R10)`),
    ]);
  }
  if (origin.type !== 'titre') {
    throw new TitresError('usage', [
      problem('TITRE_EST_UNE_REDUCTION', `le document « ${id} » est un titre ${origin.type === 'annulation' ? "d'annulation" : 'de réduction'} : seul un titre de recette peut être corrigé (R10)`),
    ]);
  }
  const net = journal.netOf(origin);
  if (net.isZero()) {
    throw new TitresError('state', [
      problem('TITRE_DEJA_ANNULE', `le titre « ${id} » est déjà entièrement annulé : son montant net est nul (R10)`),
    ]);
  }
  const problems: Problem[] = [];
  if (request.date < origin.dateEmission) {
    problems.push(
      problem(
        'DATE_AVANT_TITRE',
        `--date ${formatDateFr(request.date)} précède l'émission du titre « ${id} » le ${formatDateFr(origin.dateEmission)} : une correction ne peut pas le précéder (R10)`,
      ),
    );
  }
  const motif = request.motif.trim();
  if (motif === '') problems.push(problem('MOTIF_CORRECTION_ABSENT', `motif absent pour la correction du titre « ${id} » (R10)`));
  const montant = request.montant;
  if (montant !== undefined && (montant.lte(0) || montant.gt(net) || montant.decimalPlaces() > 2)) {
    problems.push(
      problem(
        'MONTANT_REDUCTION_INVALIDE',
        `montant de réduction « ${montant.toString()} » invalide pour le titre « ${id} » : il doit être positif, au centime, et au plus égal au montant net restant de ${euros(net)} (R10)`,
      ),
    );
  }
  if (problems.length > 0) throw new TitresError('usage', problems);

  const amount = montant ?? net;
  // R10 « Closed exercice »: after 31 January N+1, never a titre of N: the statement supporting a
  // mandat on compte 673 of the current exercice, in its own series.
  if (isExerciceClosed(exercice, request.date)) {
    const current = yearOf(request.date);
    return {
      type: 'etat_annulation',
      exercice: current,
      codeInsee: origin.codeInsee,
      commune: nameOfCommune(context.communes, origin.codeInsee),
      service: origin.service,
      montant: amount,
      // Only the closure step cites the instruction M57; the correction itself is R10's, as on a titre.
      liquidation: [closedExerciceLine(exercice, current), ...correctionLines(origin, net, amount, motif, REF.correction)],
      figures: { ...(origin.contributionCible ? { contributionCible: toAmountString(origin.contributionCible) } : {}) },
      titreOrigine: { exercice, numero },
      motif,
    };
  }
  return {
    type: amount.eq(net) ? 'annulation' : 'reduction',
    exercice,
    codeInsee: origin.codeInsee,
    commune: nameOfCommune(context.communes, origin.codeInsee),
    service: origin.service,
    montant: amount,
    liquidation: correctionLines(origin, net, amount, motif, REF.correction),
    figures: { ...(origin.contributionCible ? { contributionCible: toAmountString(origin.contributionCible) } : {}) },
    titreOrigine: { exercice, numero },
    motif,
  };
}

/**
 * The plan `titres cancel` issues (R10): the one correction planCancellation makes, dated
 * `request.date`; its exercice is the document's (the current one for a statement of compte 673).
 * A correction adds nothing to the titres' total: its amount is the plan's total of reductions.
 */
export function planCorrection(history: History, request: CancellationRequest, context: { communes: ReadonlyMap<string, Commune> }): Plan {
  const document = planCancellation(history, request, context);
  return {
    exercice: document.exercice,
    dateEmission: request.date,
    documents: [document],
    sansTitre: [],
    avertissements: [],
    total: ZERO,
    totalReductions: document.montant,
  };
}
