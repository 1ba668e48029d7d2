/**
 * What the PES V2 export needs: the validated dataset parts and the issued bordereaux, as recorded
 * in the journal. The builder is pure: the generation date is an input, never the clock.
 */
import type { Config, Commune } from '../engine/dataset.js';
import type { IsoDate } from '../engine/dates.js';
import type { PesPositions } from './check-pes-requirements.js';
import type { InvoiceLine } from './pes-invoice.js';

export type PesPieceType = 'titre' | 'reduction' | 'annulation';
export type PesBordereauNature = 'titres' | 'reductions';

export interface PesPdf {
  /** File name of the PDF (sanitised for NomPJ; the extension `.pdf` is kept or added). */
  fileName: string;
  /** The PDF's bytes, or how to read them when its PJ is written (the export's files, read one part at a time). */
  content: Buffer | (() => Promise<Buffer>);
}

export interface PesPiece {
  /** Titre (or réduction) number: IdPce, 1 to 99 999 999. */
  numero: number;
  type: PesPieceType;
  codeInsee: string;
  /** Canonical amount, strictly positive ("1234.56"); réductions are positive too. */
  montant: string;
  objet: string;
  /** Réductions and annulations: the titre reduced (same exercice, rule 02 02 06). */
  titreOrigine?: { exercice: number; numero: number };
  /**
   * Optional PDF sent as a PES_PJ attachment referenced by the piece: for a titre, the document
   * joined to its ASAP (TypePJ 008 under Edition 02, 011 under Edition 01); for a réduction or an
   * annulation, an untyped PJ.
   */
  pdf?: PesPdf;
  /**
   * Titres: the lines of the PES_Facture, from the liquidation the PDF prints (pes-invoice.ts), or
   * how to make them when the PES_Facture is built (the export: a line's text is larger than the
   * liquidation it is made from); absent (or undefined) when the liquidation is not known, then one
   * line (objet, montant).
   */
  lignes?: InvoiceLine[] | (() => InvoiceLine[] | undefined);
}

export interface PesBordereau {
  exercice: number;
  /** IdBord, 1 to 9 999 999, unique per exercice and bordereau type. */
  numero: number;
  nature: PesBordereauNature;
  /** Key of a paying service in config.services: gives the imputation of every line. */
  service: string;
  dateEmission: IsoDate;
  pieces: PesPiece[];
  /**
   * Optional MtCumulAnnuel (canonical): the cumulative amount of the bordereaux of this type in the
   * exercice, this one included. Only the journal knows it; omitted when absent (allowed unsigned).
   */
  cumulAnnuel?: string;
}

export interface PesExportInput {
  config: Config;
  communes: ReadonlyMap<string, Commune>;
  /** DteStr and the date in the file name. */
  dateGeneration: IsoDate;
  bordereaux: PesBordereau[];
  /** Where the identifiers come from, for problem positions; default `config.json`, `communes.csv`. */
  positions?: PesPositions;
  /** Version shown in Enveloppe/Emetteur/Adresse; defaults to PES_SOFTWARE_VERSION. */
  softwareVersion?: string;
  /** NomFic: the name of the file written (`--file`); defaults to the normalised name pesFileName. */
  fileName?: string;
}
