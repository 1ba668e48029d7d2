/**
 * R10 net amounts as a run goes (net-amounts.ts): a titre's amount minus its réductions and
 * annulations, from the journal, then updated by each correction the run plans; the live titre of a
 * pair (R9: never issue twice). The shell's plan checks (src/apply/validate-plan.ts) rest on it.
 */
import { describe, expect, it } from 'vitest';
import { NetAmounts } from '../../src/engine/net-amounts.js';
import { d, ECULLY, issued, SMALL } from './fixtures.js';

const titre = issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1210.00') });
const other = issued({ exercice: 2026, numero: 2, codeInsee: SMALL, montant: d('496.98') });
const reduction = issued({ exercice: 2026, numero: 3, codeInsee: ECULLY, type: 'reduction', montant: d('110.00'), titreOrigine: { exercice: 2026, numero: 1 } });
const etat = issued({ exercice: 2027, numero: 1, codeInsee: ECULLY, type: 'etat_annulation', montant: d('100.00'), titreOrigine: { exercice: 2026, numero: 1 } });

describe('R10 net amounts', () => {
  it('nets each titre of its own corrections, a statement of compte 673 included, wherever they stand in the journal', () => {
    const nets = new NetAmounts({ documents: [reduction, etat, titre, other] });
    expect(nets.net(titre)?.toFixed(2)).toBe('1000.00');
    expect(nets.net(other)?.toFixed(2)).toBe('496.98');
    expect(nets.titre({ exercice: 2026, numero: 1 })).toBe(titre);
    // a correction is not a titre: it has no net amount of its own
    expect(nets.titre({ exercice: 2026, numero: 3 })).toBeUndefined();
    expect(nets.net({ exercice: 2026, numero: 3 })).toBeUndefined();
    expect(nets.titre({ exercice: 2027, numero: 1 })).toBeUndefined();
  });

  it('a correction without an original titre counts against none', () => {
    const orphan = issued({ exercice: 2026, numero: 4, codeInsee: ECULLY, type: 'reduction', montant: d('10.00') });
    expect(new NetAmounts({ documents: [titre, orphan] }).net(titre)?.toFixed(2)).toBe('1210.00');
  });

  it('records the run’s corrections one after the other, and may go below zero (the plan check refuses it)', () => {
    const nets = new NetAmounts({ documents: [titre] });
    expect(nets.reduce(titre, d('1000.00'))?.toFixed(2)).toBe('210.00');
    expect(nets.reduce(titre, d('300.00'))?.toFixed(2)).toBe('-90.00');
    expect(nets.net(titre)?.toFixed(2)).toBe('-90.00');
    expect(nets.reduce({ exercice: 2026, numero: 9 }, d('1.00'))).toBeUndefined();
  });

  it('the live titre of a pair is the first with a positive net: none once annulled, the new one once re-issued', () => {
    const annulation = issued({ exercice: 2026, numero: 5, codeInsee: ECULLY, type: 'annulation', montant: d('1210.00'), titreOrigine: { exercice: 2026, numero: 1 } });
    const reissued = issued({ exercice: 2026, numero: 6, codeInsee: ECULLY, montant: d('1200.00') });
    expect(new NetAmounts({ documents: [titre, other] }).liveTitreFor(2026, ECULLY, 'laclasse')).toBe(titre);
    expect(new NetAmounts({ documents: [titre, annulation] }).liveTitreFor(2026, ECULLY, 'laclasse')).toBeUndefined();
    expect(new NetAmounts({ documents: [titre, annulation, reissued] }).liveTitreFor(2026, ECULLY, 'laclasse')).toBe(reissued);
    const nets = new NetAmounts({ documents: [titre, other] });
    expect(nets.liveTitreFor(2026, ECULLY, 'toodego')).toBeUndefined();
    expect(nets.liveTitreFor(2027, ECULLY, 'laclasse')).toBeUndefined();
    expect(nets.liveTitreFor(2026, SMALL, 'laclasse')).toBe(other);
    // a titre added by the run counts at once
    const reissuedInRun = issued({ exercice: 2026, numero: 7, codeInsee: ECULLY, montant: d('1.00'), service: 'toodego' });
    nets.addTitre(reissuedInRun);
    expect(nets.liveTitreFor(2026, ECULLY, 'toodego')).toBe(reissuedInRun);
  });
});
