/**
 * Questions asked of the journal of issued documents (R5, R8, R9, R10). A titre's net amount is its
 * amount minus its reductions and annulations, never below zero (R10).
 */
import type { History, IssuedDocument } from './history.js';
import { Decimal, ZERO } from './money.js';
import { TitresError } from '../errors/titres-error.js';
import { problem } from '../errors/problem.js';

/** The document numbered `numero` in the series of `exercice`, whatever its type. */
export function findDocument(history: History, exercice: number, numero: number): IssuedDocument | undefined {
  return history.documents.find((d) => d.exercice === exercice && d.numero === numero);
}

/** The reductions and annulations that reference a titre, in journal order. */
export function correctionsOf(history: History, exercice: number, numero: number): IssuedDocument[] {
  return history.documents.filter(
    (d) => d.type !== 'titre' && d.titreOrigine?.exercice === exercice && d.titreOrigine.numero === numero,
  );
}

function netOf(history: History, titre: IssuedDocument): Decimal {
  const reduced = correctionsOf(history, titre.exercice, titre.numero).reduce((t, d) => t.plus(d.montant), ZERO);
  return Decimal.max(ZERO, titre.montant.minus(reduced));
}

/** Net amount of a titre (R10). Throws TitresError 'usage' TITRE_INCONNU when it is not in the journal. */
export function netAmount(history: History, exercice: number, numero: number): Decimal {
  const titre = findDocument(history, exercice, numero);
  if (!titre || titre.type !== 'titre') {
    throw new TitresError('usage', [
      problem('TITRE_INCONNU', `titre « ${exercice}-${numero} » introuvable dans le journal des titres émis (R10)`),
    ]);
  }
  return netOf(history, titre);
}

/** Every titre (type titre) of a commune, service and exercice, in journal order, annulled or not. */
export function titresOf(history: History, exercice: number, codeInsee: string, service: string): IssuedDocument[] {
  return history.documents.filter(
    (d) => d.type === 'titre' && d.exercice === exercice && d.codeInsee === codeInsee && d.service === service,
  );
}

/**
 * The current titre of a commune, service and exercice: the last one whose net amount is not zero
 * (a fully annulled titre no longer counts, R10). undefined when there is none.
 */
export function findTitre(
  history: History,
  exercice: number,
  codeInsee: string,
  service: string,
): IssuedDocument | undefined {
  const live = titresOf(history, exercice, codeInsee, service).filter((t) => netOf(history, t).gt(0));
  return live[live.length - 1];
}

/** findTitre with its net amount. */
export function currentTitre(
  history: History,
  exercice: number,
  codeInsee: string,
  service: string,
): { titre: IssuedDocument; net: Decimal } | undefined {
  const titre = findTitre(history, exercice, codeInsee, service);
  return titre ? { titre, net: netOf(history, titre) } : undefined;
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
