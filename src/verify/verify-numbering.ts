/**
 * Journal-only checks (R9, R10): one continuous series of numbers per exercice (titres,
 * réductions and annulations together; the statements of compte 673 in their own series), continuous bordereau numbers, each bordereau of one
 * service and nature, each correction citing an existing titre whose net stays ≥ 0.
 */
import { amountFr } from '../engine/fr-format.js';
import { toAmountString, type Decimal } from '../engine/money.js';
import { problem, type Problem } from '../errors/problem.js';
import type { JournalEntry } from '../io/journal.js';
import { formatTitreRef } from '../io/journal-format.js';
import { natureOf } from '../io/output-layout.js';
import { hasBordereau, seriesOf, type NumberSeries } from '../engine/plan-types.js';

function gaps(numbers: Iterable<number>): number[] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const missing: number[] = [];
  for (let i = 1; i < sorted.length; i++) for (let n = sorted[i - 1] + 1; n < sorted[i]; n++) missing.push(n);
  return missing;
}

export function verifyNumbering(entries: readonly JournalEntry[], file: string): Problem[] {
  const problems: Problem[] = [];
  const byExercice = new Map<number, JournalEntry[]>();
  for (const e of entries) {
    const list = byExercice.get(e.doc.exercice);
    if (list) list.push(e);
    else byExercice.set(e.doc.exercice, [e]);
  }
  for (const [exercice, list] of [...byExercice].sort((a, b) => a[0] - b[0])) {
    const seen: Record<NumberSeries, Map<number, number>> = { titres: new Map(), etats: new Map() };
    const bordereaux = new Map<number, string>();
    for (const { doc, line } of list) {
      const series = seen[seriesOf(doc.type)];
      const first = series.get(doc.numero);
      const name = `${seriesOf(doc.type) === 'etats' ? 'état ' : ''}${exercice}-${doc.numero}`;
      if (first !== undefined) {
        problems.push(problem('NUMBER_DUPLICATE', `numéro ${name} déjà utilisé ligne ${first}`, { file, line }));
      } else series.set(doc.numero, line);
      if (!hasBordereau(doc.type)) continue; // a statement of compte 673 has no bordereau (R10)
      const kind = `${doc.service}/${natureOf(doc.type)}`;
      const other = bordereaux.get(doc.bordereau);
      if (other !== undefined && other !== kind) {
        problems.push(
          problem('BORDEREAU_DUPLICATE', `bordereau ${exercice}-${doc.bordereau} utilisé pour ${other} et pour ${kind}`, { file, line }),
        );
      } else bordereaux.set(doc.bordereau, kind);
    }
    for (const n of gaps(seen.titres.keys())) {
      problems.push(problem('NUMBER_GAP', `numéro ${exercice}-${n} manquant dans la série de l’exercice ${exercice}`, { file }));
    }
    for (const n of gaps(seen.etats.keys())) {
      problems.push(problem('NUMBER_GAP', `état ${exercice}-${n} manquant dans la série des états d’annulation (compte 673) de l’exercice ${exercice}`, { file }));
    }
    for (const n of gaps(bordereaux.keys())) {
      problems.push(problem('BORDEREAU_GAP', `bordereau ${exercice}-${n} manquant dans la série de l’exercice ${exercice}`, { file }));
    }
  }
  problems.push(...verifyCorrections(entries, file));
  return problems;
}

function verifyCorrections(entries: readonly JournalEntry[], file: string): Problem[] {
  const problems: Problem[] = [];
  const titres = new Map<string, { entry: JournalEntry; net: Decimal }>();
  for (const e of entries) if (e.doc.type === 'titre') titres.set(formatTitreRef(e.doc), { entry: e, net: e.doc.montant });
  for (const { doc, line } of entries) {
    if (doc.type === 'titre' || !doc.titreOrigine) continue;
    const ref = formatTitreRef(doc.titreOrigine);
    const origin = titres.get(ref);
    if (!origin || origin.entry.doc.codeInsee !== doc.codeInsee || origin.entry.doc.service !== doc.service) {
      problems.push(problem('ORIGIN_UNKNOWN', `le titre d’origine ${ref} de ${doc.type} ${doc.exercice}-${doc.numero} est absent du journal`, { file, line }));
      continue;
    }
    origin.net = origin.net.minus(doc.montant);
    if (origin.net.lt(0)) {
      problems.push(problem('NET_NEGATIVE', `le net du titre ${ref} devient négatif (${amountFr(origin.net)})`, { file, line }));
    }
  }
  return problems;
}
