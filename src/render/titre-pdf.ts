/**
 * The titre de recette (avis des sommes à payer), or titre de réduction / d'annulation, as a
 * one-page A4 PDF when the liquidation allows (it continues on further pages otherwise). Every
 * mention required by titre-de-recette.md §1.2 comes from templates/titre.fr.json.
 */
import { labelledRow } from './labelled-row.js';
import { liquidationTable } from './liquidation-table.js';
import { PageFrame, type TextStyle } from './page-frame.js';
import { openPdf, type PdfResources } from './pdf-document.js';
import type { Templates } from './templates.js';
import { origineValues, titreValues } from './titre-values.js';
import type { TitreView } from './views.js';

const TITLE_KEY = {
  titre: 'document.titleTitre',
  reduction: 'document.titleReduction',
  annulation: 'document.titleAnnulation',
  etat_annulation: 'document.titleEtat',
} as const;

export function renderTitrePdf(view: TitreView, templates: Templates, resources: PdfResources): PDFKit.PDFDocument {
  const w = templates.titre;
  const layout = templates.layout;
  const type = view.document.type;
  const isTitre = type === 'titre';
  // R10 « Closed exercice »: the statement of a mandat on compte 673 is no titre: no bordereau, not
  // « rendu exécutoire », no recourse, imputation 673.
  const isEtat = type === 'etat_annulation';
  const { values, montant } = titreValues(view, w.text('preview.numero'));
  const t = (key: Parameters<typeof w.text>[0]): string => w.text(key, values);
  const title = w.text(TITLE_KEY[type]);
  const issuer = view.config.emetteur;

  const doc = openPdf(
    resources,
    {
      title: w.text('document.pdfTitle', { ...values, title }),
      author: w.text('document.pdfAuthor', values),
      subject: w.text('document.pdfSubject', { objet: t(`objet.${type}`) }),
      date: view.dateEmission,
    },
    { top: layout.page.marginTop, bottom: layout.page.marginBottom, left: layout.page.marginLeft, right: layout.page.marginRight },
  );
  const footerRef = `${issuer.nom} – ${t('reperes.exercice')} – ${t(type === 'etat_annulation' ? 'reperes.numeroEtat' : 'reperes.numero')}`;
  const frame = new PageFrame(doc, layout, {
    watermark: view.preview ? w.text('preview.watermark') : undefined,
    footer: (page) => w.text('pied.page', { reference: footerRef, page: String(page) }),
  });
  const fs = layout.fontSize;
  const body: TextStyle = { size: fs.body };
  const labelWidth = layout.titre.labelWidth;

  // Issuer (left) and identification of the titre (right box).
  const top = frame.y;
  const boxWidth = layout.titre.reperesWidth;
  const issuerWidth = frame.width - boxWidth - 12;
  let y = top;
  y += frame.text('P', issuer.nom, { bold: true, size: fs.issuer, color: layout.color.accent }, frame.left, y, issuerWidth);
  const issuerLines = [w.text('emetteur.siren', { siren: issuer.siren }), ...issuer.adresse].join('\n');
  y += frame.text('P', issuerLines, { size: fs.body, color: layout.color.muted }, frame.left, y + 2, issuerWidth) + 2;
  const reperes = isEtat
    ? [t('reperes.exercice'), t('reperes.numeroEtat'), t('reperes.dateEtat')]
    : [t('reperes.exercice'), t('reperes.numero'), t('reperes.bordereau'), t('reperes.dateEmission')];
  if (isTitre) reperes.push(t('reperes.dateEcheance'));
  const pad = layout.spacing.cellPadding * 2;
  const boxX = frame.right - boxWidth;
  const reperesText = reperes.slice(2).join('\n');
  const headStyle: TextStyle = { bold: true, size: fs.subtitle, color: layout.color.accent };
  const headText = reperes.slice(0, 2).join('\n');
  const boxHeight = frame.measure(headText, headStyle, boxWidth - 2 * pad) + frame.measure(reperesText, body, boxWidth - 2 * pad) + 2 * pad + 3;
  frame.box(boxX, top, boxWidth, boxHeight, layout.color.box);
  const headHeight = frame.text('P', headText, headStyle, boxX + pad, top + pad, boxWidth - 2 * pad);
  frame.text('P', reperesText, body, boxX + pad, top + pad + headHeight + 3, boxWidth - 2 * pad);
  frame.y = Math.max(y, top + boxHeight) + 14;

  // Title, and for a reduction the titre it reduces.
  frame.y += frame.text('H1', title, { bold: true, size: fs.title, color: layout.color.accent }, frame.left, frame.y, frame.width, 'center') + 4;
  const origine = origineValues(view, montant);
  if (!isTitre && origine) {
    const lines = [w.text(`origine.${type}`, origine), w.text('origine.motif', values), w.text('origine.nouveauSolde', origine)];
    frame.y += frame.text('P', lines.join('\n'), { bold: true, size: fs.body }, frame.left, frame.y, frame.width, 'center') + 2;
  }
  frame.rule(frame.y + 2, layout.color.accent);
  frame.y += layout.spacing.section + 4;

  // Debtor, objet, legal basis.
  const commune = view.commune;
  const debiteur = [
    t('debiteur.nom'),
    commune.siret ? t('debiteur.sirenSiret') : t('debiteur.siren'),
    commune.adresse,
    t('debiteur.ville'),
  ];
  labelledRow(frame, labelWidth, w.text('labels.debiteur'), debiteur.join('\n'));
  labelledRow(frame, labelWidth, w.text('labels.objet'), t(`objet.${type}`), { bold: true, size: fs.body });
  const fondement = [t('fondement.convention')];
  if (view.config.convention.deliberation) fondement.push(t('fondement.deliberation'));
  fondement.push(t('fondement.articles'));
  labelledRow(frame, labelWidth, w.text('labels.fondement'), fondement.join('\n'));

  // Liquidation.
  frame.ensure(60);
  frame.y += frame.text('H2', w.text('labels.liquidation'), { bold: true, size: fs.label, color: layout.color.accent }, frame.left, frame.y, frame.width) + 2;
  liquidationTable(frame, view.document.liquidation, {
    ref: w.text('liquidation.colRef'),
    libelle: w.text('liquidation.colLibelle'),
    montant: w.text('liquidation.colMontant'),
  });
  frame.y += layout.spacing.section;

  // Amount in figures and in words, VAT.
  const amountStyle: TextStyle = { bold: true, size: fs.amount, color: layout.color.accent };
  const amountText = t(`montant.${type}`);
  const wordsText = `${t('montant.lettres')}\n${w.text('montant.tva')}`;
  const amountHeight = frame.measure(amountText, amountStyle, frame.width - 2 * pad) + frame.measure(wordsText, body, frame.width - 2 * pad) + 2 * pad + 2;
  frame.ensure(amountHeight);
  const amountTop = frame.y;
  frame.box(frame.left, amountTop, frame.width, amountHeight, layout.color.box);
  const figuresHeight = frame.text('P', amountText, amountStyle, frame.left + pad, amountTop + pad, frame.width - 2 * pad);
  frame.text('P', wordsText, body, frame.left + pad, amountTop + pad + figuresHeight + 2, frame.width - 2 * pad);
  frame.y = amountTop + amountHeight + layout.spacing.section + 2;

  // Imputation, payment, ordonnateur, recourse.
  const imputation = (['chapitre', 'nature', 'fonction'] as const)
    .filter((k) => values[k] !== '')
    .map((k) => t(`imputation.${k}`));
  const imputationText = isEtat
    ? t('imputation.compte673')
    : imputation.length > 0
      ? imputation.join(w.text('imputation.separateur'))
      : w.text('imputation.aucune');
  labelledRow(frame, labelWidth, w.text('labels.imputation'), imputationText);
  const reglement = isTitre
    ? [t('reglement.comptable'), t('reglement.virement'), t('reglement.reference')]
    : [w.text(isEtat ? 'reglement.etat' : 'reglement.sansPaiement'), t('reglement.comptable')];
  labelledRow(frame, labelWidth, w.text('labels.reglement'), reglement.join('\n'));
  const signataire = issuer.signataire.delegation ? t('ordonnateur.signataireDelegation') : t('ordonnateur.signataire');
  labelledRow(frame, labelWidth, w.text('labels.ordonnateur'), signataire, { bold: true, size: fs.body });
  if (!isEtat) {
    labelledRow(frame, labelWidth, w.text('labels.executoire'), w.text('ordonnateur.executoire'));
    labelledRow(frame, labelWidth, w.text('labels.recours'), t('recours.texte'), { size: fs.small });
  }
  return frame.end();
}
