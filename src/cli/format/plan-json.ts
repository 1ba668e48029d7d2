/**
 * The machine output of `issue --json` (data-contract.md « Machine output »): schema 1, amounts as
 * strings with 2 decimals, nothing else on stdout.
 */
import { toAmountString } from '../../engine/money.js';
import { natureOf, TYP_BORD } from '../../engine/bordereaux.js';
import type { Plan, PlannedDocument } from '../../engine/plan-types.js';
import type { PesEdition } from '../../pes/pes-edition.js';
import { problemJson } from './problems.js';

export interface NumberedDocument {
  document: PlannedDocument;
  numero: number | null;
  bordereau: number | null;
  fichier?: string;
  /** Titres: the PES Edition of the debtor (issue 14: 02 ASAP CPP, 01 ASAP à éditer). */
  edition?: PesEdition;
}

export function planJson(
  plan: Plan,
  numbered: readonly NumberedDocument[],
  dryRun: boolean,
  extra: Record<string, unknown> = {},
): string {
  const body = {
    schema: 1,
    exercice: plan.exercice,
    date_emission: plan.dateEmission,
    dry_run: dryRun,
    titres: numbered.map(documentJson),
    sans_titre: plan.sansTitre.map((s) => ({
      code_insee: s.codeInsee,
      commune: s.commune,
      service: s.service,
      motif: s.motif,
      detail: s.detail,
    })),
    avertissements: plan.avertissements.map(problemJson),
    total: toAmountString(plan.total),
    total_reductions: toAmountString(plan.totalReductions),
    ...extra,
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function documentJson({ document: d, numero, bordereau, fichier, edition }: NumberedDocument): Record<string, unknown> {
  return {
    numero,
    bordereau,
    type_bordereau: TYP_BORD[natureOf(d.type)],
    type: d.type,
    code_insee: d.codeInsee,
    commune: d.commune,
    service: d.service,
    montant: toAmountString(d.montant),
    contribution_cible: d.contributionCible ? toAmountString(d.contributionCible) : null,
    regime: d.regime ?? null,
    converge: d.converge ?? null,
    titre_origine: d.titreOrigine ? `${d.titreOrigine.exercice}-${d.titreOrigine.numero}` : null,
    ...(d.motif !== undefined ? { motif: d.motif } : {}),
    ...(fichier !== undefined ? { fichier } : {}),
    ...(edition !== undefined ? { edition } : {}),
    liquidation: d.liquidation.map((l) => ({ ref: l.ref, libelle: l.libelle, ...(l.montant ? { montant: l.montant } : {}), ...(l.source ? { source: l.source } : {}) })),
  };
}
