/**
 * The parts shared by the avis des sommes à payer and the corrections (DGFiP ASAP model, circulaire
 * of 21 March 2011): the issuer's header with the issuing service and its contact, the debtor's
 * address in the right-hand window of a DL/C5 envelope, the form rows, the liquidation table and
 * the signatory. Every list of lines is tagged one paragraph per line, so that the tagged text
 * keeps « SIREN 200046977 » and « 20, rue du Lac » apart.
 */
import type { Issuer } from '../engine/dataset.js';
import type { LiquidationLine } from '../engine/plan-types.js';
import type { PageFrame, TextStyle } from './page-frame.js';
import { familyName, formatAmountCellFr, keepTogether } from '../engine/french-format.js';
import { filled, isFilled, stepText } from './filled-texts.js';
import type { TableCell } from './structure-tree.js';

/**
 * The public citation of a liquidation step: the convention's article or annex, without the
 * internal rule id (tariff-rules.md: « R4 – art. 10.1 » → « Convention, art. 10.1 »).
 */
export function publicCitation(ref: string): string {
  const cited = ref.replace(/^R\d+\s*(–\s*)?/, '').trim();
  if (cited === '') return '';
  const text = cited.startsWith('art.') ? `Convention, ${cited}` : cited.charAt(0).toUpperCase() + cited.slice(1);
  return keepTogether(text.replace(/ §(\d)/, ', § $1').replace(/^(Annexe [^,]+?) §/, '$1, §'));
}

/** keepTogether of a line of the page; a filled line (filled-texts.ts) gives a filled line, and is not kept. */
function withoutBreaks(line: string): string {
  return isFilled(line) ? filled(keepTogether(line, false)) : keepTogether(line);
}

/** Draws `lines` one under the other, each its own tagged paragraph; returns the height used. */
export function lineList(frame: PageFrame, lines: readonly string[], style: TextStyle, x: number, y: number, width: number, type = 'P'): number {
  return keptLines(frame, lines.map(withoutBreaks), style, x, y, width, type);
}

/** lineList of lines already kept together (a form row's, measured first). */
function keptLines(frame: PageFrame, lines: readonly string[], style: TextStyle, x: number, y: number, width: number, type = 'P'): number {
  let height = 0;
  for (const line of lines) height += frame.text(type, line, style, x, y + height, width);
  return height;
}

export interface HeaderContent {
  issuer: Issuer;
  /** « SIREN … », issuing service, contact lines (already worded). */
  issuerLines: string[];
  title: string;
  subtitle: string;
  /** Identification of the document (exercice, number, dates), printed under the title. */
  reperes: string[];
}

/**
 * The header: issuer and issuing service with its contact on the left; title and identification
 * of the document on the right, above the envelope window. Returns the lowest y it drew.
 */
export function drawHeader(frame: PageFrame, content: HeaderContent): number {
  const { layout } = frame;
  const fs = layout.fontSize;
  const avis = layout.avis;
  const top = frame.top;
  const leftWidth = avis.windowX - frame.left - avis.columnGap;
  let left = top + frame.text('P', content.issuer.nom, { bold: true, size: fs.issuer, color: layout.color.accent }, frame.left, top, leftWidth);
  left += 2 + lineList(frame, content.issuerLines, { size: fs.small, color: layout.color.muted }, frame.left, left + 2, leftWidth);

  const rightWidth = frame.right - avis.windowX;
  const subtitle: TextStyle = { bold: true, size: fs.subtitle, color: layout.color.accent };
  const reperes: TextStyle = { size: fs.body };
  const below = frame.measure(content.subtitle, subtitle, rightWidth) + 3 + content.reperes.reduce((h, l) => h + frame.measure(l, reperes, rightWidth), 0);
  const size = titleSize(frame, content.title, rightWidth, avis.windowY - WINDOW_CLEARANCE - top - below);
  let right = top + frame.text('H1', content.title, { bold: true, size, color: layout.color.accent }, avis.windowX, top, rightWidth);
  right += frame.text('P', content.subtitle, subtitle, avis.windowX, right, rightWidth) + 3;
  right += lineList(frame, content.reperes, reperes, avis.windowX, right, rightWidth);
  return Math.max(left, right);
}

/** Space kept between the header's right-hand block and the envelope window, in points. */
const WINDOW_CLEARANCE = 6;

/**
 * The title's size: the layout's, or smaller (by half points, down to the body's size) when a
 * title that finance lengthened in the templates would otherwise wrap down into the envelope window.
 */
function titleSize(frame: PageFrame, title: string, width: number, room: number): number {
  const fs = frame.layout.fontSize;
  let size = fs.title;
  while (size > fs.body && frame.measure(title, { bold: true, size }, width) > room) size -= 0.5;
  return size;
}

/** The addressee in the envelope window (the window's geometry is in layout.json « avis »). */
export function drawWindow(frame: PageFrame, lines: readonly string[]): void {
  const { layout } = frame;
  const avis = layout.avis;
  const style: TextStyle = { size: layout.fontSize.body + 1 };
  const height = lineList(frame, lines, style, avis.windowX, avis.windowY, avis.windowWidth);
  if (height > avis.windowHeight) throw new Error(`address block (${height.toFixed(1)} pt) taller than the envelope window`);
}

/** A form row: a label in the left column and its lines on the right (each line one paragraph). */
export function formRow(frame: PageFrame, label: string, lines: readonly string[], style?: TextStyle): void {
  const { layout } = frame;
  const labelWidth = layout.titre.labelWidth;
  const labelStyle: TextStyle = { bold: true, size: layout.fontSize.label, color: layout.color.accent };
  const textStyle = style ?? { size: layout.fontSize.body };
  const textWidth = frame.width - labelWidth;
  const texts = lines.map(withoutBreaks);
  const height = Math.max(
    frame.measure(label, labelStyle, labelWidth - 6),
    texts.reduce((h, t) => h + frame.measure(t, textStyle, textWidth), 0),
  );
  frame.ensure(height);
  const y = frame.y;
  frame.text('H2', label, labelStyle, frame.left, y, labelWidth - 6);
  keptLines(frame, texts, textStyle, frame.left + labelWidth, y, textWidth);
  frame.y = y + height + layout.spacing.section;
}

export interface TableHeadings {
  article: string;
  libelle: string;
  montant: string;
  total: string;
}

/**
 * The liquidation as a table (fondement | élément | montant) whose amount column adds up to the
 * total: only the step that gives the document's amount carries it in the column (the other
 * steps show their intermediate figures in their wording), then the total row. Header cells are
 * TH with /Scope /Column, the total's label a TH with /Scope /Row.
 */
export function liquidationTable(
  frame: PageFrame,
  lines: readonly { article: string; libelle: string; montant?: string }[],
  total: string,
  headings: TableHeadings,
): void {
  const { doc, layout } = frame;
  const pad = layout.spacing.cellPadding;
  const articleWidth = layout.titre.colArticleWidth;
  const montantWidth = layout.titre.colMontantWidth;
  const libelleWidth = frame.width - articleWidth - montantWidth;
  const xs = [frame.left, frame.left + articleWidth, frame.left + articleWidth + libelleWidth];
  const widths = [articleWidth, libelleWidth, montantWidth];
  const cell: TextStyle = { size: layout.fontSize.table };
  const head: TextStyle = { size: layout.fontSize.table, bold: true, color: layout.color.accent };
  const table = frame.table();

  type Kind = 'head' | 'body' | 'total';
  const row = (texts: string[], style: TextStyle, kind: Kind, fill?: string): void => {
    const heights = texts.map((t, i) => frame.measure(t, style, widths[i] - 2 * pad));
    const height = Math.max(...heights) + 2 * pad;
    if (frame.ensure(height) && kind !== 'head') row(headerTexts, head, 'head', layout.color.tableHeader);
    const y = frame.y;
    if (fill) frame.box(frame.left, y, frame.width, height, fill);
    table.row(CELLS[kind], (i) => {
      frame.style(style);
      doc.text(texts[i], xs[i] + pad, y + pad, { width: widths[i] - 2 * pad, align: i === 2 ? 'right' : 'left', lineGap: layout.spacing.line });
    });
    frame.rule(y + height);
    frame.y = y + height;
  };

  const headerTexts = [headings.article, headings.libelle, headings.montant];
  row(headerTexts, head, 'head', layout.color.tableHeader);
  // the amounts are the titre's own; a step's wording is, unless the previous titre had it too
  lines.forEach((line, i) => {
    const montant = line.montant === undefined ? '' : filled(formatAmountCellFr(line.montant));
    row([line.article, withoutBreaks(stepText(line.libelle)), montant], cell, 'body', i % 2 === 1 ? layout.color.tableStripe : undefined);
  });
  row(['', headings.total, filled(formatAmountCellFr(total))], { ...head, color: layout.color.text }, 'total', layout.color.tableHeader);
  table.end();
}

/** The cells of each kind of row: headings with a scope (PDF/UA: every TH has one), the total's label a row heading. */
const CELLS: Record<'head' | 'body' | 'total', readonly TableCell[]> = {
  head: ['ColumnHeading', 'ColumnHeading', 'ColumnHeading'],
  body: ['TD', 'TD', 'TD'],
  total: ['RowHeading', 'RowHeading', 'TD'],
};

/**
 * The document lines of a liquidation for the table: the public citation of each step, and the
 * amount column only on the step that yields the document's amount (the last step carrying one),
 * so that the column adds up to the total (R1: a total is the sum of its lines).
 */
export function tableLines(lines: readonly LiquidationLine[], montant: string): { article: string; libelle: string; montant?: string }[] {
  let last = -1;
  lines.forEach((l, i) => {
    if (l.montant !== undefined) last = i;
  });
  const carries = last >= 0 && lines[last].montant === montant;
  return lines.map((l, i) => ({
    article: publicCitation(l.ref),
    libelle: l.libelle,
    ...(carries && i === last ? { montant } : {}),
  }));
}

/** « Pour le Président et par délégation, Camille DURAND, vice-présidente … » and the delegation act. */
export function signatoryLines(issuer: Issuer, wording: { signataire: string; signataireDelegation: string; arrete: string }): string[] {
  return [issuer.signataire.delegation ? wording.signataireDelegation : wording.signataire, ...(issuer.signataire.arreteDelegation ? [wording.arrete] : [])];
}

export function signatoryValues(issuer: Issuer): Record<string, string> {
  const s = issuer.signataire;
  const delegation = s.delegation ?? '';
  return {
    prenom: s.prenom,
    nom: familyName(s.nom),
    qualite: s.qualite,
    delegation: delegation.charAt(0).toUpperCase() + delegation.slice(1),
    arrete: s.arreteDelegation ?? '',
  };
}

/** The header's issuer lines: SIREN, address, issuing service and its contact. */
export function issuerLines(issuer: Issuer, wording: { siren: string; interlocuteur?: string; telephone?: string; courriel?: string }): string[] {
  const service = issuer.service;
  const contact = [wording.interlocuteur, wording.telephone, wording.courriel].filter((s): s is string => s !== undefined);
  return [...(service ? [service.nom] : []), ...issuer.adresse, wording.siren, ...contact];
}
