/** `titres cancel`: a titre d'annulation (whole remaining amount) or de réduction (a part), R10. */
import { readDataset } from '../../io/read-dataset.js';
import { readJournal } from '../../io/journal.js';
import { planCancellation } from '../../engine/plan-cancellation.js';
import { Decimal, formatEuros, ZERO } from '../../engine/money.js';
import { writeJournalExcel } from '../../io/journal-excel.js';
import { issuePlan } from '../../apply/issue-plan.js';
import { createBatchRenderer } from '../../render/batch-renderer.js';
import { parseAmount } from '../../io/values/amount.js';
import { usageError } from '../../errors/titres-error.js';
import type { Plan } from '../../engine/plan-types.js';
import { parseDate, today } from '../arguments.js';
import { recallDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { planJson } from '../format/plan-json.js';
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
  const dateEmission = opts.date !== undefined ? parseDate(opts.date) : today();
  const dataDir = await recallDataset(opts.out, opts.data);
  const { dataset, warnings } = await readDataset(dataDir);
  reportWarnings(io, warnings, false);
  const history = await readJournal(opts.out);
  const document = planCancellation(history, { exercice, numero, motif: opts.motif.trim(), montant }, { communes: dataset.communes });
  const plan: Plan = {
    exercice,
    dateEmission,
    documents: [document],
    sansTitre: [],
    avertissements: [],
    total: ZERO,
    totalReductions: document.montant,
  };
  const renderer = createBatchRenderer(plan.documents.length, io.env);
  let result;
  try {
    result = await issuePlan(plan, { dataset, history, outDir: opts.out, renderer, excel: Boolean(opts.excel) });
  } finally {
    await renderer.close();
  }
  if (opts.excel) await writeJournalExcel(opts.out, dataset.config.emetteur.nom);
  const issued = result.issued[0];
  if (opts.json) {
    io.stdout(planJson(plan, [{ document, numero: issued.numero, bordereau: issued.bordereau, fichier: issued.fichier }], false));
  } else {
    io.stdout(
      `Titre ${document.type === 'annulation' ? "d'annulation" : 'de réduction'} n° ${issued.numero} (exercice ${exercice}) émis : ` +
        `${formatEuros(document.montant.negated())} € sur le titre ${exercice}-${numero} ; fichier ${issued.fichier}.\n`,
    );
  }
  return EXIT.OK;
}
