import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJournalExcel } from '../../src/io/journal-excel.js';
import { AMOUNT_FORMAT, DATE_FORMAT, TEXT_FORMAT } from '../../src/io/workbook.js';
import { verifyOut } from '../../src/verify/verify-out.js';
import { loadWorkbook, sheetContent } from '../fixtures/workbook.js';
import { fakeRenderer, issueLocked, makeDataset, makePlan, reduction, removeDir, snapshot, tempDir, titre } from './fixtures.js';

let out: string;
beforeEach(async () => {
  out = await tempDir();
});
afterEach(async () => {
  await removeDir(out);
});

/** The shared dataset plus a commune of the Ain, whose INSEE code starts with 0. */
function dataset() {
  const base = makeDataset();
  const communes = new Map(base.communes);
  communes.set('01053', { ...base.communes.get('69081')!, codeInsee: '01053', nom: 'Bourg-en-Bresse', siren: '210100533' });
  return { ...base, communes };
}

async function issue(plan: ReturnType<typeof makePlan>, excel: boolean) {
  return issueLocked(plan, { dataset: dataset(), outDir: out, renderer: fakeRenderer(), excel });
}

const bourg = () => ({ ...titre('69081', 'laclasse', '500.00'), codeInsee: '01053', commune: 'Bourg-en-Bresse' });

describe('--excel workbooks (issue 13)', () => {
  it('a ledger workbook: French titles with units, typed cells, codes as text with their leading zero, total formula', async () => {
    await issue(makePlan([titre('69999', 'laclasse', '1210.00'), bourg()]), true);
    const book = await loadWorkbook(join(out, 'registres/laclasse/01053-bourg-en-bresse.xlsx'));
    expect(book.creator).toBe('Métropole de Lyon');
    expect(book.title).toBe('Registre laclasse — Bourg-en-Bresse (01053)');
    const sheet = book.getWorksheet('Registre')!;
    const { rows, cell, totalRow, column } = sheetContent(sheet);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(cell(row, 'Code INSEE')).toMatchObject({ type: ExcelJS.ValueType.String, value: '01053', numFmt: TEXT_FORMAT });
    expect(cell(row, 'SIREN')).toMatchObject({ type: ExcelJS.ValueType.String, value: '210100533' });
    expect(cell(row, 'Montant (€, corrections en négatif)')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 500, numFmt: AMOUNT_FORMAT });
    expect(cell(row, 'Date d’émission')).toMatchObject({ type: ExcelJS.ValueType.Date, numFmt: DATE_FORMAT });
    expect((cell(row, 'Date d’émission').value as Date).toISOString()).toBe('2026-06-15T00:00:00.000Z');
    expect(cell(row, 'Population (habitants)')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 18243 });
    expect(cell(row, 'Coefficient de révision').value).toBe(1.022208121827);
    // the total is a formula in its own row, after an empty row, outside the filtered data
    const m = column('Montant (€, corrections en négatif)');
    expect(sheet.getRow(3).cellCount).toBe(0);
    expect(totalRow.getCell(1).value).toBe('Total');
    const letter = sheet.getColumn(m).letter;
    expect(totalRow.getCell(m).value).toEqual({ formula: `SUBTOTAL(9,${letter}2:${letter}2)`, result: 500 });
    expect(sheet.autoFilter).toBe(`A1:${sheet.getColumn(sheet.columnCount).letter}2`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // the CSV beside it stays the machine form
    const csv = await readFile(join(out, 'registres/laclasse/01053-bourg-en-bresse.csv'), 'utf8');
    expect(csv.startsWith('exercice,numero,')).toBe(true);
    expect(csv).toContain(',01053,Bourg-en-Bresse,');
    expect((await verifyOut(out)).problems).toEqual([]);
  });

  it('a formula in the data stays a string, without apostrophe, in every workbook', async () => {
    await issue(makePlan([titre('69999', 'laclasse', '1210.00')]), true);
    const ledger = sheetContent((await loadWorkbook(join(out, 'registres/laclasse/69999-hyperlink-x.xlsx'))).getWorksheet(1)!);
    expect(ledger.cell(ledger.rows[0], 'Commune')).toMatchObject({ type: ExcelJS.ValueType.String, value: '=HYPERLINK("x")' });
    const bordereau = sheetContent((await loadWorkbook(join(out, '2026/bordereaux/bordereau-2026-titres-0001-laclasse.xlsx'))).getWorksheet(1)!);
    expect(bordereau.cell(bordereau.rows[0], 'Commune')).toMatchObject({ type: ExcelJS.ValueType.String, value: '=HYPERLINK("x")' });
  });

  it('réductions are negative, each titre has its net, and the totals give the net (R10)', async () => {
    await issue(makePlan([titre('69081', 'laclasse', '1310.00'), bourg()]), true);
    await issue(makePlan([reduction('69081', 'laclasse', '200.00', { exercice: 2026, numero: 1 })], 2026, '2026-09-01'), true);
    await writeJournalExcel(out, 'Métropole de Lyon');

    const ledger = sheetContent((await loadWorkbook(join(out, 'registres/laclasse/69081-ecully.xlsx'))).getWorksheet(1)!);
    const amounts = ledger.rows.map((r) => [ledger.cell(r, 'Type').value, ledger.cell(r, 'Montant (€, corrections en négatif)').value, ledger.cell(r, 'Net du titre après ce document (€)').value]);
    expect(amounts).toEqual([
      ['Titre', 1310, 1310],
      ['Réduction', -200, 1110],
    ]);
    expect(ledger.totalRow.getCell(ledger.column('Montant (€, corrections en négatif)')).result).toBe(1110);
    expect(ledger.cell(ledger.rows[1], 'Motif').value).toBe('=manquement de la Métropole');

    const bordereau = sheetContent((await loadWorkbook(join(out, '2026/bordereaux/bordereau-2026-reductions-0001-laclasse.xlsx'))).getWorksheet(1)!);
    expect(bordereau.rows.map((r) => bordereau.cell(r, 'Montant (€, corrections en négatif)').value)).toEqual([-200]);
    expect(bordereau.cell(bordereau.rows[0], 'Titre d’origine (exercice-n°)').value).toBe('2026-1');

    const journalBook = await loadWorkbook(join(out, 'journal.xlsx'));
    expect(journalBook.creator).toBe('Métropole de Lyon');
    const journal = sheetContent(journalBook.getWorksheet('Journal')!);
    expect(journal.rows.map((r) => [journal.cell(r, 'Code INSEE').value, journal.cell(r, 'Montant (€, corrections en négatif)').value, journal.cell(r, 'Net du titre après corrections (€)').value ?? null])).toEqual([
      ['69081', 1310, 1110],
      ['01053', 500, 500],
      ['69081', -200, null],
    ]);
    const total = (title: string) => journal.totalRow.getCell(journal.column(title)).value as { formula: string; result: number };
    expect(total('Montant (€, corrections en négatif)').result).toBe(1610);
    expect(total('Net du titre après corrections (€)').result).toBe(1610);
    expect((await verifyOut(out)).problems).toEqual([]);
  });

  it('workbooks are byte-identical for the same inputs, whatever the time, and verify notices a changed one', async () => {
    await issue(makePlan([titre('69081', 'laclasse', '1310.00')]), true);
    await writeJournalExcel(out, 'Métropole de Lyon');
    const first = await snapshot(out);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip entries have a 2-second resolution
    await writeJournalExcel(out); // the author is kept from the existing workbook
    expect((await readFile(join(out, 'journal.xlsx'))).equals(first.get('journal.xlsx')!)).toBe(true);

    const book = await loadWorkbook(join(out, 'registres/laclasse/69081-ecully.xlsx'));
    book.getWorksheet(1)!.getRow(2).getCell(1).value = 2025;
    await writeFile(join(out, 'registres/laclasse/69081-ecully.xlsx'), Buffer.from(await book.xlsx.writeBuffer()));
    const problems = (await verifyOut(out)).problems;
    expect(problems.map((p) => [p.code, p.file])).toEqual([['WORKBOOK_MISMATCH', join(out, 'registres/laclasse/69081-ecully.xlsx')]]);
  });

  it('without --excel no workbook is written, and an existing ledger workbook still follows its CSV', async () => {
    await issue(makePlan([titre('69081', 'laclasse', '1310.00')]), false);
    expect([...(await snapshot(out)).keys()].filter((f) => f.endsWith('.xlsx'))).toEqual([]);
    await issue(makePlan([titre('69081', 'laclasse', '1400.00', 2027)], 2027, '2027-06-15'), true);
    await issue(makePlan([titre('69081', 'laclasse', '1470.00', 2028)], 2028, '2028-06-15'), false);
    const ledger = sheetContent((await loadWorkbook(join(out, 'registres/laclasse/69081-ecully.xlsx'))).getWorksheet(1)!);
    expect(ledger.rows.map((r) => ledger.cell(r, 'Exercice').value)).toEqual([2026, 2027, 2028]);
    expect((await verifyOut(out)).problems).toEqual([]);
  });

  it('a ledger written in the Excel CSV form by an earlier version keeps its form', async () => {
    await issue(makePlan([titre('69081', 'laclasse', '1310.00')]), false);
    const path = join(out, 'registres/laclasse/69081-ecully.csv');
    const machine = await readFile(path, 'utf8');
    const [header, line] = machine.trim().split('\n');
    const toExcel = (l: string) => l.split(',').map((c) => c.replace(/^(\d+)\.(\d+)$/, '$1,$2')).join(';');
    await writeFile(path, `\ufeff${toExcel(header)}\r\n${toExcel(line)}\r\n`);
    await issue(makePlan([titre('69081', 'laclasse', '1400.00', 2027)], 2027, '2027-06-15'), false);
    const text = await readFile(path, 'utf8');
    expect(text.split('\r\n')[2]).toMatch(/^2027;1;1;2027-06-15;titre;/);
    expect(text.split('\r\n')[2]).toContain(';1400,00;');
  });
});
