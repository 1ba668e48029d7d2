/** What one exercice's plan says about one adhesion: its titre, or why it has none. */
import { dec } from '../engine/money.js';
import type { NoTitre, Plan, PlannedDocument } from '../engine/plan-types.js';
import type { ProjectedFlags, SimulationRow } from './types.js';

/** The first titre and the first NoTitre of each commune and service of a plan. */
export type PlanOutcomes = Map<string, { titre?: PlannedDocument; none?: NoTitre }>;

const outcomeKey = (codeInsee: string, service: string): string => `${codeInsee}\u0000${service}`;

/** Indexes a plan once, so that each adhesion's row is a lookup (a national plan has 70 000). */
export function planOutcomes(plan: Plan): PlanOutcomes {
  const outcomes: PlanOutcomes = new Map();
  const entry = (codeInsee: string, service: string) => {
    const key = outcomeKey(codeInsee, service);
    let e = outcomes.get(key);
    if (!e) outcomes.set(key, (e = {}));
    return e;
  };
  for (const d of plan.documents) {
    if (d.type !== 'titre') continue;
    const e = entry(d.codeInsee, d.service);
    e.titre ??= d;
  }
  for (const s of plan.sansTitre) {
    const e = entry(s.codeInsee, s.service);
    e.none ??= s;
  }
  return outcomes;
}

export function yearRow(
  plan: Plan,
  outcomes: PlanOutcomes,
  codeInsee: string,
  service: string,
  projected: ProjectedFlags,
): SimulationRow | undefined {
  const { titre, none } = outcomes.get(outcomeKey(codeInsee, service)) ?? {};
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
  if (!none) return undefined;
  return { kind: 'sans_titre', exercice: plan.exercice, projected, motif: none.motif, detail: none.detail };
}
