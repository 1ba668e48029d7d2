/**
 * Checks a plan against the dataset and the journal before anything is written: every problem is
 * collected, and `issue` stops with TitresError kind 'state' when there is one.
 * These are the shell's own guards (R9 never issue twice, R10 net never below zero), whatever the
 * engine planned.
 */
import type { Dataset } from '../engine/dataset.js';
import type { History } from '../engine/history.js';
import type { Plan } from '../engine/plan-types.js';
import { problem, type Problem } from '../errors/problem.js';
import { formatTitreRef } from '../io/journal-format.js';
import { NetAmounts } from '../engine/net-amounts.js';
import { payingService } from './titre-view.js';
import { amountFr } from '../engine/french-format.js';

export function validatePlan(plan: Plan, dataset: Dataset, history: History): Problem[] {
  const problems: Problem[] = [];
  const nets = new NetAmounts(history);
  const planned = new Set<string>();
  for (const doc of plan.documents) {
    const who = `${doc.type} ${doc.codeInsee}/${doc.service}`;
    const invalid = (message: string): void => void problems.push(problem('PLAN_INVALID', `${who} : ${message}`));
    if (doc.exercice !== plan.exercice) invalid(`exercice ${doc.exercice} au lieu de ${plan.exercice}`);
    if (!dataset.communes.has(doc.codeInsee)) invalid(`commune « ${doc.codeInsee} » absente de communes.csv`);
    if (!payingService(dataset, doc.service)) invalid(`service « ${doc.service} » inconnu ou gratuit`);
    if (!doc.montant.gt(0)) invalid(`montant « ${doc.montant.toString()} » non positif`);
    if (doc.type === 'titre') {
      const pair = `${doc.exercice}|${doc.codeInsee}|${doc.service}`;
      const live = nets.liveTitreFor(doc.exercice, doc.codeInsee, doc.service);
      if (live || planned.has(pair)) {
        problems.push(
          problem(
            'ALREADY_ISSUED',
            `un titre est déjà émis pour ${doc.codeInsee}/${doc.service}, exercice ${doc.exercice}` +
              (live ? ` (titre n° ${live.numero})` : ' (deux fois dans le plan)'),
          ),
        );
      }
      planned.add(pair);
      continue;
    }
    if (!doc.titreOrigine) {
      invalid('titre d’origine manquant');
      continue;
    }
    const ref = formatTitreRef(doc.titreOrigine);
    const origin = nets.titre(doc.titreOrigine);
    if (!origin || origin.codeInsee !== doc.codeInsee || origin.service !== doc.service) {
      problems.push(problem('ORIGIN_UNKNOWN', `${who} : le titre d’origine ${ref} est absent du journal pour cette commune et ce service`));
      continue;
    }
    const before = nets.net(doc.titreOrigine)!;
    const after = nets.reduce(doc.titreOrigine, doc.montant)!;
    if (after.lt(0)) {
      problems.push(
        problem('NET_NEGATIVE', `${who} : réduire le titre ${ref} de ${amountFr(doc.montant)} le rendrait négatif (net ${amountFr(before)})`),
      );
    } else if (doc.type === 'annulation' && !after.isZero()) {
      invalid(`l’annulation du titre ${ref} doit porter sur tout son net (${amountFr(before)})`);
    }
  }
  return problems;
}
