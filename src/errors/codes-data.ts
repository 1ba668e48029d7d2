import type { CodeEntry } from './code-entry.js';

/** Problem codes of the data area. Key: the stable code; value: meaning and fix, in French. */
export const DATA_CODES = {
  // Files and CSV structure
  INPUT_FILE_MISSING: {
    sens: 'Un fichier ou dossier obligatoire du jeu de données est introuvable.',
    correction: 'Créer le fichier au nom exact du contrat de données (config.json, communes.csv, populations/N.csv, adhesions.csv, indices/<serie>.csv) ou corriger --data.',
  },
  INPUT_FILE_UNREADABLE: {
    sens: 'Le fichier existe mais ne peut pas être lu (droits, dossier à la place d’un fichier…).',
    correction: 'Vérifier les droits de lecture et que le chemin désigne bien un fichier.',
  },
  INPUT_FILE_TOO_LARGE: {
    sens: 'Le fichier d’entrée dépasse la taille permise (32 Mo, cinq fois un jeu national) : ce n’est sans doute pas le bon fichier.',
    correction: 'Vérifier le fichier donné (un export complet à la place d’un extrait ?) et n’y garder que les lignes du contrat de données.',
  },
  CSV_LINE_TOO_LONG: {
    sens: 'Une ligne du CSV dépasse 65 536 caractères : un collage accidentel dans une cellule, ou un guillemet jamais fermé qui avale la suite du fichier.',
    correction: 'Ouvrir le fichier à la ligne indiquée, retirer le texte collé ou fermer le guillemet.',
  },
  CSV_CELL_COUNT: {
    sens: 'Une ligne n’a pas autant de cellules que l’en-tête : un séparateur en trop (par exemple un montant « 2 500,00 » non protégé dans un fichier séparé par des virgules) ou en moins. La ligne n’est pas lue plus avant.',
    correction: 'Mettre entre guillemets la cellule qui contient le séparateur, ou enregistrer le fichier avec le séparateur « ; » ; compléter une ligne trop courte par des cellules vides.',
  },
  CONTROL_CHARACTER: {
    sens: 'Une cellule (ou une chaîne de config.json) contient un caractère de contrôle invisible (caractère nul, retour à la ligne, tabulation, inversion de sens d’écriture…) qui serait recopié dans les titres, les registres et le flux PES.',
    correction: 'Retaper la valeur à la main dans la cellule citée (le message montre le caractère sous la forme ⟨U+000A⟩).',
  },
  TEXT_TOO_LONG: {
    sens: 'Un texte dépasse la longueur permise : 100 caractères pour un nom, une ville ou une ligne d’adresse, 1 000 pour toute autre cellule ou chaîne.',
    correction: 'Raccourcir la valeur (un collage accidentel ?) ; le nom officiel d’une commune compte au plus 45 caractères.',
  },
  AMOUNT_TOO_MANY_DECIMALS: {
    sens: 'Un montant en euros a plus de deux décimales (R1 : les montants sont au centime).',
    correction: 'Arrondir le montant au centime tel qu’il a été facturé, par exemple 2500.01 et non 2500.005.',
  },
  AMOUNT_IMPLAUSIBLE: {
    sens: 'Un montant dépasse le plafond de vraisemblance (un million d’euros par défaut) : sans doute un zéro de trop ou une valeur collée dans la mauvaise colonne.',
    correction: 'Corriger le montant ; si un montant aussi élevé est réel, relever `limites.montant_max` dans config.json.',
  },
  POPULATION_IMPLAUSIBLE: {
    sens: 'Une population dépasse le plafond de vraisemblance (dix millions d’habitants par défaut ; Paris en compte 2,1 millions).',
    correction: 'Corriger la population (colonne décalée, zéros en trop) ; `limites.population_max` de config.json règle le plafond.',
  },
  PROBLEMS_OMITTED: {
    sens: 'Le fichier a plus de mille problèmes de même gravité : les suivants sont comptés mais pas détaillés.',
    correction: 'Corriger les problèmes détaillés (souvent une même cause, comme un mauvais séparateur ou un mauvais fichier), puis relancer.',
  },
  CSV_EMPTY: {
    sens: 'Le fichier CSV est vide : il n’a même pas de ligne d’en-tête.',
    correction: 'Ajouter la ligne d’en-tête avec les noms de colonnes du contrat de données.',
  },
  CSV_SYNTAX: {
    sens: 'Le fichier CSV est mal formé (guillemet non fermé ou mal placé).',
    correction: 'Ouvrir le fichier à la ligne indiquée et fermer ou doubler les guillemets ("") dans les valeurs.',
  },
  CSV_MISSING_COLUMN: {
    sens: 'Une colonne obligatoire manque dans la ligne d’en-tête.',
    correction: 'Ajouter la colonne nommée dans l’en-tête (la casse et l’ordre des colonnes sont libres).',
  },
  MISSING_VALUE: {
    sens: 'Une cellule obligatoire est vide.',
    correction: 'Renseigner la valeur dans la colonne indiquée.',
  },
  // Values
  INVALID_DATE: {
    sens: 'La date n’est pas écrite AAAA-MM-JJ ou JJ/MM/AAAA, ou ce jour n’existe pas (31/02…).',
    correction: 'Écrire une date réelle, par exemple 2026-09-15 ou 15/09/2026.',
  },
  INVALID_MONTH: {
    sens: 'Le mois n’est pas écrit AAAA-MM (ou MM/AAAA).',
    correction: 'Écrire le mois sous la forme 2025-10.',
  },
  INVALID_AMOUNT: {
    sens: 'Le montant ou la valeur décimale n’est pas un nombre lisible.',
    correction: 'Écrire par exemple 1234.56 ou 1 234,56 (espaces entre groupes de trois chiffres, virgule ou point décimal), sans symbole €.',
  },
  INVALID_INTEGER: {
    sens: 'La valeur devrait être un nombre entier.',
    correction: 'Écrire un nombre entier sans décimales, par exemple 18243 ou 18 243.',
  },
  NEGATIVE_AMOUNT: {
    sens: 'Le montant antérieur est négatif (R5).',
    correction: 'Indiquer le montant facturé pour la dernière année avant la convention, positif ou nul.',
  },
  // Identifiers
  INVALID_SIREN: {
    sens: 'Le SIREN n’a pas 9 chiffres ou sa clé de contrôle (Luhn) est fausse.',
    correction: 'Recopier le SIREN depuis l’avis de situation SIRENE ou la liste DGCL des membres de l’EPCI.',
  },
  INVALID_SIRET: {
    sens: 'Le SIRET n’a pas 14 chiffres ou sa clé de contrôle (Luhn) est fausse.',
    correction: 'Recopier le SIRET de l’établissement depuis l’annuaire SIRENE, ou laisser la cellule vide.',
  },
  SIRET_SIREN_MISMATCH: {
    sens: 'Le SIRET ne commence pas par le SIREN de la même entité.',
    correction: 'Vérifier le SIREN et le SIRET : les 9 premiers chiffres du SIRET sont le SIREN.',
  },
  INVALID_IBAN: {
    sens: 'L’IBAN du comptable a une clé de contrôle fausse ou un format incorrect.',
    correction: 'Recopier l’IBAN du relevé d’identité bancaire de la paierie.',
  },
  INVALID_BIC: {
    sens: 'Le BIC du comptable n’a pas le format attendu (8 ou 11 caractères).',
    correction: 'Recopier le BIC du relevé d’identité bancaire (par exemple BDFEFRPPCCT).',
  },
  INVALID_CODE_INSEE: {
    sens: 'Le code INSEE de la commune n’a pas 5 caractères (chiffres, ou 2A/2B suivi de 3 chiffres).',
    correction: 'Écrire le code officiel géographique de la commune (par exemple 69081), sans supprimer le zéro initial.',
  },
  INVALID_POSTAL_CODE: {
    sens: 'Le code postal n’a pas 5 chiffres.',
    correction: 'Écrire le code postal sur 5 chiffres (par exemple 69130).',
  },
  // config.json
  CONFIG_INVALID_JSON: {
    sens: 'config.json n’est pas du JSON valide.',
    correction: 'Corriger la syntaxe à la ligne et la colonne indiquées (virgule en trop ou manquante, guillemet, accolade).',
  },
  CONFIG_DUPLICATE_KEY: {
    sens: 'Une même clé est écrite deux fois dans un objet de config.json.',
    correction: 'Supprimer l’une des deux clés.',
  },
  CONFIG_MISSING_KEY: {
    sens: 'Une clé obligatoire de config.json est absente ou vide.',
    correction: 'Ajouter la clé nommée (chemin JSON complet) avec sa valeur ; voir le contrat de données.',
  },
  CONFIG_WRONG_TYPE: {
    sens: 'Une valeur de config.json n’a pas le type attendu (objet, liste, chaîne, nombre, booléen).',
    correction: 'Écrire la valeur avec le type indiqué ; les montants et taux s’écrivent entre guillemets ("300.00").',
  },
  CONFIG_INVALID_DECIMAL: {
    sens: 'Un montant ou un taux de config.json n’est pas un nombre décimal lisible.',
    correction: 'Écrire le nombre entre guillemets avec un point décimal, par exemple "0.06".',
  },
  CONFIG_INVALID_VALUE: {
    sens: 'Une valeur de config.json n’est pas permise (valeur inconnue, format ou identifiant invalide, nombre hors bornes).',
    correction: 'Choisir l’une des valeurs possibles indiquées dans le message, ou respecter le format demandé.',
  },
  FREE_SERVICE_TARIFF: {
    sens: 'Un service gratuit porte un tarif (forfait, part par habitant ou options) (R2).',
    correction: 'Retirer le tarif, ou retirer "gratuit": true si le service est payant.',
  },
  PAYING_SERVICE_TARIFF_MISSING: {
    sens: 'Un service payant n’a pas de forfait, de part par habitant ou d’indice de révision (R2, R4).',
    correction: 'Ajouter forfait, par_habitant et indice { serie, reference }, ou déclarer le service "gratuit": true.',
  },
  // communes.csv
  DUPLICATE_COMMUNE: {
    sens: 'La même commune (code INSEE) figure deux fois dans communes.csv.',
    correction: 'Ne garder qu’une ligne par commune.',
  },
  // populations/N.csv
  POPULATION_FORMAT_UNKNOWN: {
    sens: 'L’en-tête du fichier de populations n’est ni la forme simple ni celle du fichier donnees_communes.csv de l’INSEE.',
    correction: 'Utiliser l’en-tête code_insee,population_municipale,population_totale ou le fichier INSEE tel que publié.',
  },
  NEGATIVE_POPULATION: {
    sens: 'Une population est négative.',
    correction: 'Recopier le chiffre de la population légale publiée par l’INSEE.',
  },
  POPULATION_TOTALE_BELOW_MUNICIPALE: {
    sens: 'La population totale est inférieure à la population municipale, ce qui est impossible (totale = municipale + comptée à part).',
    correction: 'Vérifier l’ordre des colonnes et recopier les chiffres INSEE.',
  },
  DUPLICATE_POPULATION: {
    sens: 'La même commune figure deux fois dans un fichier de populations.',
    correction: 'Ne garder qu’une ligne par commune dans ce fichier.',
  },
  POPULATION_UNKNOWN_COMMUNE: {
    sens: 'Avertissement : une ligne du fichier de populations concerne une commune absente de communes.csv ; elle est ignorée.',
    correction: 'Vérifier le code INSEE (faute de frappe ?) ou supprimer la ligne.',
  },
  POPULATION_FILE_IGNORED: {
    sens: 'Avertissement : un fichier CSV du dossier populations/ n’est pas nommé par une année ; il est ignoré.',
    correction: 'Renommer le fichier N.csv (par exemple 2026.csv) pour les populations en vigueur au 1er janvier N.',
  },
  LYON_ARRONDISSEMENTS_INCOMPLETE: {
    sens: 'Avertissement : la population de Lyon est la somme de ses arrondissements (R3), mais certains manquent dans le fichier.',
    correction: 'Ajouter les lignes des arrondissements 69381 à 69389, ou une ligne 69123 pour Lyon.',
  },
  // adhesions.csv
  UNKNOWN_COMMUNE: {
    sens: 'L’adhésion concerne une commune absente de communes.csv.',
    correction: 'Corriger le code INSEE ou ajouter la commune dans communes.csv.',
  },
  UNKNOWN_SERVICE: {
    sens: 'L’adhésion concerne un service absent de config.json.',
    correction: 'Écrire l’identifiant exact d’un service de config.json (par exemple laclasse).',
  },
  DUPLICATE_ADHESION: {
    sens: 'La même commune adhère deux fois au même service dans adhesions.csv.',
    correction: 'Ne garder qu’une ligne par commune et service (mettre à jour la ligne existante).',
  },
  END_BEFORE_START: {
    sens: 'La date de fin de l’adhésion précède sa date de début.',
    correction: 'Vérifier date_debut (ou date_signature) et date_fin.',
  },
  INVALID_END_REASON: {
    sens: 'Le motif de fin n’est pas l’un de resiliation, manquement_commune, manquement_metropole (R7, R8).',
    correction: 'Écrire l’un des trois motifs exactement.',
  },
  END_REASON_MISSING: {
    sens: 'Une date de fin est donnée sans motif de fin (R7, R8).',
    correction: 'Renseigner motif_fin : resiliation, manquement_commune ou manquement_metropole.',
  },
  END_REASON_WITHOUT_END: {
    sens: 'Un motif de fin est donné sans date de fin.',
    correction: 'Renseigner date_fin, ou vider motif_fin.',
  },
  NOTICE_WITHOUT_RESILIATION: {
    sens: 'Une date de préavis est donnée alors que le motif de fin n’est pas une résiliation (R7).',
    correction: 'Vider date_preavis, ou mettre motif_fin à resiliation.',
  },
  FREE_SERVICE_AMOUNT_IGNORED: {
    sens: 'Avertissement : un montant antérieur est donné pour un service gratuit (le service était peut-être payant avant la convention). Il est ignoré : un service gratuit ne donne jamais lieu à titre (R2). Le traitement continue.',
    correction: 'Rien à faire ; pour ne plus voir l’avertissement, vider montant_anterieur pour ce service.',
  },
  FREE_SERVICE_OPTIONS: {
    sens: 'Des options sont données pour un service gratuit (R2).',
    correction: 'Vider la colonne options pour ce service.',
  },
  INVALID_OPTIONS: {
    sens: 'La colonne options est mal écrite.',
    correction: 'Écrire nom=quantité, séparés par « | », par exemple connecteurs=2.',
  },
  UNKNOWN_OPTION: {
    sens: 'L’option n’est pas définie pour ce service dans config.json (R2).',
    correction: 'Utiliser le nom d’une option de services.<id>.options, ou l’y ajouter avec son prix unitaire.',
  },
  INVALID_QUANTITY: {
    sens: 'La quantité d’une option n’est pas un nombre entier strictement positif.',
    correction: 'Écrire une quantité entière supérieure ou égale à 1, ou retirer l’option.',
  },
  DUPLICATE_OPTION: {
    sens: 'La même option est écrite deux fois sur une adhésion.',
    correction: 'Regrouper les quantités en une seule paire nom=quantité.',
  },
  // indices/<serie>.csv
  INDEX_NOT_POSITIVE: {
    sens: 'Une valeur d’indice est nulle ou négative.',
    correction: 'Recopier la valeur publiée par la Fédération Syntec.',
  },
  INDEX_PUBLISHED_TOO_EARLY: {
    sens: 'La date de publication d’un indice précède la fin du mois qu’il mesure (R4).',
    correction: 'Vérifier le mois et la date de publication (la valeur du mois M paraît fin M+1).',
  },
  DUPLICATE_INDEX_MONTH: {
    sens: 'Le même mois figure deux fois dans la série d’indice.',
    correction: 'Ne garder qu’une ligne par mois.',
  },
  INDEX_REFERENCE_MISSING: {
    sens: 'Le mois de l’indice de référence S(ref) d’un service est absent de sa série, ou sans valeur (R4).',
    correction: 'Ajouter la valeur de ce mois dans indices/<serie>.csv, ou corriger indice.reference dans config.json.',
  },
} as const satisfies Record<string, CodeEntry>;
