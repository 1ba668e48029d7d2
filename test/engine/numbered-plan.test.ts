/**
 * The numbered plan (R9, R10): numbers and bordereaux of a run, from the plan and the journal, before
 * the first write. Titres and their corrections share one series per exercice; statements of
 * compte 673 have their own series and no bordereau; bordereaux are numbered per type (TypBord 01
 * titres, 02 réductions) in order of first appearance.
 */
import { describe, expect, it } from 'vitest';
import type { History } from '../../src/engine/history.js';
import { numberPlan } from '../../src/engine/numbered-plan.js';
import type { DocumentType, Plan, PlannedDocument } from '../../src/engine/plan-types.js';
import { d, EMPTY, issued } from './fixtures.js';

const NUMBERING = { premierNumero: 1, premierBordereau: 1 };

function planned(type: DocumentType, service: string, codeInsee: string, montant = '100.00', exercice = 2026): PlannedDocument {
  return {
    type,
    exercice,
    codeInsee,
    commune: codeInsee,
    service,
    montant: d(montant),
    liquidation: [],
    figures: {},
    ...(type === 'titre' ? {} : { titreOrigine: { exercice: 2026, numero: 1 }, motif: 'erreur' }),
  };
}

function plan(documents: PlannedDocument[], exercice = 2026): Plan {
  return { exercice, dateEmission: `${exercice}-06-15`, documents, sansTitre: [], avertissements: [], total: d('0'), totalReductions: d('0') };
}

const summary = (p: ReturnType<typeof numberPlan>) => Array.from(p.documents, (n) => [n.document.type, n.numero, n.bordereau, n.nature ?? null]);

describe('numberPlan', () => {
  it('numbers a first run from the configured first numbers: one bordereau per service and nature, in order of first appearance', () => {
    const numbered = numberPlan(
      plan([planned('titre', 'laclasse', '69081'), planned('titre', 'laclasse', '69089'), planned('titre', 'toodego', '69081')]),
      EMPTY,
      { premierNumero: 101, premierBordereau: 7 },
    );
    expect(summary(numbered)).toEqual([
      ['titre', 101, 7, 'titres'],
      ['titre', 102, 7, 'titres'],
      ['titre', 103, 8, 'titres'],
    ]);
    expect(numbered.bordereaux).toEqual([
      { service: 'laclasse', nature: 'titres', numero: 7 },
      { service: 'toodego', nature: 'titres', numero: 8 },
    ]);
  });

  it('goes on from the journal: the titres series and each bordereau type from its own highest number', () => {
    const history: History = {
      documents: [
        issued({ exercice: 2026, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1210.00') }),
        issued({ exercice: 2026, numero: 2, bordereau: 2, codeInsee: '69089', montant: d('500.00'), service: 'toodego' }),
        issued({ exercice: 2026, numero: 3, bordereau: 1, codeInsee: '69081', montant: d('10.00'), type: 'reduction', titreOrigine: { exercice: 2026, numero: 1 } }),
        // another exercice's numbers do not count
        issued({ exercice: 2025, numero: 40, bordereau: 9, codeInsee: '69081', montant: d('10.00') }),
      ],
    };
    const numbered = numberPlan(plan([planned('titre', 'laclasse', '69091'), planned('reduction', 'laclasse', '69081', '5.00')]), history, NUMBERING);
    expect(summary(numbered)).toEqual([
      ['titre', 4, 3, 'titres'],
      ['reduction', 5, 2, 'reductions'],
    ]);
  });

  it('gives a statement of compte 673 its own series from 1 and no bordereau (R10, closed exercice)', () => {
    const history: History = { documents: [issued({ exercice: 2027, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1270.50') })] };
    const numbered = numberPlan(
      plan([planned('etat_annulation', 'laclasse', '69081', '50.00', 2027), planned('titre', 'laclasse', '69089', '100.00', 2027)], 2027),
      history,
      NUMBERING,
    );
    expect(summary(numbered)).toEqual([
      ['etat_annulation', 1, 0, null],
      ['titre', 2, 2, 'titres'],
    ]);
    expect(numbered.bordereaux).toEqual([{ service: 'laclasse', nature: 'titres', numero: 2 }]);
  });

  it('goes on from the highest number, whatever the journal’s order', () => {
    const history: History = {
      documents: [
        issued({ exercice: 2026, numero: 7, bordereau: 1, codeInsee: '69081', montant: d('1210.00') }),
        issued({ exercice: 2026, numero: 2, bordereau: 1, codeInsee: '69089', montant: d('500.00') }),
      ],
    };
    expect(summary(numberPlan(plan([planned('titre', 'laclasse', '69091')]), history, NUMBERING))).toEqual([['titre', 8, 2, 'titres']]);
  });

  it('continues the statements’ series from the journal', () => {
    const history: History = {
      documents: [issued({ exercice: 2027, numero: 4, bordereau: 0, codeInsee: '69081', montant: d('20.00'), type: 'etat_annulation', titreOrigine: { exercice: 2026, numero: 1 } })],
    };
    const numbered = numberPlan(plan([planned('etat_annulation', 'laclasse', '69089', '5.00', 2027)], 2027), history, NUMBERING);
    expect(summary(numbered)).toEqual([['etat_annulation', 5, 0, null]]);
  });

  it('reuses the bordereau numbers a resumed run already journaled', () => {
    const history: History = { documents: [issued({ exercice: 2026, numero: 1, bordereau: 4, codeInsee: '69081', montant: d('1210.00') })] };
    const numbered = numberPlan(
      plan([planned('titre', 'laclasse', '69089'), planned('titre', 'toodego', '69081')]),
      history,
      NUMBERING,
      new Map([['laclasse/titres', 4]]),
    );
    expect(summary(numbered)).toEqual([
      ['titre', 2, 4, 'titres'],
      ['titre', 3, 5, 'titres'],
    ]);
  });

  it('a correction of a titre the journal does not hold (refused later by the plan checks) has no origin to print', () => {
    const [n] = numberPlan(plan([planned('reduction', 'laclasse', '69081', '100.00')]), EMPTY, NUMBERING).documents;
    expect(n).not.toHaveProperty('origine');
    expect(n.netApres.toFixed(2)).toBe('100.00');
  });

  it('leaves with each correction the net of its titre before and after (R10)', () => {
    const history: History = { documents: [issued({ exercice: 2026, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1210.00') })] };
    const numbered = numberPlan(plan([planned('reduction', 'laclasse', '69081', '100.00'), planned('reduction', 'laclasse', '69081', '10.00')]), history, NUMBERING);
    expect(Array.from(numbered.documents, (n) => [n.origine?.netAvant.toFixed(2), n.netApres.toFixed(2)])).toEqual([
      ['1210.00', '1110.00'],
      ['1110.00', '1100.00'],
    ]);
  });

  it('reads each document from its columns as many times as asked, the same each time, as an array reads positions', () => {
    const history: History = { documents: [issued({ exercice: 2026, numero: 1, bordereau: 1, codeInsee: '69081', montant: d('1210.00') })] };
    const { documents } = numberPlan(
      plan([planned('titre', 'laclasse', '69089', '80.00'), planned('reduction', 'laclasse', '69081', '100.00'), planned('titre', 'toodego', '69081', '50.00')]),
      history,
      NUMBERING,
    );
    const read = (n: ReturnType<typeof documents.at>) => n && [n.document.codeInsee, n.numero, n.bordereau, n.nature, n.netApres.toFixed(2), n.origine?.netAvant.toFixed(2)];
    expect(documents.length).toBe(3);
    expect([0, 1, 2].map((i) => read(documents.at(i)))).toEqual([
      ['69089', 2, 2, 'titres', '80.00', undefined],
      ['69081', 3, 1, 'reductions', '1110.00', '1210.00'],
      ['69081', 4, 3, 'titres', '50.00', undefined],
    ]);
    expect([...documents].map(read)).toEqual([0, 1, 2].map((i) => read(documents.at(i))));
    expect(read(documents.at(-1))).toEqual(read(documents.at(2)));
    expect(documents.at(3)).toBeUndefined();
    expect(documents.at(-4)).toBeUndefined();
  });
});
