/**
 * The journal a simulated exercice leaves behind: every planned document taken as issued on
 * 15 June, numbered from the configured first number (R9), so that the next exercice finds
 * A(N-1) (R5) and convergence exactly as after a real run.
 */
import { issuedDocument, type IssuedDocument } from '../engine/history.js';
import type { Plan } from '../engine/plan-types.js';

export function issuedFromPlan(plan: Plan, firstNumber: number): IssuedDocument[] {
  return plan.documents.map((d, i) =>
    issuedDocument(d, { numero: firstNumber + i, bordereau: 1, dateEmission: plan.dateEmission, fichier: '', sha256: '' }),
  );
}
