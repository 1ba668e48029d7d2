/**
 * The lines of a journal as the folder check reads them (issue 10: 70 000 lines checked before
 * each run in under a second): per line, only what the check needs (numbering, bordereau, montant
 * in cents, size and file, chain), in typed columns; the line's document is made when first asked
 * for.
 *
 * - A canonical line (journal-format.ts: canonicalFacts) is kept as where it lies in the journal's
 *   text, which the columns' strings share. Its document, made on demand by canonicalDocument from
 *   that same text, is the one the reader would have made at once.
 * - Any other line is kept with its document, read at once (fromJournalRecord).
 *
 * Why: the 70 000 documents, their Decimals and their strings were about half of the check's
 * work, most of it the garbage collector copying them and this machine's first touch of the memory
 * they fill. The check asks for no document (except to name one in a problem); a run's plan asks
 * for them (its history), and they are then made once.
 */
import type { IssuedDocument } from '../engine/history.js';
import { amountOfCents, sum, toAmountString } from '../engine/money.js';
import type { DocumentType } from '../engine/plan-types.js';
import { canonicalDocument, DOCUMENT_TYPES as TYPES, type CanonicalFacts, type JournalRecordContext } from './journal-format.js';

export interface JournalEntry {
  doc: IssuedDocument;
  line: number; // 1-based line in journal.csv
  /** The line's `chaine` cell ('' on a journal written before the chain). */
  chain: string;
}

/** What the numbering and the bordereaux need of a line (engine/bordereaux.ts: journalGroupsOf). */
export interface JournaledLine {
  exercice: number;
  numero: number;
  bordereau: number;
  type: DocumentType;
  service: string;
  dateEmission: string;
  legacySeries: boolean;
}

const LEGACY_SERIES = 1;
const CITES_ORIGIN = 2;
/** The chain cell: 64 hexadecimal digits ending a canonical line. */
const CHAIN_LENGTH = 64;

export class JournalLines {
  /** How many document lines. */
  length = 0;
  private lineNumbers!: Int32Array;
  // numbers as the journal may hold them (up to 15 digits: journal-format.ts), exactly
  private exercices!: Float64Array;
  private numeros!: Float64Array;
  private bordereaux!: Float64Array;
  private types!: Uint8Array;
  private flags!: Uint8Array;
  private tailles!: Float64Array;
  private centsOf!: Float64Array;
  private readonly services: string[] = [];
  private readonly dates: string[] = [];
  /** Where a canonical line lies: its piece of text (-1: a document read at once), its bounds, its fichier cell. */
  private pieceOf!: Int32Array;
  private starts!: Int32Array;
  private ends!: Int32Array;
  private fichierStarts!: Int32Array;
  private fichierEnds!: Int32Array;
  private readonly pieces: string[] = [];
  /** Each line's entry, once made (at once for a line that is not canonical). */
  private readonly made: (JournalEntry | undefined)[] = [];
  /** Whether every entry is made (`made` is then every line's). */
  private complete = false;
  private docs: IssuedDocument[] | undefined;

  /**
   * `ctx`: the context the canonical lines were read with, which makes their documents. `capacity`:
   * the lines expected at most (more are taken, by growing): columns a little too long cost nothing,
   * as pages never written are never touched.
   */
  constructor(
    private readonly ctx?: JournalRecordContext,
    capacity = 16,
  ) {
    this.allocate(Math.max(16, capacity));
  }

  /** The lines of entries read at once (a journal parseJournal read, a test's). */
  static of(entries: Iterable<JournalEntry>): JournalLines {
    const lines = new JournalLines();
    for (const entry of entries) lines.add(entry);
    return lines;
  }

  /** Adds the canonical line text[start, end), physical line `line`, whose facts canonicalFacts just read. */
  addCanonical(text: string, start: number, end: number, line: number, facts: CanonicalFacts): void {
    const k = this.next(line, facts, facts.originExercice >= 0, facts.cents, facts.taille);
    if (this.pieces[this.pieces.length - 1] !== text) this.pieces.push(text);
    this.pieceOf[k] = this.pieces.length - 1;
    this.starts[k] = start;
    this.ends[k] = end;
    this.fichierStarts[k] = facts.fichierStart;
    this.fichierEnds[k] = facts.fichierEnd;
  }

  /** Adds a line read at once, with its document. */
  add(entry: JournalEntry): void {
    const { doc } = entry;
    const k = this.next(entry.line, { ...doc, legacySeries: doc.legacySeries === true }, doc.titreOrigine !== undefined, exactCents(doc), doc.taille ?? NaN);
    this.pieceOf[k] = -1;
    this.made[k] = entry;
  }

  private next(line: number, d: JournaledLine, citesOrigin: boolean, cents: number, taille: number): number {
    const k = this.length;
    if (k === this.lineNumbers.length) this.allocate(2 * k);
    this.length++;
    this.lineNumbers[k] = line;
    this.exercices[k] = d.exercice;
    this.numeros[k] = d.numero;
    this.bordereaux[k] = d.bordereau;
    this.types[k] = TYPES.indexOf(d.type);
    this.flags[k] = (d.legacySeries ? LEGACY_SERIES : 0) | (citesOrigin ? CITES_ORIGIN : 0);
    this.tailles[k] = taille;
    this.centsOf[k] = cents;
    this.services.push(d.service);
    this.dates.push(d.dateEmission);
    this.made.push(undefined);
    return k;
  }

  /** Columns for `capacity` lines, holding the lines read so far. */
  private allocate(capacity: number): void {
    const longer = <A extends Int32Array | Uint8Array | Float64Array>(a: A | undefined, made: A): A => {
      if (a !== undefined) made.set(a.subarray(0, this.length));
      return made;
    };
    this.lineNumbers = longer(this.lineNumbers, new Int32Array(capacity));
    this.exercices = longer(this.exercices, new Float64Array(capacity));
    this.numeros = longer(this.numeros, new Float64Array(capacity));
    this.bordereaux = longer(this.bordereaux, new Float64Array(capacity));
    this.types = longer(this.types, new Uint8Array(capacity));
    this.flags = longer(this.flags, new Uint8Array(capacity));
    this.tailles = longer(this.tailles, new Float64Array(capacity));
    this.centsOf = longer(this.centsOf, new Float64Array(capacity));
    this.pieceOf = longer(this.pieceOf, new Int32Array(capacity));
    this.starts = longer(this.starts, new Int32Array(capacity));
    this.ends = longer(this.ends, new Int32Array(capacity));
    this.fichierStarts = longer(this.fichierStarts, new Int32Array(capacity));
    this.fichierEnds = longer(this.fichierEnds, new Int32Array(capacity));
  }

  /** 0, 1, …, length - 1: every line, by its index. */
  indexes(): number[] {
    const all = new Array<number>(this.length);
    for (let k = 0; k < this.length; k++) all[k] = k;
    return all;
  }

  /** The physical line (1-based) of line k. */
  line(k: number): number {
    return this.lineNumbers[k];
  }

  type(k: number): DocumentType {
    return TYPES[this.types[k]];
  }

  exercice(k: number): number {
    return this.exercices[k];
  }

  numero(k: number): number {
    return this.numeros[k];
  }

  /** Whether line k is a correction citing a titre (titre_origine). */
  citesOrigin(k: number): boolean {
    return (this.flags[k] & CITES_ORIGIN) !== 0;
  }

  /** The bordereau number of line k (0 for a statement of compte 673). */
  bordereau(k: number): number {
    return this.bordereaux[k];
  }

  /** Whether lines i and j are of one bordereau run: same number, type, service, date and series. */
  sameBordereau(i: number, j: number): boolean {
    return (
      this.bordereaux[i] === this.bordereaux[j] &&
      this.types[i] === this.types[j] &&
      this.services[i] === this.services[j] &&
      this.dates[i] === this.dates[j] &&
      (this.flags[i] & LEGACY_SERIES) === (this.flags[j] & LEGACY_SERIES)
    );
  }

  /** What the numbering and the bordereaux need of line k (a new object). */
  journaled(k: number): JournaledLine {
    return {
      exercice: this.exercices[k],
      numero: this.numeros[k],
      bordereau: this.bordereaux[k],
      type: TYPES[this.types[k]],
      service: this.services[k],
      dateEmission: this.dates[k],
      legacySeries: (this.flags[k] & LEGACY_SERIES) !== 0,
    };
  }

  /** The journaled size of line k's PDF, if the line has one. */
  taille(k: number): number | undefined {
    const taille = this.tailles[k];
    return Number.isNaN(taille) ? undefined : taille;
  }

  fichier(k: number): string {
    const piece = this.pieceOf[k];
    return piece < 0 ? this.made[k]!.doc.fichier : this.pieces[piece].slice(this.fichierStarts[k], this.fichierEnds[k]);
  }

  /** The `chaine` cell of line k ('' on a journal written before the chain). */
  chain(k: number): string {
    const piece = this.pieceOf[k];
    return piece < 0 ? this.made[k]!.chain : this.pieces[piece].slice(this.ends[k] - CHAIN_LENGTH, this.ends[k]);
  }

  /** The sum of the montants of lines `ks`, as toAmountString writes it. */
  total(ks: readonly number[]): string {
    let cents = 0;
    for (const k of ks) cents += this.centsOf[k];
    // each term exact: the sum is, as long as it stays a safe integer
    if (Number.isSafeInteger(cents)) return amountOfCents(cents);
    return toAmountString(sum(ks.map((k) => this.entry(k).doc.montant)));
  }

  /** Line k with its document (made now if it was not). */
  entry(k: number): JournalEntry {
    let entry = this.made[k];
    if (entry === undefined) {
      const doc = canonicalDocument(this.pieces[this.pieceOf[k]], this.starts[k], this.ends[k], this.ctx!);
      if (doc === undefined) throw new Error(`journal line ${this.lineNumbers[k]}: read as canonical, its document could not be made again`);
      entry = { doc, line: this.lineNumbers[k], chain: this.chain(k) };
      this.made[k] = entry;
    }
    return entry;
  }

  /** Every line with its document, in file order (made once). */
  entries(): readonly JournalEntry[] {
    if (!this.complete) {
      for (let k = 0; k < this.length; k++) this.entry(k);
      this.complete = true;
    }
    return this.made as JournalEntry[];
  }

  /** Every line's document, in file order (made once). */
  documents(): IssuedDocument[] {
    this.docs ??= this.entries().map((e) => e.doc);
    return this.docs;
  }
}

/** A document's montant in cents, NaN when it is not a whole number of cents a number holds exactly. */
function exactCents(doc: IssuedDocument): number {
  const cents = doc.montant.times(100);
  return cents.isInteger() && cents.abs().lte(Number.MAX_SAFE_INTEGER) ? cents.toNumber() : NaN;
}
