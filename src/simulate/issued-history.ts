/**
 * The journal a simulated exercice leaves behind: every planned document taken as issued on
 * 15 June, numbered from the configured first number (R9), so that the next exercice finds
 * A(N-1) (R5) and convergence exactly as after a real run.
 */
import type { IssuedDocument } from '../engine/history.js';
import type { Plan } from '../engine/plan-types.js';

export function issuedFromPlan(plan: Plan, firstNumber: number): IssuedDocument[] {
  return plan.documents.map((d, i) => ({
    exercice: plan.exercice,
    numero: firstNumber + i,
    bordereau: 1,
    dateEmission: plan.dateEmission,
    type: d.type,
    codeInsee: d.codeInsee,
    service: d.service,
    montant: d.montant,
    ...(d.regime !== undefined ? { regime: d.regime } : {}),
    ...(d.titreOrigine !== undefined ? { titreOrigine: d.titreOrigine } : {}),
    ...(d.contributionCible !== undefined ? { contributionCible: d.contributionCible } : {}),
    ...(d.converge !== undefined ? { converge: d.converge } : {}),
    ...(d.motif !== undefined ? { motif: d.motif } : {}),
    fichier: '',
    sha256: '',
  }));
}
