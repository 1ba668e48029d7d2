/** The texts of a bordereau (templates/bordereau.fr.json) and the placeholders each may use. */
import type { WordingKey } from './wording.js';

const TITLE = ['numero', 'exercice'] as const;

export const BORDEREAU_WORDING = {
  document: {
    titleTitres: TITLE,
    titleReductions: TITLE,
    titleTitresPreview: ['exercice'],
    titleReductionsPreview: ['exercice'],
    service: ['service'],
    pdfTitle: ['title', 'service'],
    pdfAuthor: ['emetteur'],
  },
  preview: { watermark: [] },
  emetteur: { siren: ['siren'] },
  entete: {
    dateEmission: ['dateEmission'],
    comptable: ['comptable'],
    imputation: ['imputation'],
    suite: ['title'],
  },
  colonnes: { numero: [], codeInsee: [], commune: [], nature: [], titreOrigine: [], montant: [] },
  nature: { titre: [], reduction: [], annulation: [], etat_annulation: [] },
  totaux: {
    nombre: ['nombre'],
    total: ['total'],
    cumul: ['exercice', 'cumul'],
    lettres: ['lettres'],
  },
  signature: {
    attestation: [],
    signePar: ['prenom', 'nom', 'qualite'],
    signeParDelegation: ['prenom', 'nom', 'qualite', 'delegation'],
    arrete: ['arrete'],
    dateSignature: [],
  },
  pied: { page: ['title', 'page'] },
} as const;

export type BordereauWordingKey = WordingKey<typeof BORDEREAU_WORDING>;
