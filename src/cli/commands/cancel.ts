/** `titres cancel`: a titre d'annulation (whole remaining amount) or de réduction (a part), R10. */
import { readDataset } from '../../io/read-dataset.js';
import { withLockedOut } from '../../apply/out-session.js';
import { planCancellation } from '../../engine/plan-cancellation.js';
import { Decimal, formatEuros, ZERO } from '../../engine/money.js';
import { issuePlan } from '../../apply/issue-plan.js';
import { createBatchRenderer } from '../../render/batch-renderer.js';
import { parseAmount } from '../../io/values/amount.js';
import { usageError } from '../../errors/titres-error.js';
import type { DocumentType, Plan } from '../../engine/plan-types.js';
import { documentDate } from '../arguments.js';
import { recallDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { planJson } from '../format/plan-json.js';
import { issuedDocument } from '../../engine/history.js';
import { knockOnChain, knockOnStepFr, type KnockOnStep } from '../../engine/knock-on.js';
import { toAmountString } from '../../engine/money.js';
import { reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';

export interface CancelOptions {
  out: string;
  titre: string;
  motif: string;
  montant?: string;
  data?: string;
  date?: string;
  json?: boolean;
  excel?: boolean;
  allowFutureDate?: boolean;
}

export async function cancelCommand(opts: CancelOptions, io: CliIo): Promise<number> {
  const ref = /^(\d{4})-(\d+)$/.exec(opts.titre.trim());
  if (!ref) throw usageError('INVALID_OPTION_VALUE', `--titre attend EXERCICE-NUMERO (ex. 2026-12), reçu « ${opts.titre} »`);
  const exercice = Number(ref[1]);
  const numero = Number(ref[2]);
  if (!opts.motif.trim()) throw usageError('INVALID_OPTION_VALUE', '--motif ne peut pas être vide');
  let montant: Decimal | undefined;
  if (opts.montant !== undefined) {
    const parsed = parseAmount(opts.montant);
    if (!parsed.ok) throw usageError('INVALID_OPTION_VALUE', `--montant : ${parsed.message}`);
    montant = parsed.value;
  }
  const dateEmission = documentDate(opts.date, { allowFuture: opts.allowFutureDate });
  const dataDir = await recallDataset(opts.out, opts.data);
  const { dataset, warnings } = await readDataset(dataDir);
  reportWarnings(io, warnings, false);
  // lock first: take the lock, read and check the journal, plan the correction, write it
  const { document, plan, result, history } = await withLockedOut(opts.out, { excel: Boolean(opts.excel), author: dataset.config.emetteur.nom }, async (locked) => {
    const history = locked.history;
    const document = planCancellation(history, { exercice, numero, motif: opts.motif.trim(), montant, date: dateEmission }, { communes: dataset.communes });
    const plan: Plan = {
      exercice: document.exercice, // the current exercice for a statement of compte 673 (R10, closed exercice)
      dateEmission,
      documents: [document],
      sansTitre: [],
      avertissements: [],
      total: ZERO,
      totalReductions: document.montant,
    };
    const renderer = createBatchRenderer(plan.documents.length, io.env);
    try {
      return { document, plan, history, result: await issuePlan(plan, { dataset, out: locked, renderer, excel: Boolean(opts.excel) }) };
    } finally {
      await renderer.close();
    }
  });
  const issued = result.issued[0];
  // R10 knock-on: the later titres whose R5 amount the correction changes.
  const after = { documents: [...history.documents, issuedDocument(document, { ...issued, dateEmission })] };
  const knockOn = knockOnChain(dataset, after, { exercice, codeInsee: document.codeInsee, service: document.service }, dateEmission);
  if (opts.json) {
    // a statement of compte 673 has no bordereau (R10, closed exercice)
    const numbered = [{ document, numero: issued.numero, bordereau: issued.bordereau > 0 ? issued.bordereau : null, fichier: issued.fichier }];
    io.stdout(planJson(plan, numbered, false, { repercussions: knockOn.map(knockOnJson) }));
  } else {
    io.stdout(
      `${DOCUMENT_FR[document.type]} n° ${issued.numero} (exercice ${document.exercice}) émis : ` +
        `${formatEuros(document.montant.negated())} € sur le titre ${exercice}-${numero} ; fichier ${issued.fichier}.\n`,
    );
    if (knockOn.length > 0) io.stdout(`Répercussion sur les exercices suivants (R10) :\n${knockOn.map((s) => `  - ${knockOnStepFr(s)}\n`).join('')}`);
  }
  return EXIT.OK;
}

const DOCUMENT_FR: Record<DocumentType, string> = {
  titre: 'Titre',
  reduction: 'Titre de réduction',
  annulation: "Titre d'annulation",
  etat_annulation: 'État des annulations (exercice clos : pièce justificative du mandat au compte 673)',
};

function knockOnJson(s: KnockOnStep): Record<string, unknown> {
  return {
    titre: `${s.titre.exercice}-${s.titre.numero}`,
    code_insee: s.codeInsee,
    service: s.service,
    ancien_montant: toAmountString(s.ancien),
    nouveau_montant: toAmountString(s.nouveau),
    suite: s.suite,
  };
}
