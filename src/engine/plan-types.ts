/**
 * What the pure engine produces: a plan of documents to issue for one exercice, each with its
 * liquidation trace (the ordered lines a titre prints; a titre produces it when asked, see
 * plan-titre.ts), and the reasons for adhesions without one.
 * Numbers (titre, bordereau) are not part of the plan: they are assigned only when a document is
 * really issued (R9), by src/apply.
 */
import type { Decimal } from './money.js';
import type { IsoDate, IsoMonth } from './dates.js';
import type { Problem } from '../errors/problem.js';

export type Regime = 'cible' | 'transitoire' | 'prorata';
/**
 * `etat_annulation` (R10 « Closed exercice »): the statement supporting a mandat on compte 673 that
 * corrects a titre of a closed exercice; it belongs to the current exercice, in its own numbering
 * series, has no bordereau (the mandat goes through the expense chain) and never enters the PES
 * titres flow.
 */
export type DocumentType = 'titre' | 'reduction' | 'annulation' | 'etat_annulation';

/** The numbering series of a document in its exercice (R9; R10 « Closed exercice »). */
export type NumberSeries = 'titres' | 'etats';

export function seriesOf(type: DocumentType): NumberSeries {
  return type === 'etat_annulation' ? 'etats' : 'titres';
}

/** A document's identity in the journal: « 2026-7 » in the titres series, « 2027-etat-1 » for a statement. */
export function documentKey(d: { exercice?: number | string; numero?: number | string; type?: string }): string {
  return d.type === 'etat_annulation' ? `${d.exercice}-etat-${d.numero}` : `${d.exercice}-${d.numero}`;
}

/** Whether a document goes into a bordereau (titres, réductions, annulations) or not (statements). */
export function hasBordereau(type: DocumentType): boolean {
  return type !== 'etat_annulation';
}
export type NoTitreReason = 'gratuit' | 'seuil' | 'expiree' | 'deja_emis' | 'hors_periode' | 'a_venir';

/** One line of the liquidation, as printed on the titre and given in --json. */
export interface LiquidationLine {
  /** Rule id and article cited, e.g. "R4 – art. 10.1" (documents print only the article). */
  ref: string;
  /** French wording of the step, with the figures it uses. */
  libelle: string;
  /** Amount produced by this step, canonical ("1425.55"), when the step yields an amount. */
  montant?: string;
  /**
   * Where a figure of this step comes from inside the dataset or configuration (« populations/2026.csv,
   * ligne 14 », « fin_en_cours_exercice = du »): for the ledger, --json and the embedded data, never printed.
   */
  source?: string;
}

/**
 * Every figure used, in canonical machine form (decimal strings with '.', ISO dates): the ledger
 * columns and the PES export read these. Absent when not applicable.
 */
export interface Figures {
  population?: number;
  populationType?: 'totale' | 'municipale';
  populationFichier?: string;
  populationLigne?: number;
  indiceSerie?: string;
  indiceMois?: IsoMonth;
  indiceValeur?: string;
  indicePublieLe?: IsoDate;
  indiceReferenceMois?: IsoMonth;
  indiceReferenceValeur?: string;
  indiceReferencePublieLe?: IsoDate;
  coefficient?: string; // exact value shown with 6 decimals for humans; here up to 12 decimals
  forfait?: string;
  parHabitant?: string;
  optionsMontant?: string; // Σ quantity × unit price
  optionsDetail?: string; // "connecteurs=2×150.00"
  contributionCible?: string;
  montantAnterieur?: string; // P (first exercice of R5)
  montantPrecedent?: string; // A(N-1) net (following exercices of R5)
  plafond?: string; // cap of R5
  joursFactures?: number; // R6/R7 prorata: days billed
  joursAnnee?: number; // 365 or 366
  prorataMode?: 'forfait' | 'total';
  remboursement?: string; // R8 refund deducted before issuance
  politiqueFin?: 'du' | 'prorata';
  dateDebut?: IsoDate;
  dateFin?: IsoDate;
}

export interface PlannedDocument {
  type: DocumentType;
  exercice: number;
  codeInsee: string;
  commune: string; // display name
  service: string;
  montant: Decimal; // > 0; for reductions the amount reduced (a positive figure)
  regime?: Regime; // titres only
  contributionCible?: Decimal; // titres only
  converge?: boolean; // titres only (R5)
  liquidation: LiquidationLine[];
  figures: Figures;
  /** Reductions and annulations: the original titre. */
  titreOrigine?: { exercice: number; numero: number };
  /** Reductions and annulations: the reason printed on the document. */
  motif?: string;
}

/**
 * The document with its liquidation and figures as data: a planned titre holds them as getters
 * that plan its adhesion again (plan-titre.ts, issue 12: a compact plan); other documents as data.
 * For what reads both, or crosses a thread: one planning instead of one per getter.
 */
export function inFull(doc: PlannedDocument): PlannedDocument {
  return (doc as { inFull?: () => PlannedDocument }).inFull?.() ?? doc;
}

/** What a planned titre holds as text (plan-titre.ts): its amounts, as Decimal's toString writes them. */
interface AmountTexts {
  readonly montantText: string;
  readonly contributionCibleText: string;
}

/** The document's amount as text ("1210.5"), without making a Decimal when the plan holds the text. */
export function montantText(doc: PlannedDocument): string {
  return (doc as Partial<AmountTexts>).montantText ?? doc.montant.toString();
}

/** The titre's contribution-cible as text, likewise; undefined for other documents. */
export function contributionCibleText(doc: PlannedDocument): string | undefined {
  return (doc as Partial<AmountTexts>).contributionCibleText ?? doc.contributionCible?.toString();
}

export interface NoTitre {
  codeInsee: string;
  commune: string;
  service: string;
  motif: NoTitreReason;
  /** French explanation, e.g. « convention expirée le 31/12/2031 ». */
  detail: string;
}

export interface Plan {
  exercice: number;
  dateEmission: IsoDate;
  documents: PlannedDocument[]; // sorted: service, then code_insee, titres before reductions
  sansTitre: NoTitre[]; // sorted: service, then code_insee
  avertissements: Problem[];
  total: Decimal; // titres minus reductions? No: sum of titres only; see totalReductions
  totalReductions: Decimal;
}
