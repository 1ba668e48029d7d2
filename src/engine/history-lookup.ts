/**
 * Questions asked of the journal of issued documents (R5, R8, R9, R10). A titre's net amount is its
 * amount minus its reductions and annulations, never below zero (R10).
 *
 * A national plan asks them for every adhesion (70 000 adhesions, a journal of as many lines):
 * HistoryIndex reads the journal once and answers each question with a Map lookup. The free
 * functions below answer one question on a History (they index it first).
 */
import type { History, IssuedDocument } from './history.js';
import { seriesOf } from './plan-types.js';
import { Decimal, ZERO } from './money.js';
import { TitresError } from '../errors/titres-error.js';
import { problem } from '../errors/problem.js';

const NONE: readonly IssuedDocument[] = [];

const numberKey = (exercice: number, numero: number): string => `${exercice}\u0000${numero}`;
const pairKey = (exercice: number, codeInsee: string, service: string): string =>
  `${exercice}\u0000${codeInsee}\u0000${service}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The journal indexed once: every lookup in O(1), results in journal order. */
export class HistoryIndex {
  private readonly byNumber = new Map<string, IssuedDocument>();
  private readonly corrections = new Map<string, IssuedDocument[]>();
  private readonly titres = new Map<string, IssuedDocument[]>();
  private readonly nets = new Map<IssuedDocument, Decimal>();

  constructor(private readonly history: History) {
    for (const d of history.documents) {
      const key = numberKey(d.exercice, d.numero);
      // statements (etat_annulation) have their own series: `numero` names a titre-series document
      if (seriesOf(d.type) === 'titres' && !this.byNumber.has(key)) this.byNumber.set(key, d);
      if (d.type === 'titre') push(this.titres, pairKey(d.exercice, d.codeInsee, d.service), d);
      else if (d.titreOrigine) push(this.corrections, numberKey(d.titreOrigine.exercice, d.titreOrigine.numero), d);
    }
  }

  /** The journal with `documents` added after it (a run's planned corrections, for its next steps). */
  with(documents: readonly IssuedDocument[]): HistoryIndex {
    return new HistoryIndex({ documents: [...this.history.documents, ...documents] });
  }

  /** The document numbered `numero` in the series of `exercice`, whatever its type. */
  findDocument(exercice: number, numero: number): IssuedDocument | undefined {
    return this.byNumber.get(numberKey(exercice, numero));
  }

  /** The reductions and annulations that reference a titre, in journal order. */
  correctionsOf(exercice: number, numero: number): readonly IssuedDocument[] {
    return this.corrections.get(numberKey(exercice, numero)) ?? NONE;
  }

  /** Net amount of a titre: its amount minus its corrections, never below zero (R10). */
  netOf(titre: IssuedDocument): Decimal {
    let net = this.nets.get(titre);
    if (net === undefined) {
      const reduced = this.correctionsOf(titre.exercice, titre.numero).reduce((t, d) => t.plus(d.montant), ZERO);
      net = Decimal.max(ZERO, titre.montant.minus(reduced));
      this.nets.set(titre, net);
    }
    return net;
  }

  /** Every titre (type titre) of a commune, service and exercice, in journal order, annulled or not. */
  titresOf(exercice: number, codeInsee: string, service: string): readonly IssuedDocument[] {
    return this.titres.get(pairKey(exercice, codeInsee, service)) ?? NONE;
  }

  /**
   * The current titre of a commune, service and exercice with its net amount: the last one whose
   * net amount is not zero (a fully annulled titre no longer counts, R10). undefined when none.
   */
  currentTitre(exercice: number, codeInsee: string, service: string): { titre: IssuedDocument; net: Decimal } | undefined {
    const titres = this.titresOf(exercice, codeInsee, service);
    for (let i = titres.length - 1; i >= 0; i--) {
      const net = this.netOf(titres[i]);
      if (net.gt(0)) return { titre: titres[i], net };
    }
    return undefined;
  }
}

/** Net amount of a titre (R10). Throws TitresError 'usage' TITRE_INCONNU when it is not in the journal. */
export function netAmount(history: History, exercice: number, numero: number): Decimal {
  const index = new HistoryIndex(history);
  const titre = index.findDocument(exercice, numero);
  if (!titre || titre.type !== 'titre') {
    throw new TitresError('usage', [
      problem('TITRE_INCONNU', `titre « ${exercice}-${numero} » introuvable dans le journal des titres émis (R10)`),
    ]);
  }
  return index.netOf(titre);
}

/** HistoryIndex.currentTitre without its net amount, on a History. */
export function findTitre(
  history: History,
  exercice: number,
  codeInsee: string,
  service: string,
): IssuedDocument | undefined {
  return new HistoryIndex(history).currentTitre(exercice, codeInsee, service)?.titre;
}

/**
 * R5: whether the titre marks a converged adhesion. The journal's flag when present; otherwise the
 * amount equals the contribution-cible, or the regime is « cible ».
 */
export function isConverged(titre: IssuedDocument): boolean {
  if (titre.converge !== undefined) return titre.converge;
  if (titre.contributionCible !== undefined) return titre.montant.eq(titre.contributionCible);
  return titre.regime === 'cible';
}
