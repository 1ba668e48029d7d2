/**
 * What the document renderers need to print, assembled by src/apply from the plan, the dataset
 * and the numbers assigned at issuance. Renderers are pure functions of these views (plus the
 * templates/ wording): same view ⇒ byte-identical PDF.
 */
import type { Readable } from 'node:stream';
import type { WrittenPdf } from './pdf-file.js';
import type { Commune, Config, PayingService } from '../engine/dataset.js';
import type { IsoDate } from '../engine/dates.js';
import type { PlannedDocument } from '../engine/plan-types.js';

export interface TitreView {
  document: PlannedDocument; // titre, reduction or annulation, with its liquidation
  config: Config; // issuer, signatory, comptable, tribunal, convention, delai
  commune: Commune; // debtor
  service: PayingService;
  /** null on a preview (dry run with --preview-dir): printed « PROJET – non émis », no number. */
  numero: number | null;
  bordereau: number | null;
  /** The series of `bordereau` (titres TypBord 01, réductions TypBord 02), printed beside it. */
  bordereauNature?: 'titres' | 'reductions';
  dateEmission: IsoDate; // also the PDF CreationDate (determinism)
  dateEcheance: IsoDate; // dateEmission + delai_paiement_jours
  /** Reductions and annulations: the original titre's date and amount, for « réduit le titre n° … ». */
  origine?: { numero: number; exercice: number; dateEmission: IsoDate; montant: string; netAvant: string };
  preview: boolean;
}

export interface BordereauLine {
  numero: number | null;
  type: PlannedDocument['type'];
  codeInsee: string;
  commune: string;
  montant: string; // canonical "1210.00"
  titreOrigine?: string; // "2026-3"
}

/**
 * A bordereau's lines as its writers read them: once or a few times in order, and their count.
 * An array will do; a national bordereau is held packed (bordereau-lines.ts, issue 12).
 */
export interface BordereauLines extends Iterable<BordereauLine> {
  readonly length: number;
}

export interface BordereauView {
  config: Config;
  service: PayingService;
  exercice: number;
  numero: number | null;
  /** 'titres' = ordinary titres (PES TypBord 01); 'reductions' = réductions/annulations (TypBord 02). */
  nature: 'titres' | 'reductions';
  dateEmission: IsoDate;
  lines: BordereauLines;
  total: string; // canonical, the sum of the lines (R1)
  /** The exercice's cumulative total for this nature, this bordereau included (PES MtCumulAnnuel). */
  cumulExercice: string;
  preview: boolean;
  /** Issue 14: how the titres' ASAP reach the communes (PES Edition), printed under the totals. */
  asap?: string;
}

/** A renderer hands out each PDF as it is made, so that a batch never holds its documents in memory. */
export interface DocumentRenderer {
  /** A titre's (or correction's) PDF, as a stream. */
  renderTitre(view: TitreView): Readable;
  /**
   * Writes a bordereau's PDF into the open file `fd`, hashing it: the renderer writes it as it is
   * laid out, from a rendering thread if it has some, and the bytes never cross threads (issue 12,
   * flat memory: a national bordereau of some 20 MB sent to the main thread in pieces waited there,
   * written but not yet collected, until its end).
   */
  writeBordereau(view: BordereauView, fd: number): Promise<WrittenPdf>;
  /**
   * Told when a run's titres are all written, before its bordereaux are prepared: a renderer with
   * rendering threads stops theirs then, so that their memory is given back before the bordereaux'
   * lines are gathered (issue 12, flat memory). Optional: a renderer in the caller's thread has
   * nothing to give back.
   */
  titresDone?(): Promise<void>;
}
