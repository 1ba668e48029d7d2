/** `titres cancel`: a titre d'annulation (whole remaining amount) or de réduction (a part), R10. */
import type { Command } from 'commander';
import type { IsoDate } from '../../engine/dates.js';
import { issuedDocument } from '../../engine/history.js';
import { knockOnChain, knockOnStepFr, type KnockOnStep } from '../../engine/knock-on.js';
import { toAmountString, type Decimal } from '../../engine/money.js';
import { planCorrection } from '../../engine/plan-cancellation.js';
import type { DocumentType } from '../../engine/plan-types.js';
import { readDataset } from '../../io/read-dataset.js';
import { asAmount, asDate, asText, asTitreRef, documentDate, type TitreRef } from '../arguments.js';
import { recallDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { planJson } from '../format/plan-json.js';
import { reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';
import { examples, type Run } from './command.js';
import { formatNumberFr } from '../../engine/french-format.js';

export interface CancelOptions {
  out: string;
  titre: TitreRef;
  /** Trimmed, never empty. */
  motif: string;
  montant?: Decimal;
  data?: string;
  date?: IsoDate;
  json?: boolean;
  excel?: boolean;
  allowFutureDate?: boolean;
}

export function registerCancel(program: Command, run: Run): void {
  program
    .command('cancel')
    .description('émet un titre d’annulation (tout) ou de réduction (une partie) d’un titre émis')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie où le titre a été émis')
    .requiredOption('-t, --titre <exercice-numero>', 'titre à corriger, ex. 2026-12', asTitreRef())
    .requiredOption('-m, --motif <texte>', 'motif de la correction, imprimé sur le titre', asText('--motif'))
    .option('--montant <montant>', 'montant de la réduction (défaut : annulation du reste dû)', asAmount())
    .option('-d, --data <dossier>', 'jeu de données (défaut : celui de la dernière émission)')
    .option('--date <AAAA-MM-JJ>', "date d'émission (défaut : aujourd'hui)", asDate())
    .option('--allow-future-date', 'accepte une date postérieure à aujourd’hui : répétition sur une copie du dossier de sortie')
    .option('--json', 'sortie JSON sur stdout')
    .option('--excel', 'écrit aussi les classeurs Excel (.xlsx) : journal, registres, bordereau')
    .addHelpText(
      'after',
      examples([
        'titres cancel --out sorties --titre 2026-12 --motif "Erreur de population"',
        'titres cancel --out sorties --titre 2026-12 --montant "100,00" --motif "Service interrompu en mai"',
      ]),
    )
    .action(run(cancelCommand));
}

export async function cancelCommand(opts: CancelOptions, io: CliIo): Promise<number> {
  const { exercice, numero } = opts.titre;
  const dateEmission = documentDate(opts.date, { allowFuture: opts.allowFutureDate });
  const dataDir = await recallDataset(opts.out, opts.data);
  const { dataset, warnings } = await readDataset(dataDir);
  reportWarnings(io, warnings, false);
  const { withLockedOut } = await import('../../apply/out-session.js');
  const { issuePlan } = await import('../../apply/issue-plan.js');
  const { createBatchRenderer } = await import('../../render/batch-renderer.js');
  // lock first: take the lock, read and check the journal, plan the correction, write it
  const { plan, result, history } = await withLockedOut(opts.out, { excel: Boolean(opts.excel), author: dataset.config.emetteur.nom }, async (locked) => {
    const history = locked.history;
    const plan = planCorrection(history, { exercice, numero, motif: opts.motif, montant: opts.montant, date: dateEmission }, { communes: dataset.communes });
    const renderer = await createBatchRenderer(plan.documents.length, io.env);
    try {
      return { plan, history, result: await issuePlan(plan, { dataset, out: locked, renderer, excel: Boolean(opts.excel) }) };
    } finally {
      await renderer.close();
    }
  });
  const document = plan.documents[0];
  const issued = result.issued.at(0)!;
  // R10 knock-on: the later titres whose R5 amount the correction changes.
  const after = { documents: [...history.documents, issuedDocument(document, { numero: issued.numero, bordereau: issued.bordereau, fichier: issued.fichier, sha256: issued.sha256, dateEmission })] };
  const knockOn = knockOnChain(dataset, after, { exercice, codeInsee: document.codeInsee, service: document.service }, dateEmission);
  if (opts.json) {
    // a statement of compte 673 has no bordereau (R10, closed exercice)
    const numbered = [{ document, numero: issued.numero, bordereau: issued.bordereau > 0 ? issued.bordereau : null, fichier: issued.fichier }];
    io.stdout(planJson(plan, numbered, false, { repercussions: knockOn.map(knockOnJson) }));
  } else {
    io.stdout(
      `${DOCUMENT_FR[document.type]} n° ${issued.numero} (exercice ${document.exercice}) émis : ` +
        `${formatNumberFr(document.montant.negated())} € sur le titre ${exercice}-${numero} ; fichier ${issued.fichier}.\n`,
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
