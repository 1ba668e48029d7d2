import type { CodeEntry } from './code-entry.js';

/** Problem codes of the document rendering area. Key: the stable code; value: meaning and fix, in French. */
export const RENDER_CODES = {
  TEMPLATE_MISSING: {
    sens: 'Un fichier de gabarit des documents (templates/*.json) est introuvable ou illisible.',
    correction: 'Restaurer le fichier depuis la distribution de titres, ou indiquer le bon dossier de gabarits.',
  },
  TEMPLATE_INVALID: {
    sens:
      "Un gabarit des documents est invalide : JSON mal formé, texte absent, repère {…} inconnu ou valeur de mise en page incorrecte.",
    correction:
      'Corriger le fichier à la position indiquée (garder tous les textes et ne pas renommer les repères entre accolades).',
  },
} as const satisfies Record<string, CodeEntry>;
