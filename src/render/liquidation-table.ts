/**
 * The liquidation of a titre as a table (rule or article | step | amount), with the header
 * repeated when it continues on another page.
 */
import type { LiquidationLine } from '../engine/plan-types.js';
import { formatAmountCellFr, keepFiguresTogether } from './french-format.js';
import type { PageFrame, TextStyle } from './page-frame.js';

export interface LiquidationHeadings {
  ref: string;
  libelle: string;
  montant: string;
}

export function liquidationTable(frame: PageFrame, lines: readonly LiquidationLine[], headings: LiquidationHeadings): void {
  const { doc, layout } = frame;
  const pad = layout.spacing.cellPadding;
  const refWidth = layout.titre.colRefWidth;
  const montantWidth = layout.titre.colMontantWidth;
  const libelleWidth = frame.width - refWidth - montantWidth;
  const xs = [frame.left, frame.left + refWidth, frame.left + refWidth + libelleWidth];
  const widths = [refWidth, libelleWidth, montantWidth];
  const cell: TextStyle = { size: layout.fontSize.table };
  const head: TextStyle = { size: layout.fontSize.table, bold: true, color: layout.color.accent };
  const table = doc.struct('Table');
  frame.add(table);

  const row = (texts: string[], style: TextStyle, cellType: 'TH' | 'TD', fill?: string): void => {
    const heights = texts.map((t, i) => frame.measure(t, style, widths[i] - 2 * pad));
    const height = Math.max(...heights) + 2 * pad;
    if (frame.ensure(height) && cellType === 'TD') row(headerTexts, head, 'TH', layout.color.tableHeader);
    const y = frame.y;
    if (fill) frame.box(frame.left, y, frame.width, height, fill);
    const cells = texts.map((t, i) =>
      doc.struct(cellType, {}, () => {
        frame.style(style);
        doc.text(t, xs[i] + pad, y + pad, { width: widths[i] - 2 * pad, align: i === 2 ? 'right' : 'left', lineGap: layout.spacing.line });
      }),
    );
    table.add(doc.struct('TR', {}, cells));
    frame.rule(y + height);
    frame.y = y + height;
  };

  const headerTexts = [headings.ref, headings.libelle, headings.montant];
  row(headerTexts, head, 'TH', layout.color.tableHeader);
  lines.forEach((line, i) => {
    const montant = line.montant === undefined ? '' : formatAmountCellFr(line.montant);
    row([line.ref, keepFiguresTogether(line.libelle), montant], cell, 'TD', i % 2 === 1 ? layout.color.tableStripe : undefined);
  });
  table.end();
}
