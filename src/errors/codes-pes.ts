import type { CodeEntry } from './code-entry.js';

/** Problem codes of the PES V2 export. Key: the stable code; value: meaning and fix, in French. */
export const PES_CODES = {
  PES_MISSING_IDENTIFIER: {
    sens: "Un identifiant exigé par l'export PES manque : SIRET de l'émetteur, poste comptable, code collectivité ou budget, compte nature ou code produit d'un service, SIRET d'une commune.",
    correction: 'Renseigner la clé nommée dans config.json (emetteur.siret, emetteur.pes.id_post, emetteur.pes.cod_col, emetteur.pes.cod_bud, services.<id>.imputation.nature ou code_produit) ou la colonne siret de la ligne indiquée de communes.csv.',
  },
  PES_INVALID_IDENTIFIER: {
    sens: "Un identifiant ne respecte pas le format du schéma PES V2 : poste comptable sur 6 ou 7 chiffres, code collectivité sur 3 chiffres, code budget sur 2 caractères, code produit de 1 à 4 lettres ou chiffres, nature et fonction en chiffres, SIRET de 14 chiffres avec une clé de Luhn valide.",
    correction: 'Corriger la valeur citée, en la vérifiant auprès du comptable public (poste, budget, code produit) ou dans le répertoire SIRENE (SIRET).',
  },
  PES_SIRET_SIREN_MISMATCH: {
    sens: 'Le SIRET ne commence pas par le SIREN de la même entité : il désigne sans doute un autre organisme.',
    correction: 'Vérifier le SIRET et le SIREN dans le répertoire SIRENE et corriger celui qui est faux.',
  },
  PES_UNKNOWN_SERVICE: {
    sens: "Un bordereau à exporter porte sur un service absent de config.json ou gratuit, donc sans imputation.",
    correction: "Vérifier l'identifiant du service du bordereau dans le journal et la section services de config.json.",
  },
  PES_UNKNOWN_COMMUNE: {
    sens: 'Une pièce à exporter vise une commune absente de communes.csv : le tiers débiteur ne peut pas être décrit.',
    correction: 'Ajouter la commune à communes.csv ou corriger son code INSEE.',
  },
  PES_INVALID_ADDRESS: {
    sens: "L'adresse d'une commune ne peut pas être transmise : code postal qui n'est pas sur 5 chiffres, adresse ou ville vide.",
    correction: 'Compléter ou corriger les colonnes adresse, code_postal et ville de la ligne indiquée de communes.csv.',
  },
  PES_NO_BORDEREAU: {
    sens: "Il n'y a aucun bordereau à exporter.",
    correction: "Émettre les titres avant l'export, ou vérifier l'exercice et les bordereaux demandés.",
  },
  PES_EMPTY_BORDEREAU: {
    sens: "Un bordereau n'a aucune pièce ; Hélios exige au moins une pièce par bordereau.",
    correction: 'Retirer ce bordereau de la demande ou vérifier le journal.',
  },
  PES_DUPLICATE_NUMBER: {
    sens: "Le même numéro de bordereau (par exercice et type) ou de pièce (par exercice) apparaît deux fois ; Hélios rejette les doublons.",
    correction: 'Vérifier le journal : chaque numéro ne doit être attribué qu\'une fois.',
  },
  PES_NUMBER_OUT_OF_RANGE: {
    sens: "Un exercice, un numéro de bordereau (1 à 9 999 999), de pièce (1 à 99 999 999) ou un nombre de pièces (99 999 au plus) sort des limites du schéma PES.",
    correction: 'Vérifier la numérotation dans le journal et config.json (numerotation).',
  },
  PES_INVALID_DATE: {
    sens: "Une date (génération ou émission du bordereau) n'est pas une date AAAA-MM-JJ valide postérieure au 1er janvier 1900.",
    correction: 'Corriger la date donnée en option ou dans le journal.',
  },
  PES_INVALID_AMOUNT: {
    sens: "Un montant n'est pas un décimal strictement positif à 2 décimales au plus ; le PES n'admet ni montant nul ni montant négatif (les réductions sont positives).",
    correction: 'Vérifier le montant de la pièce ou le cumul annuel dans le journal.',
  },
  PES_PIECE_TYPE_MISMATCH: {
    sens: 'Un titre figure dans un bordereau de réductions, ou une réduction ou annulation dans un bordereau de titres.',
    correction: 'Placer les titres dans des bordereaux de titres (type 01) et les réductions et annulations dans des bordereaux de réductions (type 02).',
  },
  PES_INVALID_TITRE_ORIGINE: {
    sens: "Une réduction ou annulation n'indique pas le titre qu'elle réduit, ou vise un titre d'un autre exercice (le PES exige le même exercice pour une réduction 02 02 06).",
    correction: "Renseigner le titre d'origine ; pour un titre d'un exercice antérieur, émettre un mandat au compte 673 au lieu d'une réduction.",
  },
  PES_EMPTY_PJ: {
    sens: 'Le PDF à joindre à une pièce est vide ; Hélios rejette une pièce jointe vide.',
    correction: 'Régénérer le PDF du titre (titres verify) avant de relancer l\'export.',
  },
  PES_ADDRESS_NO_STREET: {
    sens: "L'adresse d'une commune n'a ni numéro ni voie (par exemple « Hôtel de ville » seul) : le champ voie (Adr2) du PES, obligatoire, reçoit alors tout le texte de l'adresse. L'export a lieu, mais l'avis des sommes à payer porte une adresse incomplète.",
    correction: "Compléter la colonne adresse de la ligne indiquée de communes.csv avec le numéro et la voie, après le complément : « Hôtel de ville, 1 place de la Mairie ».",
  },
  PES_SCHEMA_INVALID: {
    sens: "Le flux PES produit, ou l'un des PES_Facture qu'il transporte, n'est pas conforme aux schémas XSD de la DGFiP (PES V2 5.30) : Hélios le rejetterait. Aucun fichier n'est écrit.",
    correction: "Lire l'élément cité (chemin XPath) : une valeur de config.json ou de communes.csv trop longue ou mal formée en est en général la cause ; sinon, signaler le message complet (défaut de l'outil).",
  },
} as const satisfies Record<string, CodeEntry>;
