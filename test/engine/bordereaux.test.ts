/**
 * The one home of the bordereau grouping (R9, PES TypBord): a run's groups, the journal's
 * bordereaux, the next number of each type's series, and their French names.
 */
import { describe, expect, it } from 'vitest';
import { bordereauLabel, bordereauShort, journalGroups, NATURES, natureOf, natureOfTypBord, nextBordereauNumbers, runGroups, TYP_BORD } from '../../src/engine/bordereaux.js';
import { d, issued } from './fixtures.js';

describe('bordereaux', () => {
  it('groups a run by service and nature in order of first appearance; a statement of compte 673 goes in none', () => {
    const docs = [
      { service: 'toodego', type: 'titre' as const, id: 'a' },
      { service: 'laclasse', type: 'reduction' as const, id: 'b' },
      { service: 'toodego', type: 'titre' as const, id: 'c' },
      { service: 'laclasse', type: 'annulation' as const, id: 'd' },
      { service: 'laclasse', type: 'etat_annulation' as const, id: 'e' },
      { service: 'laclasse', type: 'titre' as const, id: 'f' },
    ];
    expect(runGroups(docs).map((g) => [g.service, g.nature, g.documents.map((x) => x.id)])).toEqual([
      ['toodego', 'titres', ['a', 'c']],
      ['laclasse', 'reductions', ['b', 'd']],
      ['laclasse', 'titres', ['f']],
    ]);
    expect(runGroups([])).toEqual([]);
  });

  it('reads the journal’s bordereaux sorted by exercice, type (titres first) and number, their documents by number', () => {
    const journal = [
      issued({ exercice: 2027, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1.00') }),
      issued({ exercice: 2026, numero: 3, bordereau: 1, codeInsee: '69081', montant: d('1.00'), type: 'reduction' }),
      issued({ exercice: 2026, numero: 2, bordereau: 2, codeInsee: '69089', montant: d('1.00') }),
      issued({ exercice: 2026, numero: 1, bordereau: 2, codeInsee: '69081', montant: d('1.00') }),
      issued({ exercice: 2027, numero: 1, bordereau: 0, codeInsee: '69081', montant: d('1.00'), type: 'etat_annulation' }),
      issued({ exercice: 2026, numero: 4, bordereau: 3, codeInsee: '69091', montant: d('1.00') }),
      issued({ exercice: 2026, numero: 5, bordereau: 1, codeInsee: '69091', montant: d('1.00') }),
    ];
    expect(journalGroups(journal).map((g) => [g.exercice, g.nature, g.numero, g.documents.map((x) => x.numero)])).toEqual([
      [2026, 'titres', 1, [5]],
      [2026, 'titres', 2, [1, 2]],
      [2026, 'titres', 3, [4]],
      [2026, 'reductions', 1, [3]],
      [2027, 'titres', 1, [1]],
    ]);
    expect(journalGroups(journal, 2027).map((g) => g.numero)).toEqual([1]);
  });

  it('R9: a bordereau is its exercice, type and number, wherever its documents are in the journal', () => {
    const journal = [
      issued({ exercice: 2026, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1.00') }),
      // the same number right after, in another exercice, then for the other type: other bordereaux
      issued({ exercice: 2027, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1.00') }),
      issued({ exercice: 2027, numero: 2, bordereau: 1, codeInsee: '69081', montant: d('1.00'), type: 'reduction' }),
      // back to the first bordereau after the others: it is still one bordereau
      issued({ exercice: 2026, numero: 2, bordereau: 1, codeInsee: '69089', montant: d('1.00') }),
    ];
    expect(journalGroups(journal).map((g) => [g.exercice, g.nature, g.numero, g.documents.map((x) => x.numero)])).toEqual([
      [2026, 'titres', 1, [1, 2]],
      [2027, 'titres', 1, [1]],
      [2027, 'reductions', 1, [2]],
    ]);
  });

  it('gives each type the next number of its own series, or the first number when it has none', () => {
    const journal = [
      issued({ exercice: 2026, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1.00'), legacySeries: true }),
      issued({ exercice: 2026, numero: 2, bordereau: 2, codeInsee: '69081', montant: d('1.00'), type: 'reduction', legacySeries: true }),
      issued({ exercice: 2026, numero: 3, bordereau: 0, codeInsee: '69081', montant: d('1.00'), type: 'etat_annulation' }),
    ];
    expect(nextBordereauNumbers(journal, 2026, 1)).toEqual({ titres: 2, reductions: 3 });
    expect(nextBordereauNumbers(journal, 2027, 5)).toEqual({ titres: 5, reductions: 5 });
    // the highest number, whatever the journal's order
    const unordered = [
      issued({ exercice: 2026, numero: 1, bordereau: 3, codeInsee: '69081', montant: d('1.00') }),
      issued({ exercice: 2026, numero: 2, bordereau: 1, codeInsee: '69089', montant: d('1.00') }),
    ];
    expect(nextBordereauNumbers(unordered, 2026, 1)).toEqual({ titres: 4, reductions: 1 });
  });

  it('names a bordereau in French and reads a TypBord', () => {
    expect(bordereauLabel({ exercice: 2026, nature: 'reductions', numero: 1 })).toBe('bordereau de réductions 2026 n° 1');
    expect(bordereauShort('titres', 3)).toBe('3 (titres)');
    expect([natureOfTypBord('01'), natureOfTypBord('02'), natureOfTypBord('03')]).toEqual(['titres', 'reductions', undefined]);
    // NATURES (which verify walks, series by series) is exactly the natures documents go into
    expect(new Set((['titre', 'reduction', 'annulation'] as const).map(natureOf))).toEqual(new Set(NATURES));
    // the TypBord written for each nature (journal, register, PES) reads back as that nature
    expect(NATURES.map((n) => natureOfTypBord(TYP_BORD[n]))).toEqual(NATURES);
  });
});
