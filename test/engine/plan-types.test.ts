/**
 * R9 numbering series and R10 « Closed exercice »: titres, réductions and annulations share the
 * titres series of their exercice and go into a bordereau; the statement (état des annulations)
 * supporting a mandat on compte 673 has its own series and no bordereau.
 */
import { describe, expect, it } from 'vitest';
import { documentKey, hasBordereau, seriesOf } from '../../src/engine/plan-types.js';

describe('R9 / R10 series of a document', () => {
  it('titres, réductions and annulations are numbered in the titres series and go into a bordereau', () => {
    for (const type of ['titre', 'reduction', 'annulation'] as const) {
      expect(seriesOf(type)).toBe('titres');
      expect(hasBordereau(type)).toBe(true);
      expect(documentKey({ exercice: 2026, numero: 7, type })).toBe('2026-7');
    }
  });

  it('a statement of a closed exercice has its own series, its own key, and no bordereau', () => {
    expect(seriesOf('etat_annulation')).toBe('etats');
    expect(hasBordereau('etat_annulation')).toBe(false);
    expect(documentKey({ exercice: 2027, numero: 1, type: 'etat_annulation' })).toBe('2027-etat-1');
    // as read from a journal line (text cells), before any check
    expect(documentKey({ exercice: '2027', numero: '1', type: 'etat_annulation' })).toBe('2027-etat-1');
    expect(documentKey({ exercice: '2026', numero: '7' })).toBe('2026-7');
  });
});
