/**
 * The invoice (PES_Facture ASAP) of a titre: its number and its lines, from the titre's
 * liquidation (the same PlannedDocument the PDF prints).
 *
 * NumeroFacture: « <exercice>-<numéro du titre sur 5 chiffres> » (2026-00006 for titre n° 6 of
 * 2026): stable, unique per exercice like the titre number, within Base_NumFactureCPP20.
 *
 * Lines: one per element the amount is made of (R4, R6):
 *   - forfait × [jours / jours de l'année] × coefficient Syntec;
 *   - options × [jours / jours de l'année] × coefficient;
 *   - part par habitant × population × [jours / jours de l'année in prorata mode « total »] × coefficient;
 * each rounded to the cent (R1), the rounding difference of the sum (a cent or two at most) carried
 * on the largest line, so that the lines add up to the titre's amount exactly. A capped transitional
 * amount (R5) or an amount with a refund deducted (R8) is not such a sum: it is one line, the
 * contribution of the exercice. Any inconsistency (the figures do not give the titre's amount)
 * also gives one line, never a wrong one.
 */
import type { IsoDate } from '../engine/dates.js';
import { firstDayOfYear, lastDayOfYear } from '../engine/dates.js';
import { Decimal, round2, sum, toAmountString } from '../engine/money.js';
import type { PlannedDocument } from '../engine/plan-types.js';
import { formatDateFr, formatDecimalFr } from '../engine/french-format.js';

export function invoiceNumber(exercice: number, numero: number): string {
  return `${exercice}-${String(numero).padStart(5, '0')}`;
}

export interface InvoiceLine {
  libelle: string;
  /** Canonical amount, strictly positive. */
  montant: string;
  dateDebut: IsoDate;
  dateFin: IsoDate;
}

interface Part {
  libelle: string;
  exact: Decimal;
}

const fr = (d: Decimal | string | number, decimals = 0): string => formatDecimalFr(new Decimal(d), decimals);

/** The lines of a titre's invoice; `objet` names the single line when the amount is not a sum. */
export function invoiceLines(doc: PlannedDocument, serviceLibelle: string, objet: string): InvoiceLine[] {
  const f = doc.figures;
  const dateDebut = f.dateDebut ?? firstDayOfYear(doc.exercice);
  const dateFin = f.dateFin ?? lastDayOfYear(doc.exercice);
  const single = [{ libelle: singleLibelle(doc, serviceLibelle, objet), montant: toAmountString(doc.montant), dateDebut, dateFin }];
  const capped = doc.regime === 'transitoire' && doc.converge !== true;
  if (doc.type !== 'titre' || capped || f.remboursement !== undefined) return single;
  const parts = tariffParts(doc, serviceLibelle);
  if (parts === undefined || !round2(sum(parts.map((p) => p.exact))).eq(doc.montant)) return single;
  const rounded = parts.map((p) => round2(p.exact));
  const largest = rounded.reduce((best, v, i) => (v.gt(rounded[best]) ? i : best), 0);
  rounded[largest] = rounded[largest].plus(doc.montant.minus(sum(rounded)));
  if (rounded.some((v) => v.lte(0))) return single;
  return parts.map((p, i) => ({ libelle: p.libelle, montant: toAmountString(rounded[i]), dateDebut, dateFin }));
}

/**
 * The one line of an amount that is not a sum (R5 cap, R8 refund): the service and exercice, then
 * the liquidation step that gives the amount (« Montant = min(1 247,61 € ; 1 210,00 €) = … »).
 */
function singleLibelle(doc: PlannedDocument, serviceLibelle: string, objet: string): string {
  const step = doc.liquidation.find((l) => l.montant !== undefined && doc.montant.eq(l.montant));
  return step === undefined ? objet : `Contribution ${doc.exercice} ${serviceLibelle} : ${step.libelle}`;
}

function tariffParts(doc: PlannedDocument, serviceLibelle: string): Part[] | undefined {
  const f = doc.figures;
  if (f.forfait === undefined || f.parHabitant === undefined || f.population === undefined) return undefined;
  if (f.indiceValeur === undefined || f.indiceReferenceValeur === undefined || f.coefficient === undefined) return undefined;
  const coef = new Decimal(f.indiceValeur).div(f.indiceReferenceValeur);
  const coefText = `coefficient Syntec ${fr(new Decimal(f.coefficient).toDecimalPlaces(6, Decimal.ROUND_HALF_UP), 6)}`;
  const prorata = f.joursFactures !== undefined && f.joursAnnee !== undefined;
  const ratio = prorata ? new Decimal(f.joursFactures!).div(f.joursAnnee!) : new Decimal(1);
  const days = prorata ? ` × ${f.joursFactures}/${f.joursAnnee} jours` : '';
  const perHeadDays = prorata && f.prorataMode === 'total' ? days : '';
  const perHeadRatio = prorata && f.prorataMode === 'total' ? ratio : new Decimal(1);
  const period = prorata ? ` du ${formatDateFr(f.dateDebut!)} au ${formatDateFr(f.dateFin!)}` : ` ${doc.exercice}`;
  const parts: Part[] = [];
  const forfait = new Decimal(f.forfait);
  if (forfait.gt(0)) {
    parts.push({
      libelle: `Forfait ${serviceLibelle}${period} : ${fr(forfait, 2)} €${days} × ${coefText}`,
      exact: forfait.times(ratio).times(coef),
    });
  }
  if (f.optionsMontant !== undefined && new Decimal(f.optionsMontant).gt(0)) {
    parts.push({
      libelle: `Options (${f.optionsDetail ?? ''}) : ${fr(f.optionsMontant, 2)} €${days} × ${coefText}`,
      exact: new Decimal(f.optionsMontant).times(ratio).times(coef),
    });
  }
  const perHead = new Decimal(f.parHabitant).times(f.population);
  if (perHead.gt(0)) {
    parts.push({
      libelle: `Part par habitant : ${fr(f.parHabitant, 2)} € × ${fr(f.population)} hab.${perHeadDays} × ${coefText}`,
      exact: perHead.times(perHeadRatio).times(coef),
    });
  }
  return parts.length > 0 ? parts : undefined;
}
