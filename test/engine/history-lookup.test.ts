/** Journal questions: net amount (R10), the current titre after an annulation, convergence (R5). */
import { describe, expect, it } from 'vitest';
import { findTitre, HistoryIndex, isConverged, netAmount } from '../../src/engine/history-lookup.js';
import { issuedDocument, type IssuedDocument } from '../../src/engine/history.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { d, ECULLY, issued, thrownError } from './fixtures.js';

const titre = issued({ exercice: 2026, numero: 3, codeInsee: ECULLY, montant: d('1210.00') });
const reduction = issued({ exercice: 2026, numero: 5, codeInsee: ECULLY, type: 'reduction', montant: d('110.00'), titreOrigine: { exercice: 2026, numero: 3 } });
const annulation = issued({ exercice: 2026, numero: 6, codeInsee: ECULLY, type: 'annulation', montant: d('1100.00'), titreOrigine: { exercice: 2026, numero: 3 } });
const reissued = issued({ exercice: 2026, numero: 7, codeInsee: ECULLY, montant: d('1200.00') });

describe('history lookup', () => {
  it('nets a titre of its reductions', () => {
    expect(netAmount({ documents: [titre, reduction] }, 2026, 3).toFixed(2)).toBe('1100.00');
  });

  it('throws TITRE_INCONNU for a titre not in the journal', () => {
    expect(() => netAmount({ documents: [titre] }, 2026, 4)).toThrow(TitresError);
  });

  it('finds no current titre after a full annulation, then the new one', () => {
    expect(findTitre({ documents: [titre, reduction] }, 2026, ECULLY, 'laclasse')?.numero).toBe(3);
    expect(findTitre({ documents: [titre, reduction, annulation] }, 2026, ECULLY, 'laclasse')).toBeUndefined();
    expect(findTitre({ documents: [titre, reduction, annulation, reissued] }, 2026, ECULLY, 'laclasse')?.numero).toBe(7);
    expect(findTitre({ documents: [titre] }, 2026, ECULLY, 'toodego')).toBeUndefined();
  });

  it('reads convergence from the journal flag, else from the amount and the target', () => {
    expect(isConverged({ ...titre, converge: true })).toBe(true);
    expect(isConverged({ ...titre, contributionCible: d('1425.55') })).toBe(false);
    expect(isConverged({ ...titre, contributionCible: d('1210.00') })).toBe(true);
  });
});

describe('history lookup: edges of the journal (R5, R9, R10)', () => {
  const index = (...documents: IssuedDocument[]) => new HistoryIndex({ documents });

  it('never nets a titre below zero', () => {
    const over = issued({ exercice: 2026, numero: 5, codeInsee: ECULLY, type: 'reduction', montant: d('1300.00'), titreOrigine: { exercice: 2026, numero: 3 } });
    const journal = index(titre, over);
    expect(journal.netOf(titre).toString()).toBe('0');
    expect(journal.currentTitre(2026, ECULLY, 'laclasse')).toBeUndefined();
  });

  it('the current titre is the last one with a net amount, with that net', () => {
    const journal = index(titre, reissued, reduction);
    expect(journal.currentTitre(2026, ECULLY, 'laclasse')?.titre.numero).toBe(7);
    expect(journal.currentTitre(2026, ECULLY, 'laclasse')?.net.toFixed(2)).toBe('1200.00');
    const reducedFirst = index(reissued, titre, reduction);
    expect(reducedFirst.currentTitre(2026, ECULLY, 'laclasse')).toMatchObject({ titre: { numero: 3 } });
    expect(reducedFirst.currentTitre(2026, ECULLY, 'laclasse')?.net.toFixed(2)).toBe('1100.00');
    expect(journal.currentTitre(2027, ECULLY, 'laclasse')).toBeUndefined();
    expect(journal.currentTitre(2026, '69033', 'laclasse')).toBeUndefined();
  });

  it('finds any document by its number, corrections by the titre they cite, titres by commune and service', () => {
    const journal = index(titre, reduction, annulation, reissued);
    expect(journal.findDocument(2026, 5)).toBe(reduction);
    expect(journal.findDocument(2027, 5)).toBeUndefined();
    expect(journal.correctionsOf(2026, 3)).toEqual([reduction, annulation]);
    expect(journal.correctionsOf(2026, 7)).toEqual([]);
    expect(journal.titresOf(2026, ECULLY, 'laclasse')).toEqual([titre, reissued]);
    expect(journal.titresOf(2026, ECULLY, 'toodego')).toEqual([]);
    // a number met twice (a damaged journal, which verify reports): the first one answers
    const twice = issued({ exercice: 2026, numero: 3, codeInsee: '69033', montant: d('1.00') });
    expect(index(titre, twice).findDocument(2026, 3)).toBe(titre);
  });

  it('a correction without an original titre is not counted against any titre', () => {
    const orphan = issued({ exercice: 2026, numero: 8, codeInsee: ECULLY, type: 'reduction', montant: d('10.00') });
    expect(index(titre, orphan).netOf(titre).toFixed(2)).toBe('1210.00');
  });

  it('netAmount names the titre it cannot find, and refuses a correction', () => {
    expect(thrownError(() => netAmount({ documents: [titre, reduction] }, 2026, 5)).problems).toEqual([
      expect.objectContaining({ code: 'TITRE_INCONNU', message: 'titre « 2026-5 » introuvable dans le journal des titres émis (R10)' }),
    ]);
  });

  it('convergence without a flag nor a cible: a titre of regime cible has converged, a transitional one has not', () => {
    const bare = { ...titre };
    expect(isConverged({ ...bare, regime: 'cible' })).toBe(true);
    expect(isConverged({ ...bare, regime: 'transitoire' })).toBe(false);
    expect(isConverged({ ...bare, regime: 'transitoire', converge: true })).toBe(true);
    expect(isConverged({ ...bare, regime: 'cible', converge: false, contributionCible: d('1210.00') })).toBe(false);
  });

  it('records a planned document as issued, leaving out what it does not have', () => {
    const n = { numero: 12, bordereau: 2, dateEmission: '2026-06-15', fichier: 'f.pdf', sha256: 'a'.repeat(64) };
    const plain = { type: 'titre', exercice: 2026, codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', montant: d('15.00'), liquidation: [], figures: {} } as const;
    expect(issuedDocument(plain, n)).toEqual({ exercice: 2026, numero: 12, bordereau: 2, dateEmission: '2026-06-15', type: 'titre', codeInsee: ECULLY, service: 'laclasse', montant: d('15.00'), fichier: 'f.pdf', sha256: 'a'.repeat(64) });
    const full = { ...plain, type: 'reduction', regime: 'transitoire', titreOrigine: { exercice: 2026, numero: 3 }, contributionCible: d('20.00'), converge: false, motif: 'erreur' } as const;
    expect(issuedDocument(full, n)).toMatchObject({ regime: 'transitoire', titreOrigine: { exercice: 2026, numero: 3 }, contributionCible: d('20.00'), converge: false, motif: 'erreur', type: 'reduction' });
  });
});
