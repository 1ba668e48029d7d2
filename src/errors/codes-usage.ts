import type { CodeEntry } from './catalog.js';

/** Problem codes of the command line. Key: the stable code; value: meaning and fix, in French. */
export const USAGE_CODES: Record<string, CodeEntry> = {
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
  INVALID_OPTION_VALUE: {
    sens: "La valeur d'une option n'est pas de la forme attendue.",
    correction: "Corriger la valeur comme l'indique le message.",
  },
};
