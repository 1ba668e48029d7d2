/**
 * The bordereau of titres (or of réductions / annulations): the document the ordonnateur signs,
 * which makes the titres it lists enforceable (art. D. 1617-23 and L. 1617-5 4° CGCT).
 */
import { dec, sumOfAmounts, toAmountString } from '../engine/money.js';
import { amountInWordsFr } from './amount-in-words.js';
import { BordereauTable, type Column } from './bordereau-table.js';
import { lineList, signatoryLines, signatoryValues } from './avis-parts.js';
import { attachDataPieces, BORDEREAU_DATA_FILE, bordereauJson } from './embedded-data.js';
import { PageFrame, type TextStyle } from './page-frame.js';
import { openPdf, type PdfResources } from './pdf-document.js';
import type { PdfOutput } from './pdf-stream.js';
import type { Templates } from './templates.js';
import type { BordereauLine, BordereauView } from './views.js';
import { formatAmountCellFr, formatAmountFr, formatDateFr, keepTogether } from '../engine/french-format.js';

function columnsOf(view: BordereauView, templates: Templates): Column<BordereauLine>[] {
  const w = templates.bordereau;
  const b = templates.layout.bordereau;
  // A preview assigns no number: its lines show a dash (the title says « PROJET – non émis »).
  const numero = (n: number | null): string => (view.preview || n === null ? '–' : String(n));
  const columns: Column<BordereauLine>[] = [
    { heading: w.text('colonnes.numero'), width: b.colNumeroWidth, align: 'right', value: (l) => numero(l.numero) },
    { heading: w.text('colonnes.codeInsee'), width: b.colCodeInseeWidth, align: 'left', value: (l) => l.codeInsee },
    { heading: w.text('colonnes.commune'), width: 0, align: 'left', value: (l) => l.commune },
  ];
  if (view.nature === 'reductions') {
    columns.push({ heading: w.text('colonnes.nature'), width: b.colNatureWidth, align: 'left', value: (l) => w.text(`nature.${l.type}`) });
    columns.push({ heading: w.text('colonnes.titreOrigine'), width: b.colTitreOrigineWidth, align: 'left', value: (l) => l.titreOrigine ?? '' });
  }
  columns.push({ heading: w.text('colonnes.montant'), width: b.colMontantWidth, align: 'right', value: (l) => formatAmountCellFr(l.montant) });
  return columns;
}

/** `output`: where the bytes go as they are written (pdf-stream.ts), instead of the returned document's stream. */
export function renderBordereauPdf(view: BordereauView, templates: Templates, resources: PdfResources, output?: PdfOutput): PDFKit.PDFDocument {
  const w = templates.bordereau;
  const layout = templates.layout;
  const issuer = view.config.emetteur;
  const total = toAmountString(sumOfAmounts(view.lines));
  if (total !== toAmountString(dec(view.total))) {
    throw new Error(`bordereau: total ${view.total} differs from the sum of its lines ${total}`);
  }
  const preview = view.preview || view.numero === null;
  const titleKey = view.nature === 'titres' ? 'document.titleTitres' : 'document.titleReductions';
  const title = w.text(preview ? `${titleKey}Preview` : titleKey, { numero: String(view.numero), exercice: String(view.exercice) });
  const serviceLine = w.text('document.service', { service: view.service.libelle });
  const doc = openPdf(
    resources,
    { title: w.text('document.pdfTitle', { title, service: view.service.libelle }), author: w.text('document.pdfAuthor', { emetteur: issuer.nom }), date: view.dateEmission },
    { top: layout.page.marginTop, bottom: layout.page.marginBottom, left: layout.page.marginLeft, right: layout.page.marginRight },
    output,
  );
  attachDataPieces(doc, BORDEREAU_DATA_FILE, 'Pièces du bordereau (données structurées, schéma bordereau)', bordereauJson(view), view.dateEmission);
  const fs = layout.fontSize;
  const body: TextStyle = { size: fs.body };
  const accent = (size: number): TextStyle => ({ bold: true, size, color: layout.color.accent });
  let table: BordereauTable<BordereauLine> | undefined;
  const frame = new PageFrame(doc, layout, {
    watermark: view.preview ? w.text('preview.watermark') : undefined,
    footer: (page) => w.text('pied.page', { title, page: String(page) }),
    onContinuation: (f) => {
      f.y += f.text('P', w.text('entete.suite', { title }), accent(fs.body), f.left, f.y, f.width) + 6;
      table?.header();
    },
  });

  // Header: issuer, title, date, comptable, imputation.
  frame.y += frame.text('P', issuer.nom, accent(fs.issuer), frame.left, frame.y, frame.width);
  const issuerLines = [w.text('emetteur.siren', { siren: issuer.siren }), ...issuer.adresse];
  frame.y += lineList(frame, issuerLines, { size: fs.body, color: layout.color.muted }, frame.left, frame.y + 2, frame.width) + 14;
  frame.y += frame.text('H1', keepTogether(title), accent(fs.title - 2), frame.left, frame.y, frame.width, 'center') + 2;
  frame.y += frame.text('P', keepTogether(serviceLine), accent(fs.subtitle), frame.left, frame.y, frame.width, 'center') + 6;
  const { chapitre, nature, fonction } = view.service.imputation;
  const imputation = [chapitre, nature, fonction].filter((p): p is string => Boolean(p)).join(' – ');
  const entete = [
    w.text('entete.dateEmission', { dateEmission: formatDateFr(view.dateEmission) }),
    w.text('entete.comptable', { comptable: issuer.comptable.nom }),
  ];
  if (imputation) entete.push(w.text('entete.imputation', { imputation }));
  frame.y += lineList(frame, entete, body, frame.left, frame.y, frame.width) + 8;

  // Lines.
  const lines = new BordereauTable(frame, columnsOf(view, templates));
  table = lines;
  lines.header();
  let index = 0;
  for (const line of view.lines) lines.line(line, index++);
  lines.end();
  table = undefined;
  frame.y += layout.spacing.section;

  // Totals, then the signature block, kept together on one page.
  const signValues = signatoryValues(issuer);
  const totals = [w.text('totaux.nombre', { nombre: String(view.lines.length) }), w.text('totaux.total', { total: formatAmountFr(total) })];
  const words = [
    w.text('totaux.lettres', { lettres: amountInWordsFr(total) }),
    w.text('totaux.cumul', { exercice: String(view.exercice), cumul: formatAmountFr(view.cumulExercice) }),
    ...(view.asap ? [view.asap] : []),
  ];
  const signText = [
    w.text('signature.attestation'),
    ...signatoryLines(issuer, {
      signataire: w.text('signature.signePar', signValues),
      signataireDelegation: w.text('signature.signeParDelegation', signValues),
      arrete: w.text('signature.arrete', signValues),
    }),
  ];
  const signatureHeight = layout.bordereau.signatureHeight;
  const measure = (lines: string[], style: TextStyle): number => lines.reduce((h, l) => h + frame.measure(l, style, frame.width), 0);
  frame.ensure(measure(totals, accent(fs.amount)) + measure([...words, ...signText], body) + signatureHeight + 30);
  frame.y += lineList(frame, totals, accent(fs.amount), frame.left, frame.y, frame.width) + 2;
  frame.y += lineList(frame, words, body, frame.left, frame.y, frame.width) + 10;
  frame.y += lineList(frame, signText, body, frame.left, frame.y, frame.width) + 6;
  const signX = frame.left + frame.width / 2;
  const signTop = frame.y;
  frame.text('P', w.text('signature.dateSignature'), { bold: true, size: fs.body }, signX + 6, signTop + 6, frame.width / 2 - 12);
  frame.artifact(() => {
    doc.rect(signX, signTop, frame.width / 2, signatureHeight).lineWidth(0.5).strokeColor(layout.color.rule).stroke();
  });
  frame.y = signTop + signatureHeight;
  return frame.end();
}
