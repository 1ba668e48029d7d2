/**
 * The avis des sommes à payer (ampliation of the titre de recette sent to the commune), one A4 page
 * laid out as the DGFiP ASAP model: issuer and contact, the debtor in the envelope window, the
 * amount and date limite beside it, then objet, fondement, liquidation, amount in words, payment,
 * ordonnateur, formule exécutoire and recourse (titre-de-recette.md §1.2). Corrections have their
 * own layout (correction-pdf.ts). Wording: templates/titre.fr.json; geometry: templates/layout.json.
 */
import { drawHeader, drawWindow, formRow, lineList, liquidationTable, tableLines } from './avis-parts.js';
import { addresseeLines, issuerContactLines, openAvisPage, serviceImputation, signature } from './avis-page.js';
import { filled } from './filled-texts.js';
import type { TextStyle } from './page-frame.js';
import type { PdfResources } from './pdf-document.js';
import type { Templates } from './templates.js';
import { titreValues } from './titre-values.js';
import type { TitreView } from './views.js';

export function renderTitrePdf(view: TitreView, templates: Templates, resources: PdfResources): PDFKit.PDFDocument {
  const w = templates.titre;
  const layout = templates.layout;
  const { values, montant } = titreValues(view);
  const t = (key: Parameters<typeof w.text>[0]): string => w.text(key, values);
  // texts filled from the titre's own values: set without being kept (filled-texts.ts)
  const f = (key: Parameters<typeof w.text>[0]): string => filled(t(key));
  const issuer = view.config.emetteur;
  const objet = f('objet.titre');

  const frame = openAvisPage(view, templates, resources, {
    wording: w,
    values,
    objet,
    numero: f('reperes.numero'),
    dataDescription: 'Liquidation du titre (données structurées, schéma titre-liquidation)',
  });
  const fs = layout.fontSize;
  const body: TextStyle = { size: fs.body };
  const accent = layout.color.accent;

  // Header, and the debtor in the envelope window.
  const headerBottom = drawHeader(frame, {
    issuer,
    issuerLines: issuerContactLines(view, w, values),
    title: w.text('document.title'),
    subtitle: w.text('document.subtitle'),
    reperes: view.preview
      ? [t('reperes.exercice'), w.text('preview.reperes')]
      : [t('reperes.exercice'), f('reperes.numero'), t('reperes.bordereau'), t('reperes.dateEmission')],
  });
  const commune = view.commune;
  drawWindow(frame, addresseeLines(view, w, values));

  // Beside the window: the amount, the date limite, the reference to quote and the debtor's identifiers.
  const avis = layout.avis;
  const boxWidth = avis.windowX - frame.left - avis.columnGap;
  const pad = layout.spacing.cellPadding * 2;
  const boxTop = Math.max(headerBottom + 8, avis.windowY - pad);
  const amountStyle: TextStyle = { bold: true, size: fs.amount + 4, color: accent };
  const debiteur = commune.siret ? f('debiteur.sirenSiret') : f('debiteur.siren');
  const boxLines = [...(view.preview ? [] : [t('encadre.echeance'), f('encadre.reference')]), debiteur];
  const boxHeight =
    2 * pad + frame.measure(w.text('encadre.montant'), body, boxWidth) + frame.measure(filled(values.montant), amountStyle, boxWidth) + 4 +
    boxLines.reduce((h, l) => h + frame.measure(l, body, boxWidth - 2 * pad), 0);
  frame.box(frame.left, boxTop, boxWidth, boxHeight, layout.color.box);
  let y = boxTop + pad;
  y += frame.text('P', w.text('encadre.montant'), { bold: true, size: fs.body, color: accent }, frame.left + pad, y, boxWidth - 2 * pad);
  y += frame.text('P', values.montant, amountStyle, frame.left + pad, y, boxWidth - 2 * pad) + 4;
  lineList(frame, boxLines, body, frame.left + pad, y, boxWidth - 2 * pad);
  frame.y = Math.max(avis.bodyTop, boxTop + boxHeight + 10);

  // Objet, legal basis.
  formRow(frame, w.text('labels.objet'), [objet], { bold: true, size: fs.body });
  const fondement = [t('fondement.convention')];
  if (view.config.convention.deliberation) fondement.push(t('fondement.deliberation'));
  fondement.push(t('fondement.articles'));
  formRow(frame, w.text('labels.fondement'), fondement, { size: fs.small });

  // Liquidation: the amount column adds up to the total.
  liquidationTable(frame, tableLines(view.document.liquidation, montant), montant, {
    article: w.text('liquidation.colArticle'),
    libelle: w.text('liquidation.colLibelle'),
    montant: w.text('liquidation.colMontant'),
    total: w.text('liquidation.total'),
  });
  frame.y += 3;
  frame.y += lineList(frame, [f('montant.lettres'), w.text('montant.tva')], body, frame.left, frame.y, frame.width) + layout.spacing.section;

  // Imputation, payment, ordonnateur, formule exécutoire, recourse.
  formRow(frame, w.text('labels.imputation'), [serviceImputation(w, values)]);
  const reglement = [t('reglement.comptable'), t('reglement.virement')];
  if (!view.preview) reglement.push(f('reglement.reference'), t('reglement.echeance'));
  formRow(frame, w.text('labels.reglement'), reglement);
  formRow(frame, w.text('labels.ordonnateur'), signature(view, w, values));
  formRow(frame, w.text('labels.executoire'), [w.text('ordonnateur.executoire')], { size: fs.small });
  formRow(frame, w.text('labels.recours'), [t('recours.texte')], { size: fs.small });
  return frame.end();
}
