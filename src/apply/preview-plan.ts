/**
 * `issue --dry-run --preview-dir DIR`: renders every planned document and bordereau as a preview
 * (« PROJET – non émis », no number) into DIR, with the OUT layout and `projet-…` names. No lock,
 * no journal, no ledger: the real output folder is never touched.
 */
import type { Dataset } from '../engine/dataset.js';
import { EMPTY_HISTORY, type History } from '../engine/history.js';
import { sumOfAmounts, toAmountString } from '../engine/money.js';
import type { Plan } from '../engine/plan-types.js';
import { writeStreamAtomic } from '../io/atomic-write.js';
import { formatTitreRef } from '../io/journal-format.js';
import { previewBordereauBase, previewDocumentFile, resolveOut } from '../io/output-layout.js';
import { runGroups } from '../engine/bordereaux.js';
import { planNets } from '../engine/numbered-plan.js';
import type { BordereauLine, DocumentRenderer } from '../render/views.js';
import { exerciceCumul } from '../io/bordereau-format.js';
import { writeBordereau } from './bordereau-write.js';
import { buildTitreView } from './titre-view.js';
import { validatePlan } from './validate-plan.js';
import { TitresError } from '../errors/titres-error.js';

export interface PreviewContext {
  dataset: Dataset;
  outDir: string; // the preview folder
  renderer: DocumentRenderer;
  history?: History; // for the original titre printed on réductions
  excel?: boolean;
}

/** Returns the files written, relative to the preview folder. */
export async function previewPlan(plan: Plan, context: PreviewContext): Promise<{ files: string[] }> {
  const history = context.history ?? EMPTY_HISTORY;
  const problems = validatePlan(plan, context.dataset, history);
  if (problems.length > 0) throw new TitresError('state', problems);
  const files: string[] = [];
  const planned = planNets(plan.documents, history);
  for (const doc of planned) {
    const fichier = previewDocumentFile(doc.document); // no number, not even a position (issue 11)
    const view = buildTitreView(doc, { dataset: context.dataset, dateEmission: plan.dateEmission, preview: true });
    await writeStreamAtomic(resolveOut(context.outDir, fichier), context.renderer.renderTitre(view));
    files.push(fichier);
  }
  const groups = runGroups(planned.map((p) => ({ ...p, service: p.document.service, type: p.document.type })));
  // The previews' bordereaux follow the issued ones: each adds its total to the exercice's cumul.
  const cumul = { titres: exerciceCumul(history.documents, plan.exercice, 'titres', null), reductions: exerciceCumul(history.documents, plan.exercice, 'reductions', null) };
  for (const { service, nature, documents } of groups) {
    const lines: BordereauLine[] = documents.map(({ document: doc }) => ({
      numero: null,
      type: doc.type,
      codeInsee: doc.codeInsee,
      commune: doc.commune,
      montant: toAmountString(doc.montant),
      ...(doc.titreOrigine ? { titreOrigine: formatTitreRef(doc.titreOrigine) } : {}),
    }));
    const base = previewBordereauBase(plan.exercice, nature, service);
    cumul[nature] = cumul[nature].plus(sumOfAmounts(lines));
    const cumulExercice = toAmountString(cumul[nature]);
    const spec = { exercice: plan.exercice, numero: null, nature, service, dateEmission: plan.dateEmission, lines, preview: true, cumulExercice };
    const excel = context.excel === true;
    await writeBordereau(context.outDir, base, spec, { ...context, excel });
    files.push(`${base}.pdf`, `${base}.csv`, ...(excel ? [`${base}.xlsx`] : []));
  }
  return { files };
}
