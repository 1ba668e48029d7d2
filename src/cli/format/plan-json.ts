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
  return [...planJsonChunks(plan, numbered, dryRun, extra)].join('');
}

/** Titres written together in one chunk of planJsonChunks. */
const TITRES_PER_CHUNK = 200;
/** Stands for the titres while the rest of the body is stringified (JSON escapes the NULs: no text can be it). */
const TITRES_SLOT = '\u0000titres\u0000';

/**
 * The same bytes as JSON.stringify(body, null, 2) + '\n', in chunks of TITRES_PER_CHUNK titres:
 * each titre, with its liquidation produced again (plan-titre.ts), is stringified on its own and
 * dropped once written. The JSON of a national plan is ~300 MB of text: held whole, with the
 * objects it was made from, the dry run of 35 000 communes took 830 MB (issue 12).
 */
export function* planJsonChunks(
  plan: Plan,
  numbered: readonly NumberedDocument[],
  dryRun: boolean,
  extra: Record<string, unknown> = {},
): Generator<string> {
  const body = {
    schema: 1,
    exercice: plan.exercice,
    date_emission: plan.dateEmission,
    dry_run: dryRun,
    titres: TITRES_SLOT,
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
  const text = JSON.stringify(body, null, 2) + '\n';
  const slot = JSON.stringify(TITRES_SLOT);
  const at = text.indexOf(slot);
  if (numbered.length === 0) {
    yield text.slice(0, at) + '[]' + text.slice(at + slot.length);
    return;
  }
  // an element of « titres » is two levels deep: its lines after the first are indented by 4 more
  // spaces than on its own (a JSON string holds no line break: every '\n' is the layout's)
  const element = (n: NumberedDocument): string => JSON.stringify(documentJson(n), null, 2).replaceAll('\n', '\n    ');
  let chunk = text.slice(0, at) + '[';
  for (let i = 0; i < numbered.length; i++) {
    chunk += (i === 0 ? '\n    ' : ',\n    ') + element(numbered[i]);
    if ((i + 1) % TITRES_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + '\n  ]' + text.slice(at + slot.length);
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
