/**
 * One adhesion for exercice N: a planned document, or the reason why none (NoTitre), or nothing
 * when a problem prevents the computation (the problem is in the sink).
 * Order of the checks: free service (R2) → exercice outside the adhesion (R7) → already issued
 * (R9/R10; except R8's refund) → perception not started on the run's date (R9 « a_venir ») → the
 * titre (plan-titre.ts).
 */
import { nameOfCommune } from './commune-table.js';
import { adhesionSource, type Adhesion, type Service } from './dataset.js';
import { yearOf } from './dates.js';
import { billingPeriod, type BilledPeriod } from './billing-period.js';
import { isBreachRefundMotif } from './breach-refund.js';
import { planBreachReduction } from './breach-reduction.js';
import type { NoTitre, PlannedDocument } from './plan-types.js';
import type { PlanContext } from './plan-context.js';
import { planTitre } from './plan-titre.js';
import { isToCome, toComeDetail } from './issue-dates.js';
import { closedRegularisations, moreDetail, planRegularisation, regularisation } from './knock-on.js';
import { problem } from '../errors/problem.js';
import { formatDateFr } from './french-format.js';

export interface AdhesionOutcome {
  document?: PlannedDocument;
  sansTitre?: NoTitre;
  /** R10 knock-on onto closed exercices: statements of compte 673, issued before `document`. */
  statements?: PlannedDocument[];
}

function outcome(result: PlannedDocument | NoTitre | undefined): AdhesionOutcome {
  if (!result) return {};
  return 'type' in result ? { document: result } : { sansTitre: result };
}

export function planAdhesion(ctx: PlanContext, adhesion: Adhesion): AdhesionOutcome {
  const service = ctx.dataset.config.services.get(adhesion.service);
  if (!service || service.gratuit) return planOnHistory(ctx, adhesion);
  // R10: the knock-on onto closed exercices comes first; the rest rests on the net amounts it leaves.
  const communeName = nameOfCommune(ctx.dataset.communes, adhesion.codeInsee);
  const { statements, history } = closedRegularisations(ctx, adhesion, service, communeName);
  if (statements.length === 0) return planOnHistory(ctx, adhesion);
  return { ...planOnHistory({ ...ctx, history }, adhesion), statements };
}

function planOnHistory(ctx: PlanContext, adhesion: Adhesion): AdhesionOutcome {
  const { dataset, history, exercice } = ctx;
  const communeName = nameOfCommune(dataset.communes, adhesion.codeInsee);
  const who = { codeInsee: adhesion.codeInsee, commune: communeName, service: adhesion.service };
  const service: Service | undefined = dataset.config.services.get(adhesion.service);
  if (!service) {
    ctx.sink.error(
      'data',
      problem('UNKNOWN_SERVICE', `service « ${adhesion.service} » absent de config.json`, adhesionSource(adhesion)),
    );
    return {};
  }
  if (service.gratuit) {
    return { sansTitre: { ...who, motif: 'gratuit', detail: `service gratuit « ${service.libelle} » : aucun titre n'est émis (R2)` } };
  }
  const period = billingPeriod(adhesion, dataset.config.convention, exercice);
  warnAboutNotice(ctx, adhesion, period.adhesionEnd);
  if (period.status !== 'billed') return { sansTitre: { ...who, motif: period.status, detail: period.detail } };

  const breachByMetropole = isBreachByMetropoleIn(period, exercice);
  if (breachByMetropole) {
    const refunded = history.titresOf(exercice, adhesion.codeInsee, adhesion.service).find((t) =>
      history.correctionsOf(exercice, t.numero).some((c) => isBreachRefundMotif(c.motif)),
    );
    if (refunded) {
      return {
        sansTitre: {
          ...who,
          motif: 'deja_emis',
          detail: `restitution pour manquement de la Métropole déjà émise pour le titre n° ${refunded.numero} de ${exercice} (R8)`,
        },
      };
    }
  }
  const current = history.currentTitre(exercice, adhesion.codeInsee, adhesion.service);
  if (current && breachByMetropole) return outcome(planBreachReduction(exercice, adhesion, communeName, current, period.end));
  if (current) {
    // R10 knock-on: M-1's titre was corrected after M's titre was issued under the R5 cap.
    const knockOn = regularisation(ctx, adhesion, service, communeName, current);
    if (knockOn?.r5.lt(knockOn.net)) return { document: planRegularisation(knockOn) };
    return {
      sansTitre: {
        ...who,
        motif: 'deja_emis',
        detail: knockOn
          ? moreDetail(knockOn)
          : `titre n° ${current.titre.numero} de l'exercice ${exercice} déjà émis le ${formatDateFr(current.titre.dateEmission)} (R9)`,
      },
    };
  }
  // R9 « Dates »: never a titre dated before its adhesion's start of perception; the first run
  // dated on or after that day issues it (its amount does not depend on the run's date).
  if (isToCome(period.adhesionStart, ctx.dateEmission)) {
    return { sansTitre: { ...who, motif: 'a_venir', detail: toComeDetail(period.adhesionStart) } };
  }
  return outcome(planTitre(ctx, adhesion, service, communeName, period));
}

function isBreachByMetropoleIn(period: BilledPeriod, exercice: number): boolean {
  return period.adhesionEnd.cause === 'manquement_metropole' && yearOf(period.adhesionEnd.end) === exercice;
}

/** R7 notice warnings, for the exercices from date_fin's year to the effective end's year. */
function warnAboutNotice(ctx: PlanContext, adhesion: Adhesion, end: BilledPeriod['adhesionEnd']): void {
  const notice = end.notice;
  if (!notice || !adhesion.dateFin) return;
  if (ctx.exercice < yearOf(adhesion.dateFin) || ctx.exercice > yearOf(notice.end)) return;
  const at = adhesionSource(adhesion);
  const who = `commune « ${adhesion.codeInsee} », service « ${adhesion.service} »`;
  if (notice.noticeMissing) {
    ctx.sink.warning(
      problem('PREAVIS_ABSENT', `${who} : résiliation au « ${formatDateFr(adhesion.dateFin)} » sans date_preavis ; préavis tenu pour valable (R7)`, at, 'warning'),
    );
  }
  if (notice.adjusted) {
    ctx.sink.warning(
      problem(
        'PREAVIS_TARDIF',
        `${who} : préavis tardif : convention reconduite jusqu'au ${formatDateFr(notice.end)} (date_fin « ${formatDateFr(adhesion.dateFin)} », date_preavis « ${adhesion.datePreavis ? formatDateFr(adhesion.datePreavis) : 'absente'} », art. 12.2, R7)`,
        at,
        'warning',
      ),
    );
  }
}
