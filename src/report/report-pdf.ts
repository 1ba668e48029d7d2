/**
 * The report as a PDF in the house style of the titres (render/: same fonts, PDF/A-3b, tagged,
 * page frame, table of the bordereaux): a summary with the totals per service, the charts, the
 * table per commune and service, the adhesions of the year, the figures used, and the notes that
 * say where every figure comes from.
 */
import { drawChart } from '../charts/pdf.js';
import type { Chart } from '../charts/chart.js';
import { BordereauTable, type Column } from '../render/bordereau-table.js';
import { PageFrame, type TextStyle } from '../render/page-frame.js';
import { openPdf, type PdfResources } from '../render/pdf-document.js';
import type { Layout } from '../render/layout.js';
import type { WorkbookCellKind, WorkbookSheet, WorkbookValue } from '../io/workbook.js';
import { Decimal } from '../engine/money.js';
import type { AnnualReport } from './annual-report.js';
import { convergenceChart, servicesChart, shareCharts } from './report-charts.js';
import { adhesionsSheet, communesSheet, indicesSheet, populationsSheet, reportTitle, totalsSheet } from './report-tables.js';
import { formatDateFr, formatDecimalFr, formatMonthFr, formatNumberFr } from '../engine/french-format.js';

export interface ReportPdfContext {
  layout: Layout;
  resources: PdfResources;
  /** Date of the document (its metadata and its « établi le »). */
  date: string;
  /** sha256 of journal.csv when the report was drawn up. */
  journalSha256: string;
}

/** A sheet column shown in the PDF: its index in the sheet, its width (0 = the rest). */
type PdfColumn = { index: number; width: number; heading?: string };

function display(value: WorkbookValue, kind: WorkbookCellKind): string {
  if (value === undefined || value === null || value === '') return '';
  const text = value instanceof Decimal ? value.toString() : String(value);
  switch (kind) {
    case 'amount':
      return formatNumberFr(new Decimal(text));
    case 'percent':
      return `${formatDecimalFr(new Decimal(text).times(100).toDecimalPlaces(1))} %`;
    case 'integer':
      return formatNumberFr(new Decimal(text), 0);
    case 'date':
      return formatDateFr(text);
    case 'month':
      return /^\d{4}-\d{2}$/.test(text) ? formatMonthFr(text) : text;
    case 'decimal':
      return /^-?\d+(\.\d+)?$/.test(text) ? formatDecimalFr(text) : text;
    default:
      return text;
  }
}

function table(frame: ReportFrame, sheet: WorkbookSheet, columns: readonly PdfColumn[]): void {
  const cols: Column<readonly WorkbookValue[]>[] = columns.map((c) => {
    const spec = sheet.columns[c.index];
    const numeric = ['amount', 'percent', 'integer', 'decimal'].includes(spec.kind);
    return { heading: c.heading ?? spec.header, width: c.width, align: numeric ? 'right' : 'left', value: (row) => display(row[c.index], spec.kind) };
  });
  const t = new BordereauTable(frame, cols);
  const previous = frame.onContinuation;
  frame.onContinuation = () => t.header();
  t.header();
  sheet.rows.forEach((row, i) => t.line(row, i));
  t.end();
  frame.onContinuation = previous;
  frame.y += frame.layout.spacing.section + 4;
}

export function renderReportPdf(report: AnnualReport, context: ReportPdfContext): PDFKit.PDFDocument {
  const { layout } = context;
  const title = reportTitle(report);
  const doc = openPdf(
    context.resources,
    { title, author: report.emetteur, subject: 'Bilan annuel pour le comité de pilotage (art. 11 de la convention-cadre)', date: context.date },
    { top: layout.page.marginTop, bottom: layout.page.marginBottom, left: layout.page.marginLeft, right: layout.page.marginRight },
  );
  const fs = layout.fontSize;
  const body: TextStyle = { size: fs.body };
  const muted: TextStyle = { size: fs.small, color: layout.color.muted };
  const heading = (text: string, frame: PageFrame): void => {
    frame.ensure(60);
    frame.y += 6;
    frame.y += frame.text('H2', text, { bold: true, size: fs.subtitle + 1, color: layout.color.accent }, frame.left, frame.y, frame.width) + 4;
  };
  const frame = new ReportFrame(doc, layout, {
    footer: (page) => `${title} — page ${page}`,
    onContinuation: (f) => {
      f.y += f.text('P', `${title} (suite)`, muted, f.left, f.y, f.width) + 6;
      (f as ReportFrame).onContinuation?.();
    },
  });
  const chart = (c: Chart): void => {
    const height = (c.height * frame.width) / c.width;
    frame.ensure(height + 24);
    frame.y += frame.text('H3', c.title, { bold: true, size: fs.body, color: layout.color.text }, frame.left, frame.y, frame.width) + 4;
    frame.y += drawChart(doc, frame, c, frame.left, frame.y, frame.width) + 10;
  };

  // Title block.
  frame.y += frame.text('P', report.emetteur, { bold: true, size: fs.issuer, color: layout.color.accent }, frame.left, frame.y, frame.width) + 8;
  frame.y += frame.text('H1', title, { bold: true, size: fs.title, color: layout.color.accent }, frame.left, frame.y, frame.width) + 4;
  frame.y +=
    frame.text(
      'P',
      `${report.convention}.\nBilan annuel préparé pour le comité de pilotage prévu à l’article 11 de la convention-cadre. Établi le ${formatDateFr(context.date)} à partir du journal des titres émis.`,
      body,
      frame.left,
      frame.y,
      frame.width,
    ) + 8;

  // 1. Summary.
  heading(`1. L’exercice ${report.year} en bref`, frame);
  const s = report.summary;
  const summary = [
    `Titres émis pour l’exercice ${report.year} : ${formatNumberFr(s.titres)} €`,
    `Corrections (réductions et annulations) : −${formatNumberFr(s.corrections)} €`,
    `Remboursements pour manquement de la Métropole : −${formatNumberFr(s.remboursements)} €`,
    `Net facturé : ${formatNumberFr(s.net)} € (${s.documents} document(s) au journal)`,
  ].join('\n');
  frame.y += frame.text('P', summary, body, frame.left, frame.y, frame.width) + 8;
  table(frame, totalsSheet(report), [
    { index: 0, width: 0 },
    { index: 1, width: 92 },
    { index: 2, width: 92 },
    { index: 3, width: 82 },
    { index: 4, width: 66 },
  ]);
  chart(servicesChart(report, 520));

  // 2. Where each commune stands.
  heading('2. Où en est chaque commune par rapport à sa contribution-cible', frame);
  for (const c of shareCharts(report, 520)) chart(c);
  for (const service of report.services) {
    const c = convergenceChart(report, service, 520);
    if (c) chart(c);
  }

  // 3. Table per commune and service.
  heading(`3. Détail par commune et par service, exercice ${report.year}`, frame);
  table(frame, communesSheet(report), [
    { index: 1, width: 0 },
    { index: 2, width: 44 },
    { index: 7, width: 60, heading: 'Net (€)' },
    { index: 8, width: 60, heading: 'Cible (€)' },
    { index: 9, width: 40, heading: 'Part' },
    { index: 10, width: 52 },
    { index: 11, width: 50, heading: 'Cible en' },
    { index: 5, width: 50, heading: 'Corr. (€)' },
    { index: 6, width: 52, heading: 'Rembt (€)' },
  ]);

  // 4. Adhesions.
  heading(`4. Adhésions : débuts, fins et préavis en ${report.year}`, frame);
  const adhesions = adhesionsSheet(report);
  if (adhesions.rows.length === 0) frame.y += frame.text('P', 'Aucune adhésion n’a commencé ni pris fin, et aucun préavis n’est en cours.', body, frame.left, frame.y, frame.width) + 6;
  else table(frame, adhesions, [{ index: 0, width: 70 }, { index: 1, width: 58 }, { index: 3, width: 0 }, { index: 4, width: 56 }, { index: 5, width: 150 }]);

  // 5. Figures used.
  heading('5. Indices et populations retenus', frame);
  const indices = indicesSheet(report);
  if (indices.rows.length > 0) table(frame, indices, [
      { index: 0, width: 0 },
      { index: 1, width: 58, heading: 'Mois' },
      { index: 2, width: 56, heading: 'Indice' },
      { index: 3, width: 64, heading: 'Mois réf.' },
      { index: 4, width: 64, heading: 'Indice réf.' },
      { index: 5, width: 80, heading: 'Coefficient' },
      { index: 6, width: 50, heading: 'Titres' },
    ]);
  const populations = populationsSheet(report);
  if (populations.rows.length > 0) table(frame, populations, [{ index: 0, width: 60 }, { index: 1, width: 0 }, { index: 2, width: 100, heading: 'Population' }, { index: 3, width: 140 }]);

  // 6. Notes.
  heading('6. D’où viennent ces chiffres', frame);
  const notes = [
    `Chaque montant est une somme de lignes du journal des titres (journal.csv, empreinte SHA-256 ${context.journalSha256}) : le net d’un exercice est la somme de ses titres diminuée des réductions et annulations qui les corrigent.`,
    'La part de la cible atteinte rapporte le montant du titre (avant corrections) à sa contribution-cible ; une adhésion en cours d’année (prorata) n’atteint pas 100 % pour cette seule raison.',
    `L’année où la cible sera atteinte est calculée aux règles actuelles de la convention, sans évolution supposée de l’indice ni des populations, jusqu’en ${report.horizon}.`,
    'Les indices et populations sont ceux imprimés sur les titres de l’exercice (registres par commune).',
    'Les mêmes tableaux sont fournis dans le classeur Excel qui accompagne ce document.',
  ].join('\n');
  frame.y += frame.text('P', notes, muted, frame.left, frame.y, frame.width);
  return frame.end();
}

/** The page frame, with a hook a table sets to repeat its header on a new page. */
class ReportFrame extends PageFrame {
  onContinuation?: () => void;
}
