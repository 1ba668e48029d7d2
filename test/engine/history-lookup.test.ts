/** Journal questions: net amount (R10), the current titre after an annulation, convergence (R5). */
import { describe, expect, it } from 'vitest';
import { findTitre, HistoryIndex, isConverged, netAmount } from '../../src/engine/history-lookup.js';
import { EMPTY_HISTORY, issuedDocument, type IssuedDocument } from '../../src/engine/history.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import type { PlannedDocument } from '../../src/engine/plan-types.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { adhesion, amount, at2026, d, dataset, ECULLY, issued, thrownError } from './fixtures.js';

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

  it('a statement of a closed exercice (own series) never answers for the titre of the same number, yet nets it (R10)', () => {
    // 2027's statement n° 1 reduces 2026's titre n° 3; 2027's titre n° 1 is another document
    const etat = issued({ exercice: 2027, numero: 1, codeInsee: ECULLY, type: 'etat_annulation', montant: d('100.00'), titreOrigine: { exercice: 2026, numero: 3 } });
    const titre2027 = issued({ exercice: 2027, numero: 1, codeInsee: ECULLY, montant: d('1270.50') });
    const journal = index(titre, etat, titre2027);
    expect(journal.findDocument(2027, 1)).toBe(titre2027);
    expect(journal.netOf(titre).toFixed(2)).toBe('1110.00');
    expect(index(titre, etat).findDocument(2027, 1)).toBeUndefined();
  });

  it('a correction without an original titre is not counted against any titre', () => {
    const orphan = issued({ exercice: 2026, numero: 8, codeInsee: ECULLY, type: 'reduction', montant: d('10.00') });
    expect(index(titre, orphan).netOf(titre).toFixed(2)).toBe('1210.00');
  });

  it('netAmount names the titre it cannot find, and refuses a correction', () => {
    const e = thrownError(() => netAmount({ documents: [titre, reduction] }, 2026, 5));
    expect(e.kind).toBe('usage'); // the user named it: exit 2, not a damaged journal
    expect(e.problems).toEqual([
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
    const plain: PlannedDocument = { type: 'titre', exercice: 2026, codeInsee: ECULLY, commune: 'Écully', service: 'laclasse', montant: d('15.00'), liquidation: [], figures: {} };
    // toStrictEqual: an absent field is not there at all (toEqual would accept it as undefined)
    expect(issuedDocument(plain, n)).toStrictEqual({ exercice: 2026, numero: 12, bordereau: 2, dateEmission: '2026-06-15', type: 'titre', codeInsee: ECULLY, service: 'laclasse', montant: d('15.00'), fichier: 'f.pdf', sha256: 'a'.repeat(64) });
    const full: PlannedDocument = { ...plain, type: 'reduction', regime: 'transitoire', titreOrigine: { exercice: 2026, numero: 3 }, contributionCible: d('20.00'), converge: false, motif: 'erreur' };
    expect(issuedDocument(full, n)).toStrictEqual({
      exercice: 2026,
      numero: 12,
      bordereau: 2,
      dateEmission: '2026-06-15',
      type: 'reduction',
      codeInsee: ECULLY,
      service: 'laclasse',
      montant: d('15.00'),
      regime: 'transitoire',
      titreOrigine: { exercice: 2026, numero: 3 },
      contributionCible: d('20.00'),
      converge: false,
      motif: 'erreur',
      fichier: 'f.pdf',
      sha256: 'a'.repeat(64),
    });
    // the chained journal's size and ledger hash, when the issue gives them
    expect(issuedDocument(plain, { ...n, taille: 2048, ledgerSha256: 'b'.repeat(64) })).toStrictEqual({
      ...issuedDocument(plain, n),
      taille: 2048,
      ledgerSha256: 'b'.repeat(64),
    });
  });

  it('the empty journal (no OUT folder yet) has issued nothing: every adhesion gets its titre', () => {
    const data = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })] });
    expect(EMPTY_HISTORY.documents).toHaveLength(0);
    expect(amount(planExercice(data, EMPTY_HISTORY, at2026), ECULLY)).toBe('1210.00');
  });
});
