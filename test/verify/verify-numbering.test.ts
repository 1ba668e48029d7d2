/**
 * verify's journal checks know the statements of a mandat on compte 673 (R10 « Closed exercice »):
 * their own numbering series in the current exercice, no bordereau, a titre of an earlier exercice
 * as origin, netted off it.
 */
import { describe, expect, it } from 'vitest';
import type { IssuedDocument } from '../../src/engine/history.js';
import { dec } from '../../src/engine/money.js';
import type { JournalEntry } from '../../src/io/journal.js';
import { verifyNumbering } from '../../src/verify/verify-numbering.js';

const entry = (line: number, d: Partial<IssuedDocument> & Pick<IssuedDocument, 'exercice' | 'numero'>): JournalEntry => ({
  line,
  doc: {
    bordereau: 1,
    dateEmission: `${d.exercice}-06-15`,
    type: 'titre',
    codeInsee: '69081',
    service: 'laclasse',
    montant: dec('1210.00'),
    fichier: `f${line}.pdf`,
    sha256: '0'.repeat(64),
    ...d,
  },
});

const etat = (line: number, numero: number, montant: string): JournalEntry =>
  entry(line, { exercice: 2027, numero, bordereau: 0, type: 'etat_annulation', montant: dec(montant), titreOrigine: { exercice: 2026, numero: 1 } });

describe('verifyNumbering and the statements of compte 673', () => {
  it('accepts a statement numbered 1 beside the titres 1 and 2 of its exercice, with no bordereau', () => {
    const journal = [entry(2, { exercice: 2026, numero: 1 }), entry(3, { exercice: 2027, numero: 1 }), entry(4, { exercice: 2027, numero: 2 }), etat(5, 1, '50.00')];
    expect(verifyNumbering(journal, 'journal.csv')).toEqual([]);
  });

  it('checks their own series for gaps and duplicates, and nets them off the original titre', () => {
    const journal = [entry(2, { exercice: 2026, numero: 1 }), etat(3, 1, '50.00'), etat(4, 3, '50.00'), etat(5, 3, '1200.00')];
    expect(verifyNumbering(journal, 'journal.csv').map((p) => [p.code, p.message])).toEqual([
      ['NUMBER_DUPLICATE', 'numéro état 2027-3 déjà utilisé ligne 4'],
      ['NUMBER_GAP', 'état 2027-2 manquant dans la série des états d’annulation (compte 673) de l’exercice 2027'],
      ['NET_NEGATIVE', 'le net du titre 2026-1 devient négatif (-90,00 €)'],
    ]);
  });
});
