import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedDocument } from '../../src/engine/history.js';
import { dec } from '../../src/engine/money.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { appendJournal, readJournal, repairJournalTail } from '../../src/io/journal.js';
import { writeJournalExcel } from '../../src/io/journal-excel.js';
import { loadWorkbook, sheetContent } from '../fixtures/workbook.js';
import { journaledTitre } from './helpers/journaled-titre.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'titres-journal-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const doc = journaledTitre;

const HEADER =
  'exercice,numero,bordereau,date_emission,type,code_insee,service,montant,regime,titre_origine,fichier,sha256,contribution_cible,converge,motif,' +
  'type_bordereau,taille,empreinte_registre,chaine';

describe('journal', () => {
  it('is empty when absent', async () => {
    expect((await readJournal(out)).documents).toEqual([]);
  });

  it('round-trips documents, including a correction with a motif that looks like a formula', async () => {
    const reduction = doc(2, {
      type: 'reduction',
      montant: dec('210.00'),
      regime: undefined,
      contributionCible: undefined,
      converge: undefined,
      titreOrigine: { exercice: 2026, numero: 1 },
      motif: '=erreur, "matérielle"',
    });
    delete reduction.regime;
    delete reduction.contributionCible;
    delete reduction.converge;
    await appendJournal(out, [doc(1), reduction]);
    const text = await readFile(join(out, 'journal.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(text.split('\n')[2]).toContain(`,2026-1,`);
    expect(text.split('\n')[2]).toContain(`"'=erreur, ""matérielle"""`);
    const history = await readJournal(out);
    expect(history.documents).toEqual([doc(1), reduction]);
  });

  it('reads back a motif that starts with an apostrophe before a formula sign as it was written (neutralised once, un-neutralised once)', async () => {
    const motif = "'=2 titres émis, « erreur » relevée";
    const annulation = doc(2, { type: 'annulation', titreOrigine: { exercice: 2026, numero: 1 }, motif });
    delete annulation.regime;
    delete annulation.contributionCible;
    delete annulation.converge;
    await appendJournal(out, [doc(1), annulation]);
    expect((await readFile(join(out, 'journal.csv'), 'utf8')).split('\n')[2]).toContain(`,"''=2 titres émis, « erreur » relevée",`);
    expect((await readJournal(out)).documents[1].motif).toBe(motif);
  });

  it('round-trips a statement of compte 673 (R10, closed exercice): its own type, no bordereau (empty cell)', async () => {
    const etat = doc(1, {
      exercice: 2027,
      bordereau: 0,
      dateEmission: '2027-09-01',
      type: 'etat_annulation',
      montant: dec('50.00'),
      titreOrigine: { exercice: 2026, numero: 1 },
      motif: 'Erreur de tarif',
      fichier: '2027/titres/laclasse/69081-ecully/etat_annulation-2027-00001.pdf',
    });
    delete etat.regime;
    delete etat.contributionCible;
    delete etat.converge;
    await appendJournal(out, [doc(1), etat]);
    expect((await readFile(join(out, 'journal.csv'), 'utf8')).split('\n')[2]).toMatch(/^2027,1,,2027-09-01,etat_annulation,/);
    expect((await readJournal(out)).documents).toEqual([doc(1), etat]);
  });

  it('appends without rewriting earlier bytes', async () => {
    await appendJournal(out, [doc(1)]);
    const before = await readFile(join(out, 'journal.csv'));
    await appendJournal(out, [doc(2)]);
    const after = await readFile(join(out, 'journal.csv'));
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('ignores a torn last line and truncates it on repair', async () => {
    await appendJournal(out, [doc(1)]);
    const complete = await readFile(join(out, 'journal.csv'));
    await appendFile(join(out, 'journal.csv'), '2026,2,1,2026-06-15,tit');
    expect((await readJournal(out)).documents.map((d) => d.numero)).toEqual([1]);
    expect(await repairJournalTail(out)).toBe(23);
    expect((await readFile(join(out, 'journal.csv'))).equals(complete)).toBe(true);
    expect(await repairJournalTail(out)).toBe(0);
  });

  it('rejects a malformed line with kind state and file:line:column', async () => {
    await appendJournal(out, [doc(1)]);
    await appendFile(join(out, 'journal.csv'), `2026,2,1,2026-13-01,titre,69081,laclasse,12.5,,,f.pdf,${'a'.repeat(64)},,peut-être,,01,10,,${'b'.repeat(64)}\n`);
    const error = (await readJournal(out).catch((e: unknown) => e)) as TitresError;
    expect(error).toBeInstanceOf(TitresError);
    expect(error.kind).toBe('state');
    expect(error.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['JOURNAL_CHAIN_BROKEN', 3, undefined],
      ['JOURNAL_MALFORMED', 3, 4],
      ['JOURNAL_MALFORMED', 3, 8],
      ['JOURNAL_MALFORMED', 3, 14],
    ]);
    expect(error.problems[0].file).toBe(join(out, 'journal.csv'));
  });

  it('rejects a journal whose header lacks a column', async () => {
    await writeFile(join(out, 'journal.csv'), 'exercice,numero\n2026,1\n');
    const error = (await readJournal(out).catch((e: unknown) => e)) as TitresError;
    expect(error.problems[0]).toMatchObject({ code: 'JOURNAL_MALFORMED', line: 1 });
  });

  it('writes the journal’s workbook: one row per document, machine journal.csv untouched', async () => {
    await appendJournal(out, [doc(1)]);
    const before = await readFile(join(out, 'journal.csv'), 'utf8');
    await writeJournalExcel(out, 'Métropole de Lyon');
    const sheet = sheetContent((await loadWorkbook(join(out, 'journal.xlsx'))).getWorksheet('Journal')!);
    expect(sheet.rows.map((r) => [sheet.cell(r, 'N° du document').value, sheet.cell(r, 'Montant (€, corrections en négatif)').value, sheet.cell(r, 'Régime').value])).toEqual([
      [1, 1210, 'transitoire'],
    ]);
    expect(await readFile(join(out, 'journal.csv'), 'utf8')).toBe(before);
  });
});
