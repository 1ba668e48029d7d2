/**
 * The canonical journal reader (parseCanonicalJournal, canonicalDocument: issue 10, 70 000 lines
 * read before each run) against the general one (parseJournal, fromJournalRecord): on every
 * journal it takes, the same entries, chain head and problems; on every other, it gives up and the
 * general reader says what it finds.
 */
import { open } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedDocument } from '../../src/engine/history.js';
import { dec } from '../../src/engine/money.js';
import { chainGenesis, chainLines } from '../../src/io/chain.js';
import { journaledTitre } from './helpers/journaled-titre.js';
import {
  formatJournal,
  JOURNAL_HEADER,
  journalBodies,
  parseCanonicalJournal,
  parseJournal,
  parseJournalBytes,
  readJournalContents,
  streamCanonicalJournal,
  type JournalContents,
} from '../../src/io/journal.js';
import { journalPath } from '../../src/io/output-layout.js';
import { makeTempDir } from './helpers/temp-dir.js';

const FILE = '/out/journal.csv';

/**
 * What a reading gives: its documents, what the folder check reads of each line without them
 * (journal-lines.ts), the chain and the problems. Two readings of one journal must give the same.
 */
function reading(contents: JournalContents | undefined) {
  if (contents === undefined) return undefined;
  const { lines } = contents;
  const facts = Array.from({ length: lines.length }, (_, k) => ({
    line: lines.line(k),
    ...lines.journaled(k),
    citesOrigin: lines.citesOrigin(k),
    taille: lines.taille(k),
    fichier: lines.fichier(k),
    chain: lines.chain(k),
    total: lines.total([k]),
  }));
  const { problems, tornBytes, exists, legacy, chainBroken, head } = contents;
  return { facts, entries: contents.entries, problems, tornBytes, exists, legacy, chainBroken, head };
}

const titre = (numero: number, extra: Partial<IssuedDocument> = {}): IssuedDocument =>
  journaledTitre(numero, { taille: 79_000 + numero, ledgerSha256: 'cd'.repeat(32), ...extra });

/** Documents of every shape the journal holds. */
const DOCUMENTS: IssuedDocument[] = [
  titre(1),
  titre(2, { regime: 'cible', montant: dec('2750.00'), contributionCible: dec('2750.00'), converge: true, codeInsee: '69029', service: 'toodego' }),
  titre(3, { regime: 'prorata', montant: dec('0.50'), contributionCible: undefined, converge: undefined, dateEmission: '2026-09-01', bordereau: 2 }),
  titre(4, { type: 'reduction', regime: undefined, contributionCible: undefined, converge: undefined, titreOrigine: { exercice: 2026, numero: 1 }, motif: 'erreur de population', montant: dec('10.00') }),
  titre(5, { type: 'annulation', regime: undefined, contributionCible: undefined, converge: undefined, titreOrigine: { exercice: 2025, numero: 12 }, motif: 'résiliation', montant: dec('1210.00') }),
  titre(1, { type: 'etat_annulation', bordereau: 0, regime: undefined, contributionCible: undefined, converge: undefined, titreOrigine: { exercice: 2025, numero: 3 }, motif: 'exercice clos', exercice: 2027 }),
  titre(6, { legacySeries: true, taille: undefined, ledgerSha256: undefined }),
].map((d) => JSON.parse(JSON.stringify(d), (k, v) => (k === 'montant' || k === 'contributionCible' ? dec(v) : v)) as IssuedDocument);

/** A journal of these body lines, each chained as the tool chains it. */
function chained(bodies: readonly string[]): string {
  return `${JOURNAL_HEADER}\n${chainLines(chainGenesis(JOURNAL_HEADER), bodies).text}`;
}

/**
 * Both readers on `text`, as parseJournalBytes gives it to them (with its bytes when it is all
 * ASCII): the canonical one must take it and read what the general one reads.
 */
function expectSameReading(text: string): void {
  const bytes = /^[\x00-\x7f]*$/.test(text) ? Buffer.from(text, 'latin1') : undefined;
  const canonical = parseCanonicalJournal(text, FILE, bytes);
  expect(canonical, text).toBeDefined();
  expect(reading(canonical)).toEqual(reading(parseJournal(text, FILE, bytes)));
  expect(reading(parseJournalBytes(Buffer.from(text), FILE))).toEqual(reading(canonical));
}

/** Values that test each check of a cell: good ones of other cells, and the near misses. */
const CELL_VALUES = [
  '', '0', '1', '01', '10', '2026', '0202', '999999999999999', '1234567890123456', '1e3', ' 1', '1 ', '+1', '-1', '1.5', '12.34', '0.00',
  '1234.5', '1234.567', '.12', '12.', '1,00', '2026-06-15', '2026-02-29', '2024-02-29', '2026-13-01', '2026-06-31', '2026-6-15', '26-06-15',
  'titre', 'reduction', 'annulation', 'etat_annulation', 'TITRE', 'titre ', 'cible', 'transitoire', 'prorata', 'oui', 'non', 'Oui',
  '01', '02', '03', '2026-1', '2026-0', '2026-01', '26-1', 'ab'.repeat(32), 'AB'.repeat(32), 'ab'.repeat(31), 'g'.repeat(64),
  'laclasse', 'é', 'x'.repeat(300), '69081', '2A004',
];

describe('canonicalDocument and parseCanonicalJournal (issue 10)', () => {
  it('read a journal of every kind of document as parseJournal does', () => {
    const text = formatJournal(DOCUMENTS);
    expectSameReading(text);
    expect(parseCanonicalJournal(text, FILE)!.entries.map((e) => e.doc)).toEqual(DOCUMENTS);
  });

  it('read every cell of every kind of line as fromJournalRecord does, whatever the cell holds', () => {
    const bodies = journalBodies(DOCUMENTS);
    let read = 0;
    for (const body of bodies) {
      const cells = body.split(',');
      for (let k = 0; k < cells.length; k++) {
        for (const value of CELL_VALUES) {
          const mutated = cells.map((c, i) => (i === k ? value : c)).join(',');
          expectSameReading(chained([bodies[0], mutated, bodies[1]]));
          read++;
        }
      }
    }
    expect(read).toBe(DOCUMENTS.length * 18 * CELL_VALUES.length);
  });

  it('read lines with a cell too many or too few, and a motif with an apostrophe, as parseJournal does', () => {
    const [first, second] = journalBodies(DOCUMENTS);
    expectSameReading(chained([first, `${second},x`, second.slice(0, second.lastIndexOf(','))]));
    const reduction = { ...DOCUMENTS[3], motif: "l'erreur" };
    const neutralised = { ...DOCUMENTS[3], motif: '=1+1' };
    expectSameReading(formatJournal([DOCUMENTS[0], reduction, neutralised]));
  });

  it('read a torn last line and an empty journal as parseJournal does', () => {
    const text = formatJournal(DOCUMENTS.slice(0, 3));
    expectSameReading(`${text}2026,4,1,2026-06`);
    expectSameReading(`${JOURNAL_HEADER}\n`);
  });

  it('give up on any other journal, which parseJournalBytes reads with parseJournal', () => {
    const text = formatJournal(DOCUMENTS.slice(0, 3));
    const lines = text.split('\n');
    const others = {
      'a broken chain': [lines[0], lines[2], lines[1], lines[3], ''].join('\n'),
      'a blank line': [lines[0], lines[1], '', lines[2], lines[3], ''].join('\n'),
      'CRLF line ends': text.replace(/\n/g, '\r\n'),
      'a quoted cell': formatJournal([DOCUMENTS[0], { ...DOCUMENTS[3], motif: 'erreur, matérielle' }]),
      'another header': text.replace('exercice,numero', 'numero,exercice'),
      'no line end': JOURNAL_HEADER,
    };
    for (const [what, other] of Object.entries(others)) {
      expect(parseCanonicalJournal(other, FILE), what).toBeUndefined();
      expect(reading(parseJournalBytes(Buffer.from(other), FILE)), what).toEqual(reading(parseJournal(other, FILE)));
    }
  });
});

describe('readJournalContents, which reads the usual journal piece by piece (issue 10)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  const text = formatJournal(DOCUMENTS); // a motif with an accent: some pieces are not all ASCII
  const lines = text.split('\n');
  const [first, second] = journalBodies(DOCUMENTS);
  const journals: Record<string, string> = {
    'every kind of document': text,
    'a torn last line': `${text}2026,8,1,2026-06`,
    'a torn last line with an accent cut in two': `${text}2026,8,1,2026-06-15,titre,69081,laclasse,10.00,cible,,2026/titres/laclasse/69081-\u00e9`,
    'a header alone': `${JOURNAL_HEADER}\n`,
    'an empty file': '',
    'a line with a cell too many': chained([first, `${second},x`]),
    'a motif with an apostrophe': formatJournal([DOCUMENTS[0], { ...DOCUMENTS[3], motif: "l'erreur" }]),
    'a broken chain': [lines[0], lines[2], lines[1], lines[3], ''].join('\n'),
    'a blank line': [lines[0], lines[1], '', lines[2], ''].join('\n'),
    'CRLF line ends': text.replace(/\n/g, '\r\n'),
    'a quoted cell': formatJournal([DOCUMENTS[0], { ...DOCUMENTS[3], motif: 'erreur, matérielle' }]),
    'a BOM': `\ufeff${text}`,
    'no line end': JOURNAL_HEADER,
  };

  const canonical = ['every kind of document', 'a torn last line', 'a torn last line with an accent cut in two', 'a header alone', 'a line with a cell too many', 'a motif with an apostrophe'];

  it('reads any journal as parseJournal reads it whole, whatever the size of the pieces', async () => {
    const file = journalPath(temp.dir);
    for (const [what, journal] of Object.entries(journals)) {
      await temp.write('journal.csv', journal);
      const whole = reading(parseJournal(journal, file));
      // 1 byte: every line longer than the buffer; 7: characters cut between reads
      for (const chunkBytes of [1, 7, 64, 400, 1 << 20]) {
        expect(reading(await readJournalContents(temp.dir, { chunkBytes })), `${what}, ${chunkBytes}`).toEqual(whole);
        const handle = await open(file, 'r');
        try {
          const streamed = await streamCanonicalJournal(handle, Buffer.byteLength(journal), file, chunkBytes);
          // the usual journal is streamed, any other read whole
          expect(reading(streamed), `${what}, ${chunkBytes}`).toEqual(canonical.includes(what) ? whole : undefined);
        } finally {
          await handle.close();
        }
      }
    }
  });

  it('says the size before reading, and reads an absent journal as none', async () => {
    const sizes: number[] = [];
    expect(reading(await readJournalContents(temp.dir, { beforeReading: (size) => sizes.push(size) }))).toEqual(reading(parseJournalBytes(undefined, journalPath(temp.dir))));
    await temp.write('journal.csv', text);
    await readJournalContents(temp.dir, { beforeReading: (size) => sizes.push(size) });
    expect(sizes).toEqual([Buffer.byteLength(text)]);
  });
});
