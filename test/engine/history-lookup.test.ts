/** Journal questions: net amount (R10), the current titre after an annulation, convergence (R5). */
import { describe, expect, it } from 'vitest';
import { findTitre, isConverged, netAmount } from '../../src/engine/history-lookup.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { d, ECULLY, issued } from './fixtures.js';

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
