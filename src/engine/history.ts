/**
 * What was already issued, as read from OUT/journal.csv (src/io/journal.ts). The engine takes it as
 * an input: A(N-1) of R5, « deja_emis » of R9, the original titre of a reduction (R8, R10).
 */
import type { Decimal } from './money.js';
import type { IsoDate } from './dates.js';
import type { DocumentType, Regime } from './plan-types.js';

export interface IssuedDocument {
  exercice: number;
  numero: number;
  bordereau: number;
  dateEmission: IsoDate;
  type: DocumentType;
  codeInsee: string;
  service: string;
  montant: Decimal;
  regime?: Regime;
  /** Reductions and annulations: the original titre. */
  titreOrigine?: { exercice: number; numero: number };
  contributionCible?: Decimal;
  converge?: boolean;
  motif?: string;
  fichier: string;
  sha256: string;
}

export interface History {
  documents: readonly IssuedDocument[];
}

export const EMPTY_HISTORY: History = { documents: [] };
