/**
 * The journal's lines as the folder check reads them (issue 10): columns read without a document
 * made, the documents made once when asked for, the same whichever way the line was read.
 */
import { describe, expect, it } from 'vitest';
import type { IssuedDocument } from '../../src/engine/history.js';
import { dec, sum, toAmountString } from '../../src/engine/money.js';
import { JournalLines } from '../../src/io/journal-lines.js';
import { formatJournal, parseCanonicalJournal, parseJournal } from '../../src/io/journal.js';
import { journaledTitre } from './helpers/journaled-titre.js';

const FILE = '/out/journal.csv';

const titre = (numero: number, extra: Partial<IssuedDocument> = {}): IssuedDocument => journaledTitre(numero, { taille: 79_000 + numero, ...extra });

/** Both readers on a journal of `docs`: the canonical one (lines kept where they lie) and the general one (documents read at once). */
function bothReadings(docs: readonly IssuedDocument[]): JournalLines[] {
  const text = formatJournal(docs);
  const canonical = parseCanonicalJournal(text, FILE, Buffer.from(text, 'latin1'));
  expect(canonical).toBeDefined();
  return [canonical!.lines, parseJournal(text, FILE).lines];
}

describe('JournalLines (issue 10)', () => {
  it('totals montants in cents, exactly as the Decimals they read would sum', () => {
    const docs = [titre(1, { montant: dec('1210.00') }), titre(2, { montant: dec('0.05') }), titre(3, { montant: dec('98765432.10') })];
    for (const lines of bothReadings(docs)) {
      expect(lines.total([0, 1, 2])).toBe('98766642.15');
      expect(lines.total([1])).toBe('0.05');
      expect(lines.total([])).toBe('0.00');
    }
  });

  it('totals with the documents’ Decimals a montant too long to be held exactly in cents', () => {
    const huge = dec('123456789012345678.91'); // 20 digits: beyond a number's exact integers
    const docs = [titre(1, { montant: huge }), titre(2, { montant: dec('0.09') })];
    for (const lines of bothReadings(docs)) {
      expect(lines.total([0, 1])).toBe(toAmountString(sum([huge, dec('0.09')])));
      expect(lines.total([0, 1])).toBe('123456789012345679.00');
    }
    // each montant held exactly in cents, their sum not
    const big = dec('60000000000000.07');
    for (const lines of bothReadings([titre(1, { montant: big }), titre(2, { montant: big })])) {
      expect(lines.total([0, 1])).toBe('120000000000000.14');
    }
  });

  it('keeps the numbers a line may hold, up to the 15 digits the journal reader takes', () => {
    const docs = [titre(999_999_999_999_999, { bordereau: 4_294_967_297 }), titre(2_147_483_648, { bordereau: 1 })];
    for (const lines of bothReadings(docs)) {
      expect(lines.indexes().map((k) => [lines.numero(k), lines.bordereau(k), lines.journaled(k).numero])).toEqual([
        [999_999_999_999_999, 4_294_967_297, 999_999_999_999_999],
        [2_147_483_648, 1, 2_147_483_648],
      ]);
    }
  });

  it('makes each document once, the same object however it is asked for', () => {
    const [lines] = bothReadings([titre(1), titre(2)]);
    const entries = lines.entries();
    expect(lines.entries()).toBe(entries);
    expect(lines.entry(1)).toBe(entries[1]);
    expect(lines.documents()).toBe(lines.documents());
    expect(lines.documents()[0]).toBe(entries[0].doc);
    expect(entries.map((e) => e.line)).toEqual([2, 3]);
  });

  it('keeps every line it takes beyond the capacity it started with', () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({ doc: titre(i + 1, { bordereau: 1 + Math.floor(i / 10), dateEmission: `2026-06-${10 + Math.floor(i / 10)}` }), line: i + 2, chain: String(i) }));
    const lines = JournalLines.of(entries);
    expect(lines.length).toBe(40);
    expect(lines.indexes().map((k) => [lines.line(k), lines.numero(k), lines.bordereau(k), lines.taille(k), lines.chain(k), lines.fichier(k)])).toEqual(
      entries.map((e) => [e.line, e.doc.numero, e.doc.bordereau, e.doc.taille, e.chain, e.doc.fichier]),
    );
    expect(lines.entries()).toEqual(entries);
  });

  it('tells lines of one bordereau run: same number, type, service, date and series', () => {
    const base = titre(1, { bordereau: 3 });
    const others: Partial<IssuedDocument>[] = [{ bordereau: 4 }, { type: 'reduction', titreOrigine: { exercice: 2026, numero: 1 } }, { service: 'toodego' }, { dateEmission: '2026-06-16' }, { legacySeries: true }];
    for (const lines of bothReadings([base, titre(2, { bordereau: 3 }), ...others.map((o, i) => titre(3 + i, { bordereau: 3, ...o }))])) {
      expect(lines.sameBordereau(0, 1)).toBe(true);
      for (let k = 2; k < lines.length; k++) expect(lines.sameBordereau(0, k), JSON.stringify(others[k - 2])).toBe(false);
    }
  });
});
