/**
 * The page of every document sent to a commune about a titre (the avis, the corrections and the
 * statement of a closed exercice): the PDF opened with its metadata and its embedded liquidation
 * (issue 11 item 5), the page frame with its footer and the preview watermark, and the blocks whose
 * wording lives in templates/titre.fr.json and is shared by the corrections' template: the issuer's
 * contact lines, the addressee, the imputation and the signature.
 */
import { issuerLines, signatoryLines } from './avis-parts.js';
import { filled } from './filled-texts.js';
import { attachData, TITRE_DATA_FILE, titreData } from './embedded-data.js';
import { PageFrame } from './page-frame.js';
import { openPdf, type PdfResources } from './pdf-document.js';
import type { Templates } from './templates.js';
import type { TitreView } from './views.js';
import type { Wording } from './wording.js';

type TitreWording = Templates['titre'];
type Values = Readonly<Record<string, string>>;

/** The page's texts that the avis and the corrections' templates both hold, under the same keys. */
type PageKey =
  | 'document.pdfTitle'
  | 'document.pdfTitlePreview'
  | 'document.pdfAuthor'
  | 'document.pdfSubject'
  | 'preview.watermark'
  | 'pied.page'
  | 'reperes.exercice';

export interface AvisPage {
  /** The document's template (titre or correction) and the values of its placeholders. */
  wording: Wording<PageKey>;
  values: Values;
  /** The objet, the PDF's subject. */
  objet: string;
  /** The document's number as the footer cites it (a preview has none). */
  numero: string;
  /** Description of the embedded liquidation.json. */
  dataDescription: string;
}

/**
 * Opens the document's PDF (metadata, embedded data) and its page frame, whose footer cites the
 * issuer, the exercice and the number, and whose preview carries the watermark.
 */
export function openAvisPage(view: TitreView, templates: Templates, resources: PdfResources, page: AvisPage): PageFrame {
  const { wording: w, values } = page;
  const t = (key: PageKey): string => w.text(key, values);
  const reference = [view.config.emetteur.nom, t('reperes.exercice'), ...(view.preview ? [] : [page.numero])].join(' – ');
  const { page: p } = templates.layout;
  const doc = openPdf(
    resources,
    {
      title: t(view.preview ? 'document.pdfTitlePreview' : 'document.pdfTitle'),
      author: t('document.pdfAuthor'),
      subject: w.text('document.pdfSubject', { objet: page.objet }),
      date: view.dateEmission,
    },
    { top: p.marginTop, bottom: p.marginBottom, left: p.marginLeft, right: p.marginRight },
  );
  attachData(doc, TITRE_DATA_FILE, page.dataDescription, titreData(view), view.dateEmission);
  return new PageFrame(doc, templates.layout, {
    watermark: view.preview ? w.text('preview.watermark') : undefined,
    footer: (n) => filled(w.text('pied.page', { reference, page: String(n) })),
  });
}

/** The issuer's lines under its name: issuing service, address, SIREN and the contact given in config. */
export function issuerContactLines(view: TitreView, w: TitreWording, values: Values): string[] {
  const issuer = view.config.emetteur;
  const contact = issuer.service;
  return issuerLines(issuer, {
    siren: w.text('entete.siren', { siren: issuer.siren }),
    ...(contact?.interlocuteur ? { interlocuteur: w.text('entete.interlocuteur', values) } : {}),
    ...(contact?.telephone ? { telephone: w.text('entete.telephone', values) } : {}),
    ...(contact?.courriel ? { courriel: w.text('entete.courriel', values) } : {}),
  });
}

/** The addressee, in the envelope window. */
export function addresseeLines(view: TitreView, w: TitreWording, values: Values): string[] {
  return [w.text('destinataire.appel'), filled(w.text('destinataire.nom', values)), view.commune.adresse, filled(w.text('destinataire.ville', values))];
}

/** The service's budget imputation: « chapitre 74 – nature 74748 – fonction 20 ». */
export function serviceImputation(w: TitreWording, values: Values): string {
  const parts = (['chapitre', 'nature', 'fonction'] as const).filter((k) => values[k] !== '').map((k) => w.text(`imputation.${k}`, values));
  return parts.length > 0 ? parts.join(w.text('imputation.separateur')) : w.text('imputation.aucune');
}

/** The ordonnateur's signature and the delegation act. */
export function signature(view: TitreView, w: TitreWording, values: Values): string[] {
  return signatoryLines(view.config.emetteur, {
    signataire: w.text('ordonnateur.signataire', values),
    signataireDelegation: w.text('ordonnateur.signataireDelegation', values),
    arrete: w.text('ordonnateur.arrete', values),
  });
}
