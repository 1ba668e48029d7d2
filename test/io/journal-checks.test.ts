/**
 * verify's journal checks know the statements of a mandat on compte 673 (R10 « Closed exercice »):
 * their own numbering series in the current exercice, no bordereau, a titre of an earlier exercice
 * as origin, netted off it.
 */
import { describe, expect, it } from 'vitest';
import type { IssuedDocument } from '../../src/engine/history.js';
import { dec } from '../../src/engine/money.js';
import type { JournalEntry } from '../../src/io/journal.js';
import { verifyNumbering } from '../../src/io/journal-checks.js';
import { JournalLines } from '../../src/io/journal-lines.js';

let line = 1;
function entry(numero: number, type: IssuedDocument['type'], bordereau: number, extra: Partial<IssuedDocument> = {}): JournalEntry {
  line++;
  const doc: IssuedDocument = {
    exercice: 2026,
    numero,
    bordereau,
    dateEmission: '2026-06-15',
    type,
    codeInsee: '69081',
    service: 'laclasse',
    montant: dec(type === 'titre' ? '1000.00' : '10.00'),
    fichier: `f${numero}.pdf`,
    sha256: 'a'.repeat(64),
    ...(type === 'titre' ? {} : { titreOrigine: { exercice: 2026, numero: 1 } }),
    ...extra,
  };
  return { doc, line, chain: '' };
}
const codes = (entries: JournalEntry[]) => verifyNumbering(JournalLines.of(entries), 'journal.csv').map((p) => `${p.code}: ${p.message}`);

describe('bordereau series per exercice and type (R9, issue 17)', () => {
  it('accepts titres 1, 2 and réductions 1, 2', () => {
    expect(codes([entry(1, 'titre', 1), entry(2, 'titre', 2), entry(3, 'reduction', 1), entry(4, 'annulation', 2)])).toEqual([]);
  });

  it('names a gap in the type-02 series', () => {
    expect(codes([entry(1, 'titre', 1), entry(2, 'reduction', 1), entry(3, 'reduction', 3, { dateEmission: '2026-09-01' })])).toEqual([
      'BORDEREAU_GAP: bordereau de réductions 2026 n° 2 manquant dans la série de l’exercice',
    ]);
  });

  it('names a gap in the titres series even when the other type has that number', () => {
    expect(codes([entry(1, 'titre', 1), entry(2, 'titre', 3, { dateEmission: '2026-09-01' }), entry(3, 'reduction', 2)])).toEqual([
      'BORDEREAU_GAP: bordereau de titres 2026 n° 2 manquant dans la série de l’exercice',
    ]);
  });

  it('names a bordereau number of one type used by two runs', () => {
    expect(codes([entry(1, 'titre', 1), entry(2, 'reduction', 1), entry(3, 'reduction', 1, { dateEmission: '2026-09-01' })])).toEqual([
      'BORDEREAU_DUPLICATE: bordereau de réductions 2026 n° 1 utilisé pour laclasse, émis le 2026-06-15 (ligne ' +
        `${line - 1}) et pour laclasse, émis le 2026-09-01`,
    ]);
  });

  it('reads a former folder’s shared series as it is: titres 1, 2, réductions 3; then each type goes on (titres 3, réductions 4)', () => {
    const legacy = { legacySeries: true as const };
    const entries = [
      entry(1, 'titre', 1, legacy),
      entry(2, 'titre', 2, { ...legacy, service: 'toodego' }),
      entry(3, 'reduction', 3, legacy),
      entry(4, 'reduction', 4, { dateEmission: '2026-09-01' }),
      entry(5, 'titre', 3, { dateEmission: '2026-09-02' }),
    ];
    expect(codes(entries)).toEqual([]);
  });

  it('still names a gap in a former folder’s shared series', () => {
    const legacy = { legacySeries: true as const };
    expect(codes([entry(1, 'titre', 1, legacy), entry(2, 'reduction', 3, legacy)])).toEqual([
      'BORDEREAU_GAP: bordereau 2026 n° 2 manquant dans la série commune aux deux types (dossier antérieur)',
    ]);
  });
});

const journalLine = (line: number, d: Partial<IssuedDocument> & Pick<IssuedDocument, 'exercice' | 'numero'>): JournalEntry => ({
  line,
  chain: '',
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
  journalLine(line, { exercice: 2027, numero, bordereau: 0, type: 'etat_annulation', montant: dec(montant), titreOrigine: { exercice: 2026, numero: 1 } });

describe('verifyNumbering and the statements of compte 673', () => {
  it('accepts a statement numbered 1 beside the titres 1 and 2 of its exercice, with no bordereau', () => {
    const journal = [journalLine(2, { exercice: 2026, numero: 1 }), journalLine(3, { exercice: 2027, numero: 1 }), journalLine(4, { exercice: 2027, numero: 2 }), etat(5, 1, '50.00')];
    expect(verifyNumbering(JournalLines.of(journal), 'journal.csv')).toEqual([]);
  });

  it('checks their own series for gaps and duplicates, and nets them off the original titre', () => {
    const journal = [journalLine(2, { exercice: 2026, numero: 1 }), etat(3, 1, '50.00'), etat(4, 3, '50.00'), etat(5, 3, '1200.00')];
    expect(verifyNumbering(JournalLines.of(journal), 'journal.csv').map((p) => [p.code, p.message])).toEqual([
      ['NUMBER_DUPLICATE', 'numéro état 2027-3 déjà utilisé ligne 4'],
      ['NUMBER_GAP', 'état 2027-2 manquant dans la série des états d’annulation (compte 673) de l’exercice 2027'],
      ['NET_NEGATIVE', 'le net du titre 2026-1 devient négatif (-90,00 €)'],
    ]);
  });
});

describe('numbers told in order or not (issue 10: 70 000 lines checked before each run)', () => {
  it('accepts a complete series written out of order', () => {
    expect(codes([entry(1, 'titre', 1), entry(3, 'titre', 1), entry(2, 'titre', 1), entry(4, 'titre', 1)])).toEqual([]);
  });

  it('names a duplicate and a gap after a series in order', () => {
    expect(codes([entry(1, 'titre', 1), entry(2, 'titre', 1), entry(3, 'titre', 1), entry(2, 'titre', 1), entry(5, 'titre', 1)])).toEqual([
      `NUMBER_DUPLICATE: numéro 2026-2 déjà utilisé ligne ${line - 3}`,
      'NUMBER_GAP: numéro 2026-4 manquant dans la série de l’exercice 2026',
    ]);
  });

  it('names a bordereau shared by the next line for another service', () => {
    const entries = [entry(1, 'titre', 1), entry(2, 'titre', 1), entry(3, 'titre', 1, { service: 'toodego' })];
    expect(codes(entries)).toEqual([
      `BORDEREAU_DUPLICATE: bordereau de titres 2026 n° 1 utilisé pour laclasse, émis le 2026-06-15 (ligne ${line - 2}) et pour toodego, émis le 2026-06-15`,
    ]);
  });
});
