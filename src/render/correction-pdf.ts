/**
 * A titre de réduction, d'annulation or de régularisation (R10), or the statement of a closed
 * exercice (état des annulations supporting a mandat on compte 673, R10 « Closed exercice »): the
 * same header and envelope window as the avis, then the original titre and the motif first, the
 * effect in words that are true whether or not the commune has paid (« si vous avez déjà réglé, la
 * somme vous sera remboursée »), the detail, the ordonnateur and the recourse. It claims nothing: no
 * formule exécutoire, no date limite, no payment details. The statement has its own number series,
 * no bordereau and the imputation 673 of the current exercice. Wording: templates/correction.fr.json.
 */
import { dec } from '../engine/money.js';
import { hasBordereau } from '../engine/plan-types.js';
import { drawHeader, drawWindow, formRow, lineList, liquidationTable, tableLines } from './avis-parts.js';
import { addresseeLines, issuerContactLines, openAvisPage, serviceImputation, signature } from './avis-page.js';
import type { TextStyle } from './page-frame.js';
import type { PdfResources } from './pdf-document.js';
import type { Templates } from './templates.js';
import { titreValues } from './titre-values.js';
import type { TitreView } from './views.js';

type Kind = 'reduction' | 'annulation' | 'etat';

/** A réduction whose motif is a régularisation (R10 knock-on) gets its own title. */
function titleKey(view: TitreView): 'document.titleReduction' | 'document.titleAnnulation' | 'document.titleRegularisation' | 'document.titleEtat' {
  if (view.document.type === 'etat_annulation') return 'document.titleEtat';
  if (view.document.type === 'annulation') return 'document.titleAnnulation';
  return /^régularisation/i.test(view.document.motif ?? '') ? 'document.titleRegularisation' : 'document.titleReduction';
}

function kindOf(view: TitreView): Kind {
  const type = view.document.type;
  return type === 'etat_annulation' ? 'etat' : type === 'annulation' ? 'annulation' : 'reduction';
}

/** The effect in words: a statement that leaves nothing due on the titre reads as an annulation. */
function effectKey(kind: Kind, view: TitreView, montant: string): 'effet.reduction' | 'effet.annulation' | 'effet.etatReduction' | 'effet.etatAnnulation' {
  if (kind !== 'etat') return `effet.${kind}`;
  const nothingLeft = view.origine !== undefined && dec(view.origine.netAvant).eq(dec(montant));
  return nothingLeft ? 'effet.etatAnnulation' : 'effet.etatReduction';
}

export function renderCorrectionPdf(view: TitreView, templates: Templates, resources: PdfResources): PDFKit.PDFDocument {
  const w = templates.correction;
  const tw = templates.titre;
  const layout = templates.layout;
  const { values: base, montant } = titreValues(view);
  const title = w.text(titleKey(view));
  const kind = kindOf(view);
  const isEtat = kind === 'etat';
  const values: Record<string, string> = { ...base, title, titleLower: title.charAt(0).toLowerCase() + title.slice(1) };
  const t = (key: Parameters<typeof w.text>[0]): string => w.text(key, values);
  // The document's number names the piece by its type: « Titre de réduction n° 44 », even for a régularisation.
  const piece = view.document.type === 'reduction' ? w.text('document.titleReduction') : title;
  const issuer = view.config.emetteur;
  const objet = t(`objet.${kind}`);

  const numeroRepere = isEtat ? t('reperes.numeroEtat') : w.text('reperes.numero', { ...values, title: piece });
  const frame = openAvisPage(view, templates, resources, {
    wording: w,
    values,
    objet,
    numero: numeroRepere,
    dataDescription: 'Liquidation de la correction (données structurées, schéma titre-liquidation)',
  });
  const fs = layout.fontSize;
  const body: TextStyle = { size: fs.body };
  const accent = layout.color.accent;
  const tt = (key: Parameters<typeof tw.text>[0]): string => tw.text(key, values);

  const headerBottom = drawHeader(frame, {
    issuer,
    issuerLines: issuerContactLines(view, tw, values),
    title,
    subtitle: values.numeroOrigine ? t(isEtat ? 'document.subtitleEtat' : 'document.subtitle') : '',
    reperes: view.preview
      ? [t('reperes.exercice'), w.text('preview.reperes')]
      : hasBordereau(view.document.type)
        ? [t('reperes.exercice'), numeroRepere, t('reperes.bordereau'), t('reperes.dateEmission')]
        : [t('reperes.exercice'), numeroRepere, t('reperes.dateEtat')],
  });
  const commune = view.commune;
  drawWindow(frame, addresseeLines(view, tw, values));

  // Beside the window: the original titre and the motif, prominent.
  const avis = layout.avis;
  const boxWidth = avis.windowX - frame.left - avis.columnGap;
  const pad = layout.spacing.cellPadding * 2;
  const boxTop = Math.max(headerBottom + 8, avis.windowY - pad);
  const strong: TextStyle = { bold: true, size: fs.body + 1, color: accent };
  const boxLines = [...(values.dateOrigine ? [t('encadre.titreOrigine')] : []), t('encadre.motif')];
  const debiteur = commune.siret ? tt('debiteur.sirenSiret') : tt('debiteur.siren');
  const boxHeight = 2 * pad + boxLines.reduce((h, l) => h + frame.measure(l, strong, boxWidth - 2 * pad) + 3, 0) + frame.measure(debiteur, body, boxWidth - 2 * pad);
  frame.box(frame.left, boxTop, boxWidth, boxHeight, layout.color.box);
  let y = boxTop + pad;
  for (const line of boxLines) y += lineList(frame, [line], strong, frame.left + pad, y, boxWidth - 2 * pad) + 3;
  lineList(frame, [debiteur], body, frame.left + pad, y, boxWidth - 2 * pad);
  frame.y = Math.max(avis.bodyTop, boxTop + boxHeight + 10);

  formRow(frame, w.text('labels.objet'), [objet], { bold: true, size: fs.body });
  const amountLines = [t(`montant.${kind}`), ...(kind !== 'annulation' && values.solde ? [t('montant.solde')] : [])];
  frame.y += lineList(frame, amountLines, { bold: true, size: fs.amount, color: accent }, frame.left, frame.y, frame.width) + layout.spacing.section;
  formRow(frame, w.text('labels.effet'), [values.solde ? t(effectKey(kind, view, montant)) : t('montant.lettres')], { bold: true, size: fs.body });

  // Steps without an article of the convention (R10 itself): the first names the original titre, the last the motif.
  const lines = tableLines(view.document.liquidation, montant);
  const first = lines.findIndex((l) => l.article === '');
  liquidationTable(frame, lines.map((l, i, all) => ({
    ...l,
    article: l.article || (i === first ? w.text('liquidation.titreOrigine') : i === all.length - 1 ? w.text('liquidation.motif') : ''),
  })), montant, {
    article: w.text('liquidation.colArticle'),
    libelle: w.text('liquidation.colLibelle'),
    montant: w.text('liquidation.colMontant'),
    total: w.text('liquidation.total'),
  });
  frame.y += 3;
  frame.y += lineList(frame, [t('montant.lettres')], body, frame.left, frame.y, frame.width) + layout.spacing.section;

  // A statement supports a mandat on compte 673 of the current exercice, not the service's recette.
  formRow(frame, w.text('labels.imputation'), [isEtat ? t('imputation.compte673') : serviceImputation(tw, values)]);
  formRow(frame, w.text('labels.ordonnateur'), signature(view, tw, values));
  formRow(frame, w.text('labels.recours'), [t('recours.texte')], { size: fs.small });
  return frame.end();
}
