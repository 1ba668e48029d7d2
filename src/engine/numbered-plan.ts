/**
 * The numbered plan (R9, R10): every planned document with its number, its bordereau and the net
 * amounts it leaves, computed from the plan and the journal read under the lock, before the first
 * write. `apply` only writes what it says.
 *
 * - Titres, réductions and annulations share ONE continuous series per exercice: the first is
 *   `premierNumero`, then the highest journaled number + 1, in plan order. The statements of a
 *   mandat on compte 673 (etat_annulation, R10 « Closed exercice ») have their own series from 1,
 *   and no bordereau (0).
 * - Bordereaux: one per run, service and nature, numbered in the series of their type (see
 *   bordereaux.ts), in order of first appearance in the plan. A resumed run passes `reuse`: the
 *   bordereau numbers of the interrupted run already in the journal (by runGroupKey), so that the
 *   batch ends in the same bordereaux as an uninterrupted run would. Since documents are
 *   journaled in plan order, the journaled bordereaux of a run are always the first it numbered:
 *   no number of a series is ever skipped.
 */
import { nextBordereauNumbers, runGroupKey, type BordereauNature, natureOf } from './bordereaux.js';
import type { History, IssuedDocument } from './history.js';
import type { Decimal } from './money.js';
import { NetAmounts } from './net-amounts.js';
import { hasBordereau, seriesOf, type NumberSeries, type Plan, type PlannedDocument } from './plan-types.js';
import { positionIn, type Sequence } from './sequence.js';

/** What a correction prints of the titre it reduces: the titre as journaled and its net before. */
export interface OriginNet {
  titre: IssuedDocument;
  netAvant: Decimal;
}

/** Net amounts a document leaves (R10), in plan order: for a titre its amount. */
export interface DocumentNets {
  document: PlannedDocument;
  netApres: Decimal;
  origine?: OriginNet;
}

export interface NumberedDocument extends DocumentNets {
  numero: number;
  /** Number of its bordereau in the series of `nature`; 0 for a statement, which has none. */
  bordereau: number;
  /** Absent for a statement (no bordereau). */
  nature?: BordereauNature;
}

export interface NumberedBordereau {
  service: string;
  nature: BordereauNature;
  numero: number;
}

export interface NumberedPlan {
  exercice: number;
  dateEmission: Plan['dateEmission'];
  documents: NumberedDocuments;
  /** The bordereaux this run opens, in order of first appearance. */
  bordereaux: NumberedBordereau[];
}

/**
 * A titre's nets: what it leaves is its amount, read from the document when asked rather than
 * held a second time (issue 12: a Decimal a titre, ~170 bytes).
 */
class TitreNets implements DocumentNets {
  constructor(readonly document: PlannedDocument) {}

  get netApres(): Decimal {
    return this.document.montant;
  }
}

/** A numbered document that corrects nothing (a titre) as `NumberedDocuments.at` makes it: what it leaves is its amount. */
class NumberedTitre implements NumberedDocument {
  constructor(
    readonly document: PlannedDocument,
    readonly numero: number,
    readonly bordereau: number,
  ) {}

  get nature(): BordereauNature | undefined {
    const { type } = this.document;
    return hasBordereau(type) ? natureOf(type) : undefined;
  }
  get netApres(): Decimal {
    return this.document.montant;
  }
}

/**
 * The numbered plan's documents, in plan order, held in columns (issue 12, flat memory): the
 * plan's documents, their numbers and bordereaux in typed arrays, and the nets of the corrections
 * only (a titre leaves its amount). A document's NumberedDocument is made when it is asked for
 * (70 000 titres: an object a titre, 3.7 MB, was held through the run).
 */
export class NumberedDocuments implements Sequence<NumberedDocument> {
  readonly #documents: readonly PlannedDocument[];
  readonly #numero: Int32Array;
  readonly #bordereau: Int32Array;
  readonly #corrections = new Map<number, DocumentNets>();

  constructor(documents: readonly PlannedDocument[]) {
    this.#documents = documents;
    this.#numero = new Int32Array(documents.length);
    this.#bordereau = new Int32Array(documents.length);
  }

  get length(): number {
    return this.#documents.length;
  }

  at(index: number): NumberedDocument | undefined {
    const i = positionIn(this.length, index);
    if (i < 0) return undefined;
    const [numero, bordereau] = [this.#numero[i], this.#bordereau[i]];
    const nets = this.#corrections.get(i);
    if (nets === undefined) return new NumberedTitre(this.#documents[i], numero, bordereau);
    // a statement of compte 673 has no bordereau, and so no nature (R10)
    const { type } = nets.document;
    return { ...nets, numero, bordereau, ...(hasBordereau(type) ? { nature: natureOf(type) } : {}) };
  }

  *[Symbol.iterator](): Iterator<NumberedDocument> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  /** Sets a document's numbers (numberPlan), and its nets when they are not its amount (a correction). */
  set(index: number, nets: DocumentNets, numero: number, bordereau: number): void {
    if (!(nets instanceof TitreNets)) this.#corrections.set(index, nets);
    this.#numero[index] = numero;
    this.#bordereau[index] = bordereau;
  }
}

/** The net amounts each document of the plan leaves, corrections applied in plan order. */
export function planNets(documents: readonly PlannedDocument[], history: History): DocumentNets[] {
  const nets = new NetAmounts(history);
  return documents.map((document) => {
    if (!document.titreOrigine) return new TitreNets(document);
    const titre = nets.titre(document.titreOrigine);
    const netAvant = nets.net(document.titreOrigine);
    const netApres = nets.reduce(document.titreOrigine, document.montant) ?? document.montant;
    return { document, netApres, ...(titre && netAvant ? { origine: { titre, netAvant } } : {}) };
  });
}

export function numberPlan(
  plan: Plan,
  history: History,
  numbering: { premierNumero: number; premierBordereau: number },
  reuse: ReadonlyMap<string, number> = new Map(),
): NumberedPlan {
  const maxNumero: Record<NumberSeries, number> = { titres: 0, etats: 0 };
  for (const doc of history.documents) {
    if (doc.exercice !== plan.exercice) continue;
    const series = seriesOf(doc.type);
    if (doc.numero > maxNumero[series]) maxNumero[series] = doc.numero;
  }
  const nextNumero: Record<NumberSeries, number> = {
    titres: maxNumero.titres > 0 ? maxNumero.titres + 1 : numbering.premierNumero,
    etats: maxNumero.etats + 1,
  };
  const next = nextBordereauNumbers(history.documents, plan.exercice, numbering.premierBordereau);
  const bordereaux = new Map<string, NumberedBordereau>();
  const documents = new NumberedDocuments(plan.documents);
  planNets(plan.documents, history).forEach((nets, index) => {
    const { document } = nets;
    const numero = nextNumero[seriesOf(document.type)]++;
    if (!hasBordereau(document.type)) return documents.set(index, nets, numero, 0);
    const key = runGroupKey(document);
    let bordereau = bordereaux.get(key);
    if (!bordereau) {
      const nature = natureOf(document.type);
      bordereau = { service: document.service, nature, numero: reuse.get(key) ?? next[nature]++ };
      bordereaux.set(key, bordereau);
    }
    documents.set(index, nets, numero, bordereau.numero);
  });
  return { exercice: plan.exercice, dateEmission: plan.dateEmission, documents, bordereaux: [...bordereaux.values()] };
}
