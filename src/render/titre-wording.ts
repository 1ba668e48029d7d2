/** The texts of an avis des sommes à payer (templates/titre.fr.json) and the placeholders each may use. */
import type { WordingKey } from './wording.js';

const SIGNATAIRE = ['prenom', 'nom', 'qualite'] as const;
const DEBITEUR = ['commune', 'deCommune', 'codeInsee', 'siren'] as const;

export const TITRE_WORDING = {
  document: {
    title: [],
    subtitle: [],
    pdfTitle: ['exercice', 'numero', 'commune', 'service'],
    pdfTitlePreview: ['exercice', 'commune', 'service'],
    pdfSubject: ['objet'],
    pdfAuthor: ['emetteur'],
  },
  preview: { watermark: [], reperes: [] },
  entete: { siren: ['siren'], interlocuteur: ['interlocuteur'], telephone: ['telephone'], courriel: ['courriel'] },
  reperes: {
    exercice: ['exercice'],
    numero: ['numero'],
    bordereau: ['bordereau'],
    dateEmission: ['dateEmission'],
  },
  destinataire: { appel: [], nom: ['commune', 'deCommune'], ville: ['codePostal', 'ville'] },
  encadre: { montant: [], echeance: ['dateEcheance'], reference: ['exercice', 'numero'] },
  labels: {
    objet: [],
    fondement: [],
    imputation: [],
    reglement: [],
    ordonnateur: [],
    executoire: [],
    recours: [],
  },
  debiteur: { siren: DEBITEUR, sirenSiret: [...DEBITEUR, 'siret'] },
  objet: { titre: ['exercice', 'service', 'commune', 'deCommune'] },
  fondement: { convention: ['reference'], deliberation: ['deliberation'], articles: ['service'] },
  liquidation: { colArticle: [], colLibelle: [], colMontant: [], total: [] },
  montant: { titre: ['montant'], lettres: ['lettres'], tva: [] },
  imputation: {
    chapitre: ['chapitre'],
    nature: ['nature'],
    fonction: ['fonction'],
    separateur: [],
    aucune: [],
  },
  reglement: {
    comptable: ['comptable', 'adresse'],
    virement: ['iban', 'bic'],
    reference: ['exercice', 'numero'],
    echeance: ['dateEcheance'],
  },
  ordonnateur: {
    signataire: SIGNATAIRE,
    signataireDelegation: [...SIGNATAIRE, 'delegation'],
    arrete: ['arrete'],
    executoire: [],
  },
  recours: { texte: ['tribunal', 'tribunalAdresse'] },
  pied: { page: ['reference', 'page'] },
} as const;

export type TitreWordingKey = WordingKey<typeof TITRE_WORDING>;
