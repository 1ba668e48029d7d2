import type { CodeEntry } from './code-entry.js';

/** Problem codes of the command line. Key: the stable code; value: meaning and fix, in French. */
export const USAGE_CODES = {
  USAGE: {
    sens: 'Commande, option ou argument inconnu ou mal formé.',
    correction: 'Lire `titres --help` ou `titres <commande> --help` et corriger la ligne de commande.',
  },
  INVALID_YEAR: {
    sens: "L'exercice donné n'est pas une année sur quatre chiffres.",
    correction: 'Donner par exemple `--year 2026`.',
  },
  INVALID_DATE_OPTION: {
    sens: "La date donnée en option n'est pas une date AAAA-MM-JJ valide.",
    correction: 'Donner par exemple `--date 2026-06-15`.',
  },
  MISSING_OPTION: {
    sens: 'Une option obligatoire pour cette commande manque.',
    correction: "Ajouter l'option nommée dans le message.",
  },
  UNKNOWN_COMMAND: {
    sens: 'La commande demandée n’existe pas (faute de frappe ?) ; la commande la plus proche est proposée.',
    correction: 'Lire `titres --help` pour la liste des commandes (check, issue, verify, cancel, export-pes, simulate).',
  },
  UNKNOWN_CLI_OPTION: {
    sens: 'Une option donnée n’existe pas pour cette commande ; l’option la plus proche est proposée.',
    correction: 'Lire `titres <commande> --help` et corriger le nom de l’option.',
  },
  OPTION_VALUE_MISSING: {
    sens: 'Une option qui attend une valeur (un dossier, une année, une date…) a été donnée sans valeur.',
    correction: 'Écrire la valeur après l’option, par exemple `--data samples/metropole-de-lyon`.',
  },
  MISSING_ARGUMENT: {
    sens: 'Un argument obligatoire de la commande manque.',
    correction: 'Lire `titres <commande> --help` et ajouter l’argument.',
  },
  TOO_MANY_ARGUMENTS: {
    sens: 'La ligne de commande contient des valeurs qui ne suivent aucune option (les commandes de titres ne prennent que des options).',
    correction: 'Placer chaque valeur après son option (`--data dossier`, `--year 2026`) ; mettre entre guillemets un texte qui contient des espaces.',
  },
  DATA_DIR_MISSING: {
    sens: 'Le dossier du jeu de données (`--data`, ou celui de la dernière émission) n’existe pas ou n’est pas un dossier.',
    correction: 'Vérifier le chemin donné à `--data` (relatif au dossier courant) ; il doit contenir config.json, communes.csv, adhesions.csv…',
  },
  INVALID_OPTION_VALUE: {
    sens: "La valeur d'une option n'est pas de la forme attendue.",
    correction: "Corriger la valeur comme l'indique le message.",
  },
  DATE_FUTURE: {
    sens: "La date d'émission demandée est postérieure à aujourd'hui : un titre est rendu exécutoire le jour de son émission, qui ne peut pas être à venir (R9).",
    correction: "Émettre à la date du jour (sans --date), ou, pour une répétition sur une copie du dossier de sortie, ajouter --allow-future-date.",
  },
  DATE_HORS_EXERCICE: {
    sens: "La date d'émission est hors de la période où l'exercice peut recevoir des titres : du 1er janvier N au 31 janvier N+1, journée complémentaire comprise (R9).",
    correction: "Choisir une date dans cette période ; après le 31 janvier N+1, une correction d'un titre de N passe par un mandat au compte 673 (`titres cancel` produit l'état qui le justifie).",
  },
  DATE_AVANT_TITRE: {
    sens: "La date de la correction précède l'émission du titre corrigé (R10).",
    correction: "Donner une date égale ou postérieure à la date d'émission du titre d'origine.",
  },
} as const satisfies Record<string, CodeEntry>;
