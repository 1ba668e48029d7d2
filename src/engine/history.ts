/**
 * What was already issued, as read from OUT/journal.csv (src/io/journal.ts). The engine takes it as
 * an input: A(N-1) of R5, « deja_emis » of R9, the original titre of a reduction (R8, R10).
 */
import type { Decimal } from './money.js';
import type { IsoDate } from './dates.js';
import type { DocumentType, PlannedDocument, Regime } from './plan-types.js';

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
  /** The PDF's size in bytes (absent on lines written before the chained journal). */
  taille?: number;
  /** sha256 of the document's ledger row (absent on lines written before the chained journal). */
  ledgerSha256?: string;
  /**
   * The bordereau number belongs to the one series that titres and réductions shared before each
   * type had its own (a line of a former folder, see engine/bordereaux.ts).
   */
  legacySeries?: true;
}

export interface History {
  documents: readonly IssuedDocument[];
}

export const EMPTY_HISTORY: History = { documents: [] };

/** The journal's record of a planned document once issued under these numbers (R9). */
export function issuedDocument(
  doc: PlannedDocument,
  n: { numero: number; bordereau: number; dateEmission: IsoDate; fichier: string; sha256: string; taille?: number; ledgerSha256?: string },
): IssuedDocument {
  return {
    exercice: doc.exercice,
    numero: n.numero,
    bordereau: n.bordereau,
    dateEmission: n.dateEmission,
    type: doc.type,
    codeInsee: doc.codeInsee,
    service: doc.service,
    montant: doc.montant,
    ...(doc.regime !== undefined ? { regime: doc.regime } : {}),
    ...(doc.titreOrigine !== undefined ? { titreOrigine: doc.titreOrigine } : {}),
    ...(doc.contributionCible !== undefined ? { contributionCible: doc.contributionCible } : {}),
    ...(doc.converge !== undefined ? { converge: doc.converge } : {}),
    ...(doc.motif !== undefined ? { motif: doc.motif } : {}),
    fichier: n.fichier,
    sha256: n.sha256,
    ...(n.taille !== undefined ? { taille: n.taille } : {}),
    ...(n.ledgerSha256 !== undefined ? { ledgerSha256: n.ledgerSha256 } : {}),
  };
}
