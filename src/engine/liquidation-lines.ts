/**
 * French wording of the liquidation (the bases of the amount printed on a titre): one line per
 * step, each citing its rule (R1–R10, `ref`, for the ledger, --json and the embedded data) and the
 * convention's article, with every figure used and its public source (INSEE millésime, Syntec
 * month and publication date). The printed wording (`libelle`) never names a rule id, a file, a
 * line or a configuration key: those go in `source` (tariff-rules.md, « documents sent to a
 * commune cite the convention's articles and the law »).
 */
import type { IndexPoint, PayingService, ProrataMode, EndPolicy } from './dataset.js';
import { type IsoDate } from './dates.js';
import type { LiquidationLine } from './plan-types.js';
import type { IssuedDocument } from './history.js';
import { Decimal, toAmountString } from './money.js';
import type { PopulationUse } from './population.js';
import type { TariffIndex } from './tariff-index.js';
import type { ContributionCible } from './contribution-cible.js';
import type { OptionUse } from './options.js';
import { END_CAUSE_FR, type AdhesionEnd } from './billing-period.js';
import { publicationDate } from './index-lookup.js';
import { motifForDocument } from './breach-refund.js';
import { euros, formatDateFr, formatDecimalFr, monthNameFr } from './french-format.js';

export const REF = {
  options: 'R2 – avenant n° 1, art. 1',
  population: 'R3 – art. 10.1',
  index: 'R4 – art. 10.1',
  transitional: 'R5 – art. 10.2',
  prorata: 'R6 – art. 10.3',
  period: 'R7 – art. 2 et 10.3',
  end: 'R7 – art. 12.2',
  expiry: 'R7 – art. 2',
  breach: 'R8 – art. 12.2',
  correction: 'R10',
  knockOn: 'R10 – art. 10.2',
  closedExercice: 'R10 – instruction M57, compte 673',
} as const;

export function cibleRef(service: PayingService): string {
  return service.annexeTarifaire ? `R4 – ${service.annexeTarifaire}` : 'R4 – art. 10.1';
}

export function line(ref: string, libelle: string, montant?: Decimal, source?: string): LiquidationLine {
  return {
    ref,
    libelle,
    ...(montant !== undefined ? { montant: toAmountString(montant) } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

/** An index value with at least one decimal, as Syntec publishes it: « 330,0 », « 322,2 ». */
function indexValueFr(value: Decimal): string {
  return formatDecimalFr(value, 1);
}

/** The revision by the index, as a pocket calculator does it: « × 322,2 / 315,2 » (exact quotient, R4). */
export function revisionFr(index: Pick<TariffIndex, 'current' | 'reference'>): string {
  return `× ${indexValueFr(index.current.valeur)} / ${indexValueFr(index.reference.valeur)}`;
}

function serieName(serie: string): string {
  return serie.charAt(0).toUpperCase() + serie.slice(1);
}

function published(point: IndexPoint): string {
  return point.publieLe
    ? `publié le ${formatDateFr(point.publieLe)}`
    : `publication réputée le ${formatDateFr(publicationDate(point))}, fin du mois suivant`;
}

/** The INSEE millésime of the populations légales in force on 1 January N: N-3 (R3). */
export function populationMillesime(exercice: number): number {
  return exercice - 3;
}

export function periodLine(start: IsoDate, end: IsoDate, adhesionStart: IsoDate): LiquidationLine {
  return line(
    REF.period,
    `Adhésion en vigueur du ${formatDateFr(start)} au ${formatDateFr(end)} (début de l'adhésion : ${formatDateFr(adhesionStart)}, jamais avant la signature de la convention-cadre)`,
  );
}

export function optionLine(use: OptionUse): LiquidationLine {
  return line(
    REF.options,
    `Option « ${use.option.libelle} » : ${use.quantity} × ${euros(use.option.prixUnitaire)} = ${euros(use.amount)} par an, ajoutés au forfait`,
    use.amount,
    `option ${use.option.id}`,
  );
}

export function populationLine(pop: PopulationUse): LiquidationLine {
  const where = `${pop.file}, ligne ${pop.line}`;
  const source = pop.sommeArrondissements ? `somme des arrondissements ${pop.sommeArrondissements.join(', ')} ; ${where}` : where;
  return line(
    REF.population,
    `Population ${pop.kind} en vigueur au 1er janvier ${pop.exercice} (INSEE, populations légales millésime ${populationMillesime(pop.exercice)}) : ${formatDecimalFr(pop.value)} habitants`,
    undefined,
    source,
  );
}

export function indexLine(index: TariffIndex, exercice: number): LiquidationLine {
  const { current, reference } = index;
  return line(
    REF.index,
    `Indice ${serieName(index.serie)} connu au 1er janvier ${exercice} : ${monthNameFr(current.mois)} = ${indexValueFr(current.valeur)} (${published(current)}) ; ` +
      `indice de référence du tarif : ${monthNameFr(reference.mois)} = ${indexValueFr(reference.valeur)} (${published(reference)})`,
    undefined,
    `coefficient = ${current.valeur.toString()} / ${reference.valeur.toString()} = ${index.coefficient.toFixed(12)}`,
  );
}

function baseFormula(service: PayingService, optionsAmount: Decimal, population: number): string {
  const options = optionsAmount.gt(0) ? ` + ${euros(optionsAmount)} d'options` : '';
  return `${euros(service.forfait)}${options} + ${euros(service.parHabitant)} × ${formatDecimalFr(population)} hab.`;
}

export function cibleLine(
  service: PayingService,
  cc: ContributionCible,
  optionsAmount: Decimal,
  population: number,
  index: Pick<TariffIndex, 'current' | 'reference'>,
): LiquidationLine {
  return line(
    cibleRef(service),
    `Contribution-cible : ${baseFormula(service, optionsAmount, population)} = ${euros(cc.base)} ; ` +
      `${euros(cc.base)} ${revisionFr(index)} = ${euros(cc.cible)} (arrondi au centime)`,
    cc.cible,
  );
}

export function prorataLines(
  mode: ProrataMode,
  start: IsoDate,
  end: IsoDate,
  days: number,
  yearDays: number,
  formula: string,
  amount: Decimal,
): LiquidationLine[] {
  const modeFr =
    mode === 'forfait' ? 'mode forfait : seuls le forfait et les options sont proratisés' : 'mode total : toute la contribution est proratisée';
  return [
    line(REF.prorata, `Prorata temporis du ${formatDateFr(start)} au ${formatDateFr(end)} : ${days} jours sur ${yearDays} (${modeFr})`),
    line(REF.prorata, `Montant proratisé : ${formula} = ${euros(amount)}`, amount),
  ];
}

export function prorataFormula(
  mode: ProrataMode,
  service: PayingService,
  optionsAmount: Decimal,
  population: number,
  index: Pick<TariffIndex, 'current' | 'reference'>,
  days: number,
  yearDays: number,
): string {
  const fixed = euros(service.forfait.plus(optionsAmount));
  const perHead = `${euros(service.parHabitant)} × ${formatDecimalFr(population)} hab.`;
  if (mode === 'forfait') return `(${fixed} × ${days} / ${yearDays} + ${perHead}) ${revisionFr(index)}`;
  return `(${fixed} + ${perHead}) ${revisionFr(index)} × ${days} / ${yearDays}`;
}

/**
 * Transitional amount prorated in the proportion the prorata (art. 10.3) gives to the
 * contribution-cible: in « forfait » mode, (fixed × days / Y + per head) / (fixed + per head).
 */
export function prorataOfCappedFormula(
  mode: ProrataMode,
  fullYear: Decimal,
  fixed: Decimal,
  perHeadTotal: Decimal,
  days: number,
  yearDays: number,
): string {
  if (mode === 'total') return `${euros(fullYear)} × ${days} / ${yearDays}`;
  return `${euros(fullYear)} × (${euros(fixed)} × ${days} / ${yearDays} + ${euros(perHeadTotal)}) / ${euros(fixed.plus(perHeadTotal))} (part de la contribution-cible due pour la période)`;
}

/** The end-of-adhesion policy in plain French (tariff-rules.md: never the configuration key). */
const POLICY_FR: Record<EndPolicy, string> = {
  du: "la contribution de l'exercice reste due en entier",
  prorata: "la contribution de l'exercice est due au prorata des jours d'adhésion jusqu'à la date de fin",
};

export function endLine(end: AdhesionEnd, policy: EndPolicy, requestedEnd: IsoDate | undefined): LiquidationLine {
  if (end.cause === 'manquement_commune') {
    return line(
      REF.breach,
      `Résiliation pour manquement de la commune le ${formatDateFr(end.end)} : la contribution de l'année d'adhésion en cours reste due dans son intégralité (art. 12.2)`,
    );
  }
  const notice =
    end.notice?.adjusted && requestedEnd
      ? ` ; fin demandée le ${formatDateFr(requestedEnd)}, préavis tardif ou date hors fin d'année d'adhésion : convention reconduite jusqu'au ${formatDateFr(end.end)}`
      : '';
  return line(
    end.cause === 'expiration' ? REF.expiry : REF.end,
    `Fin de l'adhésion le ${formatDateFr(end.end)} (${END_CAUSE_FR[end.cause]})${notice} ; ${POLICY_FR[policy]}`,
    undefined,
    `fin_en_cours_exercice = ${policy}`,
  );
}

export function refundLine(amount: Decimal, terminationDate: IsoDate, days: number, yearDays: number, refund: Decimal): LiquidationLine {
  return line(
    REF.breach,
    `Restitution prorata temporis pour manquement de la Métropole (résiliation le ${formatDateFr(terminationDate)}, le jour de résiliation n'est pas restitué) : ${euros(amount)} × ${days} / ${yearDays} = ${euros(refund)}`,
    refund.negated(),
  );
}

export function dueLine(ref: string, exercice: number, amount: Decimal): LiquidationLine {
  return line(ref, `Montant dû au titre de l'exercice ${exercice} : ${euros(amount)}`, amount);
}

/** R10 « Closed exercice »: why the correction is a mandat on compte 673, not a titre of N. */
export function closedExerciceLine(exercice: number, current: number): LiquidationLine {
  return line(
    REF.closedExercice,
    `Exercice ${exercice} clos le 31/01/${exercice + 1} : la correction ne peut plus être un titre de réduction ou d'annulation de ${exercice} ; ` +
      `elle est constatée par un mandat de l'exercice ${current} au compte 673 « Titres annulés (sur exercices antérieurs) » (instruction M57), que le présent état justifie`,
  );
}

/** R10 / R8: the liquidation of a reduction or an annulation. */
export function correctionLines(
  origin: IssuedDocument,
  netBefore: Decimal,
  amount: Decimal,
  motif: string,
  ref: string,
  computation?: LiquidationLine,
): LiquidationLine[] {
  const netAfter = netBefore.minus(amount);
  const kind = netAfter.isZero() ? "Montant de l'annulation" : 'Montant de la réduction';
  return [
    line(
      ref,
      `Titre d'origine : n° ${origin.numero} de l'exercice ${origin.exercice}, émis le ${formatDateFr(origin.dateEmission)}, montant ${euros(origin.montant)}`,
      origin.montant,
    ),
    line(ref, `Montant net du titre d'origine avant la présente correction (montant émis moins les réductions déjà prononcées) : ${euros(netBefore)}`, netBefore),
    ...(computation ? [computation] : []),
    line(ref, `Montant net du titre d'origine après la présente correction : ${euros(netAfter)}`, netAfter),
    line(ref, `${kind} (motif : ${motifForDocument(motif)}) : ${euros(amount)}`, amount),
  ];
}
