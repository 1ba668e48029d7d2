/**
 * A bordereau's lines held compactly (issue 12, flat memory): a national bordereau has 35 000
 * lines, and two are rendered at once at the end of a run. As objects they weighed some 150 bytes
 * a line on the main thread, and again on the rendering thread after a structured clone; here a
 * line is a number, a type index and four offsets into one string of its text, about 50 bytes,
 * and a structured clone copies these few arrays and one string at native speed. Lines are made
 * one at a time as they are read (iteration), and dropped once used.
 */
import { amountOfCents, sumOfAmounts, toAmountString } from '../engine/money.js';
import type { BordereauLine, BordereauLines } from './views.js';

/** Text fields of a line, in the order they are joined in `text`. */
const FIELDS = 4; // codeInsee, commune, montant, titreOrigine

/** What crosses to a rendering thread: plain data, copied by postMessage. */
export interface PackedLinesMessage {
  count: number;
  /** NaN for a line without a number (a preview's). */
  numeros: Float64Array;
  /** Index of each line's type in typeNames. */
  types: Uint8Array;
  typeNames: string[];
  /** 1 where the line has a titreOrigine. */
  origins: Uint8Array;
  /** End offset in `text` of each line's fields (FIELDS a line). */
  ends: Uint32Array;
  text: string;
}

export class PackedLines implements BordereauLines {
  private constructor(private readonly data: PackedLinesMessage) {}

  /** `lines` packed (as they are if already packed). */
  static of(lines: BordereauLines): PackedLines {
    return lines instanceof PackedLines ? lines : PackedLines.pack(lines);
  }

  /** Packs these lines, read once, one at a time. */
  static pack(lines: Iterable<BordereauLine>): PackedLines {
    return PackedLines.packEach(lines, (line) => line);
  }

  /** Packs the line of each item, made one at a time. */
  static packEach<T>(items: Iterable<T>, lineOf: (item: T) => BordereauLine): PackedLines {
    const builder = new PackedLinesBuilder();
    for (const item of items) builder.add(lineOf(item));
    return builder.done();
  }

  /** The lines a rendering thread received (PackedLines#message). */
  static fromMessage(message: PackedLinesMessage): PackedLines {
    return new PackedLines(message);
  }

  get length(): number {
    return this.data.count;
  }

  /** What to post to a rendering thread (PackedLines.fromMessage there). */
  message(): PackedLinesMessage {
    return this.data;
  }

  *[Symbol.iterator](): Iterator<BordereauLine> {
    const { count, numeros, types, ends, text, typeNames, origins } = this.data;
    let start = 0; // where the line's first field begins: the end of the line before
    for (let i = 0, at = 0; i < count; i++, at += FIELDS) {
      const numero = numeros[i];
      const line: BordereauLine = {
        numero: Number.isNaN(numero) ? null : numero,
        type: typeNames[types[i]] as BordereauLine['type'],
        codeInsee: text.slice(start, ends[at]),
        commune: text.slice(ends[at], ends[at + 1]),
        montant: text.slice(ends[at + 1], ends[at + 2]),
      };
      if (origins[i] === 1) line.titreOrigine = text.slice(ends[at + 2], ends[at + 3]);
      start = ends[at + 3];
      yield line;
    }
  }
}

/** Grows its arrays as lines come (doubling), then trims them to the count. */
class PackedLinesBuilder {
  private count = 0;
  private numeros = new Float64Array(64);
  private types = new Uint8Array(64);
  private origins = new Uint8Array(64);
  private ends = new Uint32Array(64 * FIELDS);
  private readonly text: string[] = [];
  private length = 0;
  private readonly typeNames: string[] = [];

  add(line: BordereauLine): void {
    if (this.count === this.numeros.length) this.grow();
    const i = this.count++;
    this.numeros[i] = line.numero ?? NaN;
    let type = this.typeNames.indexOf(line.type);
    if (type < 0) type = this.typeNames.push(line.type) - 1;
    this.types[i] = type;
    this.origins[i] = line.titreOrigine === undefined ? 0 : 1;
    this.field(i, 0, line.codeInsee);
    this.field(i, 1, line.commune);
    this.field(i, 2, line.montant);
    this.field(i, 3, line.titreOrigine ?? '');
  }

  private field(i: number, k: number, value: string): void {
    this.text.push(value);
    this.length += value.length;
    this.ends[i * FIELDS + k] = this.length;
  }

  done(): PackedLines {
    const n = this.count;
    return PackedLines.fromMessage({
      count: n,
      numeros: this.numeros.slice(0, n),
      types: this.types.slice(0, n),
      origins: this.origins.slice(0, n),
      ends: this.ends.slice(0, n * FIELDS),
      text: this.text.join(''),
      typeNames: this.typeNames,
    });
  }

  private grow(): void {
    const size = this.numeros.length * 2;
    const grown = <T extends Float64Array | Uint8Array | Uint32Array>(from: T, length: number): T => {
      const to = new (from.constructor as new (n: number) => T)(length);
      to.set(from);
      return to;
    };
    this.numeros = grown(this.numeros, size);
    this.types = grown(this.types, size);
    this.origins = grown(this.origins, size);
    this.ends = grown(this.ends, size * FIELDS);
  }
}

/**
 * The sum of a bordereau's lines (R1), as toAmountString writes it: in whole cents when every
 * amount is canonical (« 1210.00 », a safe integer of cents: exact), without a Decimal a line
 * (issue 12: a national bordereau's 35 000 lines are summed on the main thread and again on its
 * rendering thread); any other amount is summed as a Decimal.
 */
export function linesTotal(lines: BordereauLines): string {
  let cents = 0;
  for (const { montant } of lines) {
    const canonical = CANONICAL_AMOUNT.exec(montant);
    if (canonical === null) return toAmountString(sumOfAmounts(lines));
    cents += Number(canonical[1]) * 100 + Number(canonical[2]);
    if (!Number.isSafeInteger(cents)) return toAmountString(sumOfAmounts(lines));
  }
  return amountOfCents(cents);
}

/** An amount as toAmountString writes a positive one, below 2^53 cents. */
const CANONICAL_AMOUNT = /^(\d{1,13})\.(\d\d)$/;
