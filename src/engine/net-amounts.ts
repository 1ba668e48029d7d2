/**
 * Net amounts of titres (R10): a titre's amount minus its réductions and annulations, from the
 * history and updated as a run issues corrections.
 */
import type { History, IssuedDocument } from './history.js';
import type { Decimal } from './money.js';

export const titreKey = (ref: { exercice: number; numero: number }): string => `${ref.exercice}-${ref.numero}`;

const pairKey = (exercice: number, codeInsee: string, service: string): string => `${exercice}|${codeInsee}|${service}`;

export class NetAmounts {
  private readonly titres = new Map<string, IssuedDocument>();
  private readonly nets = new Map<string, Decimal>();
  private readonly byPair = new Map<string, string[]>();

  constructor(history: History) {
    for (const doc of history.documents) if (doc.type === 'titre') this.addTitre(doc);
    for (const doc of history.documents) {
      if (doc.type !== 'titre' && doc.titreOrigine) this.reduce(doc.titreOrigine, doc.montant);
    }
  }

  addTitre(doc: IssuedDocument): void {
    this.titres.set(titreKey(doc), doc);
    this.nets.set(titreKey(doc), doc.montant);
    const pair = pairKey(doc.exercice, doc.codeInsee, doc.service);
    this.byPair.set(pair, [...(this.byPair.get(pair) ?? []), titreKey(doc)]);
  }

  titre(ref: { exercice: number; numero: number }): IssuedDocument | undefined {
    return this.titres.get(titreKey(ref));
  }

  net(ref: { exercice: number; numero: number }): Decimal | undefined {
    return this.nets.get(titreKey(ref));
  }

  /** Records a correction; returns the net after it (may be negative: callers check). */
  reduce(ref: { exercice: number; numero: number }, amount: Decimal): Decimal | undefined {
    const net = this.nets.get(titreKey(ref));
    if (net === undefined) return undefined;
    const after = net.minus(amount);
    this.nets.set(titreKey(ref), after);
    return after;
  }

  /** Titres with a positive net amount, by exercice/commune/service (R9: never issue twice). */
  liveTitreFor(exercice: number, codeInsee: string, service: string): IssuedDocument | undefined {
    const key = this.byPair.get(pairKey(exercice, codeInsee, service))?.find((k) => this.nets.get(k)!.gt(0));
    return key === undefined ? undefined : this.titres.get(key);
  }
}
