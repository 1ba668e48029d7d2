/** The texts of a titre (templates/titre.fr.json) and the placeholders each may use. */
import type { WordingKey } from './wording.js';

const ORIGINE = ['numero', 'exercice', 'dateEmission', 'montant', 'netAvant'] as const;
const SIGNATAIRE = ['prenom', 'nom', 'qualite'] as const;

export const TITRE_WORDING = {
  document: {
    titleTitre: [],
    titleReduction: [],
    titleAnnulation: [],
    titleEtat: [],
    pdfTitle: ['title', 'exercice', 'numero', 'commune', 'service'],
    pdfSubject: ['objet'],
    pdfAuthor: ['emetteur'],
  },
  preview: { numero: [], watermark: [] },
  emetteur: { siren: ['siren'] },
  reperes: {
    exercice: ['exercice'],
    numero: ['numero'],
    bordereau: ['bordereau'],
    dateEmission: ['dateEmission'],
    dateEcheance: ['dateEcheance'],
    numeroEtat: ['numero'],
    dateEtat: ['dateEmission'],
  },
  origine: {
    reduction: ORIGINE,
    annulation: ORIGINE,
    etat_annulation: ORIGINE,
    motif: ['motif'],
    nouveauSolde: ['numero', 'solde'],
  },
  labels: {
    debiteur: [],
    objet: [],
    fondement: [],
    liquidation: [],
    montant: [],
    imputation: [],
    reglement: [],
    ordonnateur: [],
    executoire: [],
    recours: [],
  },
  debiteur: {
    nom: ['commune', 'deCommune'],
    siren: ['siren'],
    sirenSiret: ['siren', 'siret'],
    ville: ['codePostal', 'ville'],
  },
  objet: {
    titre: ['exercice', 'service', 'commune', 'deCommune'],
    reduction: ['exercice', 'service', 'commune', 'deCommune'],
    annulation: ['exercice', 'service', 'commune', 'deCommune'],
    etat_annulation: ['exercice', 'service', 'commune', 'deCommune'],
  },
  fondement: {
    convention: ['reference'],
    deliberation: ['deliberation'],
    articles: ['service'],
  },
  liquidation: { colRef: [], colLibelle: [], colMontant: [], suite: [] },
  montant: {
    titre: ['montant'],
    reduction: ['montant'],
    annulation: ['montant'],
    etat_annulation: ['montant'],
    lettres: ['lettres'],
    tva: [],
  },
  imputation: {
    chapitre: ['chapitre'],
    nature: ['nature'],
    fonction: ['fonction'],
    separateur: [],
    aucune: [],
    compte673: ['exercice'],
  },
  reglement: {
    comptable: ['comptable', 'adresse'],
    virement: ['iban', 'bic'],
    reference: ['exercice', 'numero'],
    sansPaiement: [],
    etat: [],
  },
  ordonnateur: {
    signataire: SIGNATAIRE,
    signataireDelegation: [...SIGNATAIRE, 'delegation'],
    executoire: [],
  },
  recours: { texte: ['tribunal', 'tribunalAdresse'] },
  pied: { page: ['reference', 'page'] },
} as const;

export type TitreWordingKey = WordingKey<typeof TITRE_WORDING>;
