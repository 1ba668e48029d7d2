/**
 * The adhesions of a dataset, held in columns (issue 12, flat memory): an adhesion as an object,
 * its montant antérieur as a Decimal, weighed ~180 bytes of heap; in columns, ~58 (70 000
 * adhesions: 12.5 -> 4.1 MB). A commune's code is the dataset's kept string; a service's id and a
 * date are held once for all and each adhesion holds their places, with its line, in 32-bit numbers;
 * the montant antérieur is held in cents, and the rare fields (an end, options) only for the
 * adhesions that have them.
 *
 * An adhesion is read through an `AdhesionRow`, a view of its place in the table (two fields):
 * the engine reads it as any `Adhesion`, and a planned titre holds its place (placeIn).
 */
import type { Adhesion } from './dataset.js';
import { amountHeld, heldAmount, type Decimal, type HeldAmount } from './money.js';
import { positionIn, type Sequence } from './sequence.js';

type End = Pick<Adhesion, 'dateFin' | 'motifFin' | 'datePreavis'>;

const NO_OPTIONS: ReadonlyMap<string, number> = new Map();

/** An adhesion's numbers in AdhesionTable's #fields: its service's, its dates' places in #words, its line. */
const SERVICE = 0;
const SIGNATURE = 1;
const DEBUT = 2;
const LINE = 3;
const STRIDE = 4;

export class AdhesionTable implements Sequence<Adhesion> {
  readonly #codeInsee: string[] = [];
  /** SERVICE, SIGNATURE, DEBUT and LINE of each adhesion, STRIDE numbers an adhesion; grown by doubling, then trimmed. */
  #fields = new Int32Array(64 * STRIDE);
  #length = 0;
  /** The services' ids and the dates, each once: a few hundred values for all the adhesions of France. */
  readonly #words: string[] = [];
  readonly #wordPlace = new Map<string, number>();
  /** The montant antérieur of the adhesions that have one (R5), by place. */
  readonly #montantAnterieur = new Map<number, HeldAmount>();
  readonly #end = new Map<number, End>();
  readonly #options = new Map<number, ReadonlyMap<string, number>>();

  constructor(adhesions: Iterable<Adhesion> = []) {
    for (const adhesion of adhesions) this.push(adhesion);
    this.trim();
  }

  get length(): number {
    return this.#length;
  }

  push(a: Adhesion): void {
    const index = this.#length++;
    if (this.#length * STRIDE > this.#fields.length) {
      const grown = new Int32Array(Math.max(64 * STRIDE, this.#fields.length * 2));
      grown.set(this.#fields);
      this.#fields = grown;
    }
    const at = index * STRIDE;
    this.#fields[at + SERVICE] = this.#word(a.service);
    this.#fields[at + SIGNATURE] = this.#word(a.dateSignature);
    this.#fields[at + DEBUT] = this.#word(a.dateDebut);
    this.#fields[at + LINE] = a.line;
    this.#codeInsee.push(a.codeInsee);
    if (a.montantAnterieur !== undefined) this.#montantAnterieur.set(index, amountHeld(a.montantAnterieur));
    const { dateFin, motifFin, datePreavis } = a;
    if (dateFin !== undefined || motifFin !== undefined || datePreavis !== undefined) this.#end.set(index, { dateFin, motifFin, datePreavis });
    if (a.options.size > 0) this.#options.set(index, a.options);
  }

  /** Gives back the room kept for adhesions to come, once they are all pushed. */
  trim(): void {
    if (this.#fields.length > this.#length * STRIDE) this.#fields = this.#fields.slice(0, this.#length * STRIDE);
  }

  #word(value: string): number {
    let place = this.#wordPlace.get(value);
    if (place === undefined) {
      place = this.#words.length;
      this.#words.push(value);
      this.#wordPlace.set(value, place);
    }
    return place;
  }

  at(index: number): Adhesion | undefined {
    const i = positionIn(this.length, index);
    return i < 0 ? undefined : new AdhesionRow(this, i);
  }

  *[Symbol.iterator](): Iterator<Adhesion> {
    for (let i = 0; i < this.length; i++) yield new AdhesionRow(this, i);
  }

  // The columns, read by AdhesionRow.
  codeInseeAt(i: number): string {
    return this.#codeInsee[i];
  }
  serviceAt(i: number): string {
    return this.#words[this.#fields[i * STRIDE + SERVICE]];
  }
  dateSignatureAt(i: number): string {
    return this.#words[this.#fields[i * STRIDE + SIGNATURE]];
  }
  dateDebutAt(i: number): string {
    return this.#words[this.#fields[i * STRIDE + DEBUT]];
  }
  lineAt(i: number): number {
    return this.#fields[i * STRIDE + LINE];
  }
  montantAnterieurAt(i: number): Decimal | undefined {
    const held = this.#montantAnterieur.get(i);
    return held === undefined ? undefined : heldAmount(held);
  }
  endAt(i: number): End | undefined {
    return this.#end.get(i);
  }
  optionsAt(i: number): ReadonlyMap<string, number> {
    return this.#options.get(i) ?? NO_OPTIONS;
  }
}

/** One adhesion of an AdhesionTable, read from its columns. */
class AdhesionRow implements Adhesion {
  constructor(
    readonly table: AdhesionTable,
    readonly index: number,
  ) {}

  get codeInsee(): string {
    return this.table.codeInseeAt(this.index);
  }
  get service(): string {
    return this.table.serviceAt(this.index);
  }
  get dateSignature(): string {
    return this.table.dateSignatureAt(this.index);
  }
  get dateDebut(): string {
    return this.table.dateDebutAt(this.index);
  }
  get montantAnterieur(): Decimal | undefined {
    return this.table.montantAnterieurAt(this.index);
  }
  get dateFin(): Adhesion['dateFin'] {
    return this.table.endAt(this.index)?.dateFin;
  }
  get motifFin(): Adhesion['motifFin'] {
    return this.table.endAt(this.index)?.motifFin;
  }
  get datePreavis(): Adhesion['datePreavis'] {
    return this.table.endAt(this.index)?.datePreavis;
  }
  get options(): ReadonlyMap<string, number> {
    return this.table.optionsAt(this.index);
  }
  get line(): number {
    return this.table.lineAt(this.index);
  }

  /** As JSON (a --json or a test's comparison): its fields, as the reader's record had them. */
  toJSON(): Adhesion {
    return adhesionFields(this);
  }
}

/**
 * The place of an adhesion in `adhesions` when it is one of its rows, so that what keeps it for
 * long (a planned titre) keeps a number and reads it again with `adhesions.at`; else undefined.
 */
export function placeIn(adhesions: Sequence<Adhesion>, a: Adhesion): number | undefined {
  return a instanceof AdhesionRow && a.table === adhesions ? a.index : undefined;
}

/** An adhesion's fields as a plain record: the optional ones only when present. */
export function adhesionFields(a: Adhesion): Adhesion {
  const end = { montantAnterieur: a.montantAnterieur, dateFin: a.dateFin, motifFin: a.motifFin, datePreavis: a.datePreavis };
  const present = Object.fromEntries(Object.entries(end).filter(([, v]) => v !== undefined));
  return { codeInsee: a.codeInsee, service: a.service, dateSignature: a.dateSignature, dateDebut: a.dateDebut, ...present, options: a.options, line: a.line };
}
