import type { CodeEntry } from './code-entry.js';

/**
 * Problem codes of the engine area. Key: the stable code; value: meaning and fix, in French.
 * The engine also re-checks two conditions the dataset readers already report, with the data
 * area's codes: UNKNOWN_SERVICE (adhesion to a service absent from config.json) and
 * INDEX_REFERENCE_MISSING (S(ref) absent from the series).
 */
export const ENGINE_CODES = {
  POPULATION_FICHIER_ABSENT: {
    sens: "Le fichier des populations en vigueur au 1er janvier de l'exercice facturé est absent (R3).",
    correction:
      "Ajouter le fichier populations/N.csv (populations légales INSEE en vigueur au 1er janvier N) au dossier de données.",
  },
  POPULATION_COMMUNE_ABSENTE: {
    sens: "La population d'une commune adhérente à un service payant manque pour l'exercice facturé (R3) : une population absente n'est jamais prise pour zéro.",
    correction: 'Ajouter la ligne de la commune (ou de ses arrondissements pour Lyon) au fichier populations/N.csv indiqué.',
  },
  INDICE_SERIE_ABSENTE: {
    sens: "La série d'indice de révision d'un service payant est absente (R4).",
    correction: 'Ajouter le fichier indices/<serie>.csv nommé par indice.serie dans config.json.',
  },
  INDICE_NON_CONNU: {
    sens: "Aucune valeur de l'indice n'était publiée au 1er janvier de l'exercice facturé (R4).",
    correction:
      "Compléter la série d'indice (colonnes mois, valeur, publie_le) avec les valeurs publiées avant le 1er janvier de l'exercice.",
  },
  INDICE_MOIS_ANCIEN: {
    sens: "Le dernier indice connu au 1er janvier est plus ancien que le mois attendu (novembre N-1) : une ligne manque probablement dans la série (R4). Le calcul utilise le mois trouvé.",
    correction:
      "Vérifier la série d'indice et ajouter les mois publiés manquants (avec leur date de publication) ; sinon, ignorer cet avertissement.",
  },
  TITRE_PRECEDENT_ABSENT: {
    sens: "Le régime transitoire (R5) plafonne le montant à partir du montant net facturé l'exercice précédent, mais aucun titre de cet exercice ne figure au journal : le montant n'est jamais deviné.",
    correction:
      "Émettre d'abord l'exercice précédent (titres issue --exercice N-1) dans le même dossier de sortie, ou vérifier le dossier --out et son journal.csv.",
  },
  PREAVIS_TARDIF: {
    sens: "La résiliation ne tombe pas à la fin d'une année d'adhésion avec un préavis de trois mois (art. 12.2) : la convention est réputée reconduite et l'adhésion est facturée jusqu'à la fin effective indiquée (R7).",
    correction: 'Vérifier date_fin et date_preavis dans adhesions.csv ; rien à faire si la reconduction est voulue.',
  },
  PREAVIS_ABSENT: {
    sens: 'Une résiliation (motif_fin resiliation) ne donne pas de date de réception du préavis : le préavis est tenu pour valable (R7).',
    correction: "Renseigner date_preavis (date de réception par la Métropole de la lettre recommandée) dans adhesions.csv.",
  },
  TITRE_INCONNU: {
    sens: "Le titre désigné (exercice et numéro) ne figure pas au journal des titres émis (R10).",
    correction: "Vérifier l'exercice et le numéro du titre (journal.csv du dossier de sortie).",
  },
  TITRE_EST_UNE_REDUCTION: {
    sens: "Le document désigné est lui-même un titre de réduction ou d'annulation : seul un titre de recette peut être réduit ou annulé (R10).",
    correction: "Désigner le numéro du titre de recette d'origine.",
  },
  MONTANT_REDUCTION_INVALIDE: {
    sens: 'Le montant de la réduction doit être positif, au centime près, et ne pas dépasser le montant net restant du titre (R10).',
    correction:
      "Donner un montant strictement positif et au plus égal au montant net restant ; omettre le montant pour annuler tout le reste.",
  },
  MOTIF_CORRECTION_ABSENT: {
    sens: "Un titre d'annulation ou de réduction doit citer son motif (R10).",
    correction: 'Indiquer le motif de la correction.',
  },
  TITRE_DEJA_ANNULE: {
    sens: "Le titre désigné est déjà entièrement annulé : son montant net est nul (R10).",
    correction: "Aucune correction n'est possible ; émettre au besoin un nouveau titre pour l'exercice (titres issue).",
  },
} as const satisfies Record<string, CodeEntry>;
