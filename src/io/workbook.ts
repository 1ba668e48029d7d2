/**
 * Real workbooks (.xlsx) for people who live in spreadsheets (issue 13), with exceljs.
 * - French column titles with their unit; amounts are numbers formatted « # ##0,00 € », dates are
 *   dates (JJ/MM/AAAA), INSEE codes, SIREN and SIRET are text (leading zeros kept);
 * - a frozen header row, filters on the data, widths fitted to the content, landscape printing
 *   on one page wide with the header repeated;
 * - totals are SUBTOTAL formulas in their own row below the data, after an empty row (so a
 *   filter never hides them and sorting never moves them); the formula's result is written too,
 *   computed exactly (decimal.js) so a reader that does not recalculate shows the right figure;
 * - no formula from data, ever: a data cell is a number, a date or a string, and a string is
 *   written as a string whatever it starts with (no apostrophe needed, none shown);
 * - byte-deterministic: the document's dates are the given date, and the zip is repacked with that
 *   date on every entry (exceljs's zip library, JSZip, stamps each entry with the current time).
 *
 * This is the shell's writer; what goes in a workbook is decided by pure builders
 * (journal-workbook.ts, ledger-workbook.ts…) that return a WorkbookSpec.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { Decimal } from '../engine/money.js';

/**
 * exceljs and JSZip, loaded when a workbook is first written or read: a run without --excel never
 * holds them (issue 12, flat memory: 7.3 and 1.2 MB of the main thread's heap alive, measured by
 * importing them).
 */
const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
const zips = async (): Promise<typeof JSZip> => (await import('jszip')).default;

/**
 * text: any text; code: an identifier made of digits kept as text (INSEE, SIREN, SIRET);
 * amount: euros; decimal: a plain number; integer; percent: a ratio (0.5 → 50 %);
 * date: an ISO date (AAAA-MM-JJ); month: an ISO month (AAAA-MM).
 */
export type WorkbookCellKind = 'text' | 'code' | 'amount' | 'decimal' | 'integer' | 'percent' | 'date' | 'month';

export interface WorkbookColumn {
  header: string;
  kind: WorkbookCellKind;
  /** A total (SUBTOTAL formula) of this column below the data. */
  total?: boolean;
}

/** A cell: canonical text ("1210.00", "2026-06-15", "69081"), a number, a Decimal, or empty. */
export type WorkbookValue = string | number | Decimal | undefined | null;

export interface WorkbookSheet {
  /** The tab's name (at most 31 characters, no []:*?/\). */
  name: string;
  columns: readonly WorkbookColumn[];
  rows: ReadonlyArray<readonly WorkbookValue[]>;
  /** Label of the total row, in the first column (default « Total »). */
  totalLabel?: string;
}

export interface WorkbookSpec {
  title: string;
  /** The émetteur (document property « auteur »). */
  author: string;
  /** Date of the document's properties and of the zip entries (AAAA-MM-JJ): a date of the content. */
  date: string;
  sheets: readonly WorkbookSheet[];
}

export const AMOUNT_FORMAT = '#,##0.00 "€"';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const MONTH_FORMAT = 'mm/yyyy';
export const INTEGER_FORMAT = '#,##0';
export const DECIMAL_FORMAT = '0.############';
export const PERCENT_FORMAT = '0.0 %';
export const TEXT_FORMAT = '@';

const FORMATS: Record<WorkbookCellKind, string | undefined> = {
  text: undefined,
  code: TEXT_FORMAT,
  amount: AMOUNT_FORMAT,
  decimal: DECIMAL_FORMAT,
  integer: INTEGER_FORMAT,
  percent: PERCENT_FORMAT,
  date: DATE_FORMAT,
  month: MONTH_FORMAT,
};

const NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

function utcDate(iso: string): Date | undefined {
  const d = ISO_DATE.exec(iso);
  if (d) return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
  const m = ISO_MONTH.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : undefined;
}

/** The value written in the cell: numbers for numeric kinds, Date for dates, else text. */
export function cellValue(value: WorkbookValue, kind: WorkbookCellKind): string | number | Date | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Decimal) return kind === 'text' || kind === 'code' ? value.toString() : value.toNumber();
  if (typeof value === 'number') return kind === 'text' || kind === 'code' ? String(value) : value;
  switch (kind) {
    case 'amount':
    case 'decimal':
    case 'integer':
    case 'percent':
      return NUMBER.test(value) ? Number(value) : value;
    case 'date':
    case 'month':
      return utcDate(value) ?? value;
    default:
      return value;
  }
}

/** Width in characters a value takes once formatted (an estimate good enough to fit columns). */
function displayWidth(value: WorkbookValue, kind: WorkbookCellKind): number {
  if (value === undefined || value === null || value === '') return 0;
  switch (kind) {
    case 'amount': {
      const n = new Decimal(value instanceof Decimal ? value : String(value));
      const digits = n.abs().toFixed(0).length;
      return digits + Math.floor((digits - 1) / 3) + 3 + 2 + (n.isNeg() ? 1 : 0);
    }
    case 'date':
      return 10;
    case 'month':
      return 7;
    case 'percent':
      return 7;
    default:
      return String(value).length;
  }
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function addSheet(workbook: ExcelJS.Workbook, spec: WorkbookSheet): void {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  const columns = spec.columns;
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const widths = columns.map((c) => Math.min(Math.max(...c.header.split(' ').map((w) => w.length), 8), 40));
  spec.rows.forEach((values, r) => {
    const row = sheet.getRow(r + 2);
    columns.forEach((c, i) => {
      const value = cellValue(values[i], c.kind);
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      const numFmt = FORMATS[c.kind];
      if (numFmt && (typeof value !== 'string' || c.kind === 'code')) cell.numFmt = numFmt;
      widths[i] = Math.max(widths[i], Math.min(displayWidth(values[i], c.kind), 60));
    });
  });
  const last = spec.rows.length + 1;
  if (spec.rows.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: columns.length } };
    const totals = columns.map((c, i) => (c.total ? i : -1)).filter((i) => i >= 0);
    if (totals.length > 0) {
      const row = sheet.getRow(last + 2);
      const label = row.getCell(1);
      label.value = spec.totalLabel ?? 'Total';
      label.font = { bold: true };
      for (const i of totals) {
        const letter = columnLetter(i);
        const result = spec.rows.reduce((acc, values) => {
          const v = cellValue(values[i], columns[i].kind);
          return typeof v === 'number' ? acc.plus(new Decimal(String(values[i]))) : acc;
        }, new Decimal(0));
        const cell = row.getCell(i + 1);
        cell.value = { formula: `SUBTOTAL(9,${letter}2:${letter}${last})`, result: result.toNumber() };
        cell.numFmt = FORMATS[columns[i].kind] ?? INTEGER_FORMAT;
        cell.font = { bold: true };
        cell.border = { top: { style: 'thin' } };
        widths[i] = Math.max(widths[i], displayWidth(result, columns[i].kind));
      }
    }
  }
  columns.forEach((_, i) => {
    sheet.getColumn(i + 1).width = widths[i] + 2;
  });
}

/** The workbook's bytes: the same spec always gives the same bytes. */
export async function workbookBuffer(spec: WorkbookSpec): Promise<Buffer> {
  const date = utcDate(spec.date);
  if (!date) throw new Error(`workbook: date « ${spec.date} » invalide`);
  const workbook = new (await excel()).Workbook();
  workbook.title = spec.title;
  workbook.creator = spec.author;
  workbook.lastModifiedBy = spec.author;
  workbook.company = spec.author;
  workbook.created = date;
  workbook.modified = date;
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const sheet of spec.sheets) addSheet(workbook, sheet);
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return repackWithDate(written, date);
}

/** Rewrites the zip with one fixed date on every entry, in the same order and compression. */
async function repackWithDate(buffer: Buffer, date: Date): Promise<Buffer> {
  const JSZip = await zips();
  const source = await JSZip.loadAsync(buffer);
  const target = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    target.file(entry.name, await entry.async('nodebuffer'), { date, createFolders: false });
  }
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** The author recorded in a workbook's properties (docProps/core.xml), to rewrite it the same. */
export async function workbookAuthor(buffer: Buffer): Promise<string | undefined> {
  const zip = await (await zips()).loadAsync(buffer).catch(() => undefined);
  const core = await zip?.file('docProps/core.xml')?.async('string');
  const m = core && /<dc:creator>([^<]*)<\/dc:creator>/.exec(core);
  return m ? decodeXml(m[1]) : undefined;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
