/** What one exercice's plan says about one adhesion: its titre, or why it has none. */
import { dec } from '../engine/money.js';
import type { Plan } from '../engine/plan-types.js';
import type { ProjectedFlags, SimulationRow } from './types.js';

export function yearRow(
  plan: Plan,
  codeInsee: string,
  service: string,
  projected: ProjectedFlags,
): SimulationRow | undefined {
  const titre = plan.documents.find((d) => d.type === 'titre' && d.codeInsee === codeInsee && d.service === service);
  if (titre) {
    const contributionCible = titre.contributionCible ?? titre.montant;
    const regime = titre.regime ?? 'cible';
    return {
      kind: 'titre',
      exercice: plan.exercice,
      projected,
      contributionCible,
      ...(regime === 'transitoire' && titre.figures.plafond !== undefined ? { plafond: dec(titre.figures.plafond) } : {}),
      montant: titre.montant,
      regime,
      converge: titre.converge ?? titre.montant.eq(contributionCible),
    };
  }
  const none = plan.sansTitre.find((s) => s.codeInsee === codeInsee && s.service === service);
  if (!none) return undefined;
  return { kind: 'sans_titre', exercice: plan.exercice, projected, motif: none.motif, detail: none.detail };
}
