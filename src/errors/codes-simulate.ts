import type { CodeEntry } from './code-entry.js';

/** Problem codes of `titres simulate`. Key: the stable code; value: meaning and fix, in French. */
export const SIMULATE_CODES = {
  SIMULATION_PERIODE_INVALIDE: {
    sens: 'La période simulée est invalide : --from doit précéder ou égaler --to, et la simulation couvre au plus 20 exercices.',
    correction: 'Donner par exemple `--from 2026 --to 2032`.',
  },
  TAUX_INVALIDE: {
    sens: "Un taux de croissance annuel (--indice, --population) n'est pas un taux entre -100 % et +100 %.",
    correction: 'Donner le taux en décimal (`--indice 0.02`) ou en pourcentage (`--indice 2%`).',
  },
} as const satisfies Record<string, CodeEntry>;
