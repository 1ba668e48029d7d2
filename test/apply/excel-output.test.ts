import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/io/journal.js';
import { verifyOut } from '../../src/verify/verify-out.js';
import { fakeRenderer, makeDataset, makePlan, removeDir, tempDir, titre, issueLocked } from './fixtures.js';

let out: string;
beforeEach(async () => {
  out = await tempDir();
});
afterEach(async () => {
  await removeDir(out);
});

async function issue(plan: ReturnType<typeof makePlan>, excel: boolean) {
  return issueLocked(plan, { dataset: makeDataset(), outDir: out, renderer: fakeRenderer(), excel });
}

const excelRows = (text: string) => parse(text, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;

describe('--excel CSV outputs', () => {
  it('writes ledgers and bordereaux with ;, BOM, CRLF, decimal commas, and neutralised formulas', async () => {
    await issue(makePlan([titre('69999', 'laclasse', '1210.00'), titre('69081', 'laclasse', '99.50')]), true);
    const ledgerText = await readFile(join(out, 'registres/laclasse/69999-hyperlink-x.csv'), 'utf8');
    expect(ledgerText.startsWith('\ufeff')).toBe(true);
    expect(ledgerText).toContain('\r\n');
    const [row] = excelRows(ledgerText);
    expect(row).toMatchObject({ commune: `'=HYPERLINK("x")`, montant: '1210,00', coefficient: '1,022208121827', numero: '1' });

    const bordereau = excelRows(await readFile(join(out, '2026/bordereaux/bordereau-2026-titres-0001-laclasse.csv'), 'utf8'));
    expect(bordereau).toEqual([
      { numero: '1', type: 'titre', code_insee: '69999', commune: `'=HYPERLINK("x")`, montant: '1210,00', titre_origine: '' },
      { numero: '2', type: 'titre', code_insee: '69081', commune: 'Écully', montant: '99,50', titre_origine: '' },
      { numero: 'total', type: '', code_insee: '', commune: '', montant: '1309,50', titre_origine: '' },
    ]);
    expect((await verifyOut(out)).problems).toEqual([]);
  });

  it('neutralises formulas in the default form too, and keeps a ledger in the format it already has', async () => {
    await issue(makePlan([titre('69999', 'laclasse', '1210.00')]), true);
    await issue(makePlan([titre('69999', 'laclasse', '1270.50', 2027)], 2027, '2027-06-15'), false);
    const ledgerText = await readFile(join(out, 'registres/laclasse/69999-hyperlink-x.csv'), 'utf8');
    expect(excelRows(ledgerText).map((r) => [r.exercice, r.montant])).toEqual([
      ['2026', '1210,00'],
      ['2027', '1270,50'],
    ]);
    const bordereau = await readFile(join(out, '2027/bordereaux/bordereau-2027-titres-0001-laclasse.csv'), 'utf8');
    expect(bordereau.split('\n')[1]).toBe(`1,titre,69999,"'=HYPERLINK(""x"")",1270.50,`);
    expect((await verifyOut(out)).problems).toEqual([]);
  });
});
