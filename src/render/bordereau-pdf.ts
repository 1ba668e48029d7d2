/**
 * The bordereau of titres (or of réductions / annulations): the document the ordonnateur signs,
 * which makes the titres it lists enforceable (art. D. 1617-23 and L. 1617-5 4° CGCT). Rows are
 * single-line and drawn without pdfkit's line wrapper, so that 35 000 lines stay linear and fast.
 */
import { formatDateFr } from '../engine/dates.js';
import { dec, sum, toAmountString } from '../engine/money.js';
import { amountInWordsFr } from './amount-in-words.js';
import { familyName, formatAmountCellFr, formatAmountFr } from './french-format.js';
import { PageFrame, type TextStyle } from './page-frame.js';
import { openPdf, type PdfResources } from './pdf-document.js';
import type { Templates } from './templates.js';
import type { BordereauLine, BordereauView } from './views.js';

interface Column {
  heading: string;
  width: number;
  align: 'left' | 'right';
  value: (line: BordereauLine) => string;
}

/** Cuts `text` so that it fits `width` in the current font (rare: long commune names). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(cut + '…') > width) cut = cut.slice(0, -1);
  return cut + '…';
}

export function renderBordereauPdf(view: BordereauView, templates: Templates, resources: PdfResources): PDFKit.PDFDocument {
  const w = templates.bordereau;
  const layout = templates.layout;
  const b = layout.bordereau;
  const issuer = view.config.emetteur;
  const computed = toAmountString(sum(view.lines.map((l) => dec(l.montant))));
  if (computed !== toAmountString(dec(view.total))) {
    throw new Error(`bordereau: total ${view.total} differs from the sum of its lines ${computed}`);
  }
  const previewNumero = w.text('preview.numero');
  const titleValues = {
    numero: view.preview || view.numero === null ? previewNumero : String(view.numero),
    exercice: String(view.exercice),
    service: view.service.libelle,
  };
  const title = w.text(view.nature === 'titres' ? 'document.titleTitres' : 'document.titleReductions', titleValues);
  const doc = openPdf(
    resources,
    { title: w.text('document.pdfTitle', { title }), author: w.text('document.pdfAuthor', { emetteur: issuer.nom }), date: view.dateEmission },
    { top: layout.page.marginTop, bottom: layout.page.marginBottom, left: layout.page.marginLeft, right: layout.page.marginRight },
  );
  const fs = layout.fontSize;
  const pad = layout.spacing.cellPadding;
  const body: TextStyle = { size: fs.body };
  const head: TextStyle = { bold: true, size: fs.table, color: layout.color.accent };
  const cell: TextStyle = { size: fs.table };

  // A preview assigns no number: its lines show a dash (the title says « PROJET – non émis »).
  const numero = (n: number | null): string => (view.preview || n === null ? '–' : String(n));
  const columns: Column[] = [
    { heading: w.text('colonnes.numero'), width: b.colNumeroWidth, align: 'right', value: (l) => numero(l.numero) },
    { heading: w.text('colonnes.codeInsee'), width: b.colCodeInseeWidth, align: 'left', value: (l) => l.codeInsee },
    { heading: w.text('colonnes.commune'), width: 0, align: 'left', value: (l) => l.commune },
  ];
  if (view.nature === 'reductions') {
    columns.push({ heading: w.text('colonnes.nature'), width: b.colNatureWidth, align: 'left', value: (l) => w.text(`nature.${l.type}`) });
    columns.push({ heading: w.text('colonnes.titreOrigine'), width: b.colTitreOrigineWidth, align: 'left', value: (l) => l.titreOrigine ?? '' });
  }
  columns.push({ heading: w.text('colonnes.montant'), width: b.colMontantWidth, align: 'right', value: (l) => formatAmountCellFr(l.montant) });

  let table: PDFKit.PDFStructureElement | undefined;
  const drawHeader = (frame: PageFrame): void => {
    const y = frame.y;
    frame.box(frame.left, y, frame.width, b.rowHeight + 2, layout.color.tableHeader);
    drawRow(frame, columns.map((c) => c.heading), head, 'TH', y + 1);
    frame.y = y + b.rowHeight + 2;
  };
  const drawRow = (frame: PageFrame, texts: string[], style: TextStyle, type: 'TH' | 'TD', y: number): void => {
    frame.style(style);
    let x = frame.left;
    const cells = columns.map((c, i) => {
      const cx = x;
      x += c.width;
      return doc.struct(type, {}, () => {
        const text = fit(doc, texts[i], c.width - 2 * pad);
        const tx = c.align === 'right' ? cx + c.width - pad - doc.widthOfString(text) : cx + pad;
        doc.text(text, tx, y + (b.rowHeight - style.size) / 2 - 1, { lineBreak: false });
      });
    });
    table!.add(doc.struct('TR', {}, cells));
  };

  const frame = new PageFrame(doc, layout, {
    watermark: view.preview ? w.text('preview.watermark') : undefined,
    footer: (page) => w.text('pied.page', { title, page: String(page) }),
    onContinuation: (f) => {
      f.y += f.text('P', w.text('entete.suite', { title }), { bold: true, size: fs.body, color: layout.color.accent }, f.left, f.y, f.width) + 6;
      if (table) drawHeader(f);
    },
  });
  const fixed = columns.reduce((s, c) => s + c.width, 0);
  columns[2].width = frame.width - fixed;

  // Header: issuer, title, date, comptable, imputation.
  frame.y += frame.text('P', issuer.nom, { bold: true, size: fs.issuer, color: layout.color.accent }, frame.left, frame.y, frame.width);
  const issuerLines = [w.text('emetteur.siren', { siren: issuer.siren }), ...issuer.adresse].join('\n');
  frame.y += frame.text('P', issuerLines, { size: fs.body, color: layout.color.muted }, frame.left, frame.y + 2, frame.width) + 14;
  frame.y += frame.text('H1', title, { bold: true, size: fs.title - 2, color: layout.color.accent }, frame.left, frame.y, frame.width, 'center') + 6;
  const imputation = [view.service.imputation.chapitre, view.service.imputation.nature, view.service.imputation.fonction]
    .filter((p): p is string => Boolean(p))
    .join(' – ');
  const entete = [
    w.text('entete.dateEmission', { dateEmission: formatDateFr(view.dateEmission) }),
    w.text('entete.comptable', { comptable: issuer.comptable.nom }),
  ];
  if (imputation) entete.push(w.text('entete.imputation', { imputation }));
  frame.y += frame.text('P', entete.join('\n'), body, frame.left, frame.y, frame.width) + 8;

  // Lines.
  table = doc.struct('Table');
  frame.add(table);
  drawHeader(frame);
  view.lines.forEach((line, i) => {
    frame.ensure(b.rowHeight); // on a new page, onContinuation repeats the title and the table header
    const y = frame.y;
    if (i % 2 === 1) frame.box(frame.left, y, frame.width, b.rowHeight, layout.color.tableStripe);
    drawRow(frame, columns.map((c) => c.value(line)), cell, 'TD', y);
    frame.y = y + b.rowHeight;
  });
  table.end();
  frame.rule(frame.y);
  frame.y += layout.spacing.section;

  // Totals and signature block.
  const signataire = issuer.signataire;
  const signValues = { prenom: signataire.prenom, nom: familyName(signataire.nom), qualite: signataire.qualite, delegation: signataire.delegation ?? '' };
  const totals = [
    w.text('totaux.nombre', { nombre: String(view.lines.length) }),
    w.text('totaux.total', { total: formatAmountFr(computed) }),
  ].join('\n');
  const words = w.text('totaux.lettres', { lettres: amountInWordsFr(computed) });
  const signText = [
    w.text('signature.attestation'),
    w.text(signataire.delegation ? 'signature.signeParDelegation' : 'signature.signePar', signValues),
  ].join('\n');
  const bold: TextStyle = { bold: true, size: fs.amount, color: layout.color.accent };
  const needed = frame.measure(totals, bold, frame.width) + frame.measure(words + '\n' + signText, body, frame.width) + b.signatureHeight + 30;
  frame.ensure(needed);
  frame.y += frame.text('P', totals, bold, frame.left, frame.y, frame.width) + 2;
  frame.y += frame.text('P', words, body, frame.left, frame.y, frame.width) + 10;
  frame.y += frame.text('P', signText, body, frame.left, frame.y, frame.width) + 6;
  const signX = frame.left + frame.width / 2;
  const signTop = frame.y;
  frame.text('P', w.text('signature.dateSignature'), { bold: true, size: fs.body }, signX + 6, signTop + 6, frame.width / 2 - 12);
  frame.artifact(() => {
    doc.rect(signX, signTop, frame.width / 2, b.signatureHeight).lineWidth(0.5).strokeColor(layout.color.rule).stroke();
  });
  frame.y = signTop + b.signatureHeight;
  return frame.end();
}
