/**
 * The texts of a titre de réduction, d'annulation or de régularisation, and of the statement of a
 * closed exercice (état des annulations, mandat on compte 673, R10), in templates/correction.fr.json,
 * and the placeholders each may use. A correction claims nothing: no formule exécutoire, no date limite.
 */
import type { WordingKey } from './wording.js';

const ORIGINE = ['numeroOrigine', 'exerciceOrigine'] as const;
const EFFET = [...ORIGINE, 'montant', 'solde'] as const;
const EFFET_ETAT = [...EFFET, 'exercice'] as const;
const OBJET = [...ORIGINE, 'exercice', 'service', 'commune', 'deCommune'] as const;

export const CORRECTION_WORDING = {
  document: {
    titleReduction: [],
    titleAnnulation: [],
    titleRegularisation: [],
    titleEtat: [],
    subtitle: ORIGINE,
    subtitleEtat: ORIGINE,
    pdfTitle: ['title', 'exercice', 'numero', 'commune', 'service'],
    pdfTitlePreview: ['titleLower', 'exercice', 'commune', 'service'],
    pdfSubject: ['objet'],
    pdfAuthor: ['emetteur'],
  },
  preview: { watermark: [], reperes: [] },
  reperes: {
    exercice: ['exercice'],
    numero: ['title', 'numero'],
    numeroEtat: ['numero'],
    bordereau: ['bordereau'],
    dateEmission: ['dateEmission'],
    dateEtat: ['dateEmission'],
  },
  encadre: {
    titreOrigine: [...ORIGINE, 'dateOrigine', 'montantOrigine'],
    motif: ['motif'],
  },
  labels: { objet: [], effet: [], imputation: [], ordonnateur: [], recours: [] },
  objet: { reduction: OBJET, annulation: OBJET, etat: OBJET },
  montant: {
    reduction: ['montant'],
    annulation: ['montant'],
    etat: ['montant'],
    lettres: ['lettres'],
    solde: [...ORIGINE, 'solde'],
  },
  effet: { reduction: EFFET, annulation: EFFET, etatReduction: EFFET_ETAT, etatAnnulation: EFFET_ETAT },
  liquidation: { colArticle: [], colLibelle: [], colMontant: [], total: [], titreOrigine: [], motif: [] },
  imputation: { compte673: ['exercice'] },
  recours: { texte: ['tribunal', 'tribunalAdresse'] },
  pied: { page: ['reference', 'page'] },
} as const;

export type CorrectionWordingKey = WordingKey<typeof CORRECTION_WORDING>;
