/**
 * A populations file's figures held in columns beside the dataset's communes (issue 12, flat
 * memory): a figure as an object in a map of its own weighed ~100 bytes a commune; here three
 * 32-bit numbers at the commune's place in the CommuneTable. A figure of a code that is not a
 * commune of the table, or summed from arrondissements (Lyon, R3), is held as it was read.
 *
 * Read as the ReadonlyMap<string, PopulationFigures> it replaces (MapView), in code order (the reader's).
 */
import type { CommuneTable } from './commune-table.js';
import type { PopulationFigures } from './dataset.js';
import { MapView } from './sequence.js';

const INT32_MAX = 2 ** 31 - 1;

const fitsInt32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= INT32_MAX;

export class PopulationColumns extends MapView<string, PopulationFigures> {
  readonly #communes: CommuneTable;
  readonly #municipale: Int32Array;
  readonly #totale: Int32Array;
  /** The figure's line in its file; 0 where the commune has no figure (a file's lines start at 1). */
  readonly #line: Int32Array;
  readonly #other = new Map<string, PopulationFigures>();
  readonly #size: number;

  constructor(communes: CommuneTable, figures: ReadonlyMap<string, PopulationFigures>) {
    super();
    this.#communes = communes;
    this.#municipale = new Int32Array(communes.size);
    this.#totale = new Int32Array(communes.size);
    this.#line = new Int32Array(communes.size);
    for (const [code, f] of figures) {
      const i = communes.indexOf(code);
      const plain = f.sommeArrondissements === undefined && f.line > 0 && [f.municipale, f.totale, f.line].every(fitsInt32);
      if (i === undefined || !plain) {
        this.#other.set(code, f);
        continue;
      }
      this.#municipale[i] = f.municipale;
      this.#totale[i] = f.totale;
      this.#line[i] = f.line;
    }
    this.#size = figures.size;
  }

  get size(): number {
    return this.#size;
  }

  get(codeInsee: string): PopulationFigures | undefined {
    const i = this.#communes.indexOf(codeInsee);
    if (i !== undefined && this.#line[i] > 0) return { municipale: this.#municipale[i], totale: this.#totale[i], line: this.#line[i] };
    return this.#other.get(codeInsee);
  }

  /** In code order, as the reader gives its map. */
  *keys(): MapIterator<string> {
    const codes = [...this.#other.keys()];
    let i = 0;
    for (const code of this.#communes.keys()) if (this.#line[i++] > 0) codes.push(code);
    yield* codes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
