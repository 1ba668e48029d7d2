/**
 * The communes of a dataset, held in columns and keyed by code INSEE (issue 12, flat memory): a
 * commune as an object with its SIREN as a string weighed ~240 bytes of heap with its map entry; in
 * columns, ~190 (35 000 communes: 8.4 -> 6.7 MB). Its name is held once (its town, most often the same, is not held again), its
 * SIREN as a number, its address and postal code as the dataset's kept strings.
 *
 * Read as a ReadonlyMap<string, Commune> (MapView): `get` makes the commune's record when asked, a plain
 * object that a rendering thread receives as it is (postMessage copies own data only).
 */
import type { Commune } from './dataset.js';
import { MapView } from './sequence.js';

/** A SIREN held as a number: nine digits, the first not 0 (a commune's starts with 2). */
const SIREN_AS_NUMBER = /^[1-9]\d{8}$/;

export class CommuneTable extends MapView<string, Commune> {
  readonly #index = new Map<string, number>();
  readonly #codeInsee: string[] = [];
  readonly #nom: string[] = [];
  readonly #siren: Array<number | string> = [];
  readonly #adresse: string[] = [];
  readonly #codePostal: string[] = [];
  readonly #line: number[] = [];
  /** The town of the communes whose town is not their name. */
  readonly #ville = new Map<number, string>();
  readonly #siret = new Map<number, string>();

  constructor(communes: Iterable<Commune> = []) {
    super();
    for (const commune of communes) this.add(commune);
  }

  /** Adds a commune, which the table must not hold yet (communes.csv has one line a code). */
  add(c: Commune): void {
    if (this.#index.has(c.codeInsee)) throw new Error(`commune ${c.codeInsee} déjà dans la table`);
    const i = this.#codeInsee.length;
    this.#index.set(c.codeInsee, i);
    this.#codeInsee.push(c.codeInsee);
    this.#nom.push(c.nom);
    this.#siren.push(SIREN_AS_NUMBER.test(c.siren) ? Number(c.siren) : c.siren);
    this.#adresse.push(c.adresse);
    this.#codePostal.push(c.codePostal);
    this.#line.push(c.line);
    if (c.ville !== c.nom) this.#ville.set(i, c.ville);
    if (c.siret !== undefined) this.#siret.set(i, c.siret);
  }

  get size(): number {
    return this.#codeInsee.length;
  }

  override has(codeInsee: string): boolean {
    return this.#index.has(codeInsee);
  }

  get(codeInsee: string): Commune | undefined {
    const i = this.#index.get(codeInsee);
    return i === undefined ? undefined : this.#record(i);
  }

  /** The commune's place in the table (the order of communes.csv), for tables held in its columns (PopulationColumns). */
  indexOf(codeInsee: string): number | undefined {
    return this.#index.get(codeInsee);
  }

  /** The commune's name, without making its record (what planning and the ledgers ask most). */
  nameOf(codeInsee: string): string | undefined {
    const i = this.#index.get(codeInsee);
    return i === undefined ? undefined : this.#nom[i];
  }

  *keys(): MapIterator<string> {
    yield* this.#codeInsee;
  }

  #record(i: number): Commune {
    const nom = this.#nom[i];
    const siret = this.#siret.get(i);
    return {
      codeInsee: this.#codeInsee[i],
      nom,
      siren: String(this.#siren[i]),
      ...(siret !== undefined ? { siret } : {}),
      adresse: this.#adresse[i],
      codePostal: this.#codePostal[i],
      ville: this.#ville.get(i) ?? nom,
      line: this.#line[i],
    };
  }
}

/** A commune's name as planning and documents print it: its code when communes.csv lacks it. */
export function nameOfCommune(communes: ReadonlyMap<string, Commune>, codeInsee: string): string {
  return (communes instanceof CommuneTable ? communes.nameOf(codeInsee) : communes.get(codeInsee)?.nom) ?? codeInsee;
}
