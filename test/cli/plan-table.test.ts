/** The plan's table: its column widths measured from the documents, as from the rows themselves (issue 12). */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money.js';
import type { PlannedDocument } from '../../src/engine/plan-types.js';
import type { NumberedDocument } from '../../src/cli/format/plan-json.js';
import { titreCells, titreCellWidths } from '../../src/cli/format/plan-table.js';

const titre = (commune: string, montant: string, cible: string, regime: 'cible' | 'transitoire' = 'cible'): PlannedDocument =>
  ({
    type: 'titre',
    exercice: 2026,
    codeInsee: '69081',
    commune,
    service: 'laclasse',
    montant: new Decimal(montant),
    contributionCible: new Decimal(cible),
    regime,
    liquidation: [],
  }) as unknown as PlannedDocument;

const reduction = (commune: string, montant: string): PlannedDocument =>
  ({ type: 'reduction', exercice: 2026, codeInsee: '2A004', commune, service: 'toodego', montant: new Decimal(montant), liquidation: [] }) as unknown as PlannedDocument;

/** Each column's longest cell, measured on the rows as textTableChunks measures them. */
const measured = (numbered: NumberedDocument[]): number[] =>
  numbered.map(titreCells).reduce((widths, cells) => widths.map((w, i) => Math.max(w, cells[i].length)), [0, 0, 0, 0, 0, 0, 0, 0]);

describe('the plan table (issue 12: rows made once, their widths measured from the documents)', () => {
  it('measures every column as its printed cells: numbers, bordereaux, names, regimes, amounts of every size and sign', () => {
    const numbered: NumberedDocument[] = [
      { document: titre('Écully', '880', '1425.55', 'transitoire'), numero: 17, bordereau: 2 },
      { document: titre('Saint-Didier-au-Mont-d’Or', '1234567.8', '0.05'), numero: 123456, bordereau: 12 },
      { document: reduction('Ajaccio', '-0.5'), numero: null, bordereau: null },
      { document: reduction('Lyon', '99999.99'), numero: 3, bordereau: 1 },
    ];
    expect(titreCellWidths(numbered)).toEqual(measured(numbered));
  });

  it('agrees with the printed cells when no row is wider than its header: one-digit numbers, short amounts', () => {
    const numbered: NumberedDocument[] = [{ document: titre('Bron', '1', '2'), numero: 1, bordereau: null }];
    expect(titreCellWidths(numbered)).toEqual(measured(numbered));
  });

  it('holds for 2 000 random amounts and numbers', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    const numbered: NumberedDocument[] = Array.from({ length: 2000 }, (_, i) => {
      const amount = `${next() % 10 ** (1 + (i % 9))}.${String(next() % 100).padStart(2, '0')}`;
      const document = i % 5 === 0 ? reduction(`Commune ${i}`, amount) : titre(`C${i}`, amount, String(next() % 100000));
      return { document, numero: i % 7 === 0 ? null : next() % 10 ** (1 + (i % 6)), bordereau: i % 3 === 0 ? null : i % 40 };
    });
    for (let from = 0; from < numbered.length; from += 100) {
      const part = numbered.slice(from, from + 100);
      expect(titreCellWidths(part)).toEqual(measured(part));
    }
  });
});
