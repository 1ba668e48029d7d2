/**
 * Journal-only checks (R9, R10): one continuous series of numbers per exercice (titres,
 * réductions and annulations together; the statements of compte 673 in their own series);
 * bordereaux in one continuous series per exercice and per type (titres TypBord 01, réductions
 * TypBord 02), each bordereau of one service and one date; each correction citing an existing
 * titre whose net stays ≥ 0.
 *
 * Lines of a former folder (`legacySeries`: one bordereau series shared by both types) are read as
 * they are: their numbers form one continuous shared series, and a number of one type's series
 * may be missing when the shared series gave it to the other type.
 */
import { bordereauLabel, NATURES, natureOf, type BordereauNature } from '../engine/bordereaux.js';
import { hasBordereau, seriesOf, type NumberSeries } from '../engine/plan-types.js';
import type { Decimal } from '../engine/money.js';
import { problem, type Problem } from '../errors/problem.js';
import type { IssuedDocument } from '../engine/history.js';
import type { JournalEntry } from './journal.js';
import { formatTitreRef } from './journal-format.js';
import { amountFr } from '../engine/french-format.js';

/** The numbers missing between the lowest and the highest of `distinct` (a set, or a map's keys). */
function gaps(distinct: ReadonlySet<number> | ReadonlyMap<number, unknown>, tolerated: ReadonlySet<number> = new Set()): number[] {
  if (consecutive(distinct)) return []; // the usual series, told without sorting 70 000 numbers (issue 10)
  const sorted = [...distinct.keys()].sort((a, b) => a - b);
  const missing: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    for (let n = sorted[i - 1] + 1; n < sorted[i]; n++) if (!tolerated.has(n)) missing.push(n);
  }
  return missing;
}

/** Whether distinct integers make one run without a hole (min..max, every one there). */
function consecutive(distinct: ReadonlySet<number> | ReadonlyMap<number, unknown>): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const n of distinct.keys()) {
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return distinct.size === 0 || (Number.isSafeInteger(min) && Number.isSafeInteger(max) && max - min + 1 === distinct.size);
}

/**
 * Per series, whether its numbers follow each other line after line (n, n + 1, n + 2…), as a
 * journal written by the tool has them: such a series has neither a duplicate nor a gap, and is
 * told so without a map of 70 000 numbers (issue 10).
 */
function numberedInOrder(list: readonly JournalEntry[]): Record<NumberSeries, boolean> {
  const ordered: Record<NumberSeries, boolean> = { titres: true, etats: true };
  const last: Record<NumberSeries, number | undefined> = { titres: undefined, etats: undefined };
  for (const { doc } of list) {
    const series = seriesOf(doc.type);
    const before = last[series];
    if (before !== undefined && doc.numero !== before + 1) ordered[series] = false;
    last[series] = doc.numero;
  }
  return ordered;
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
    const series: Record<BordereauNature, Map<number, { service: string; date: string; line: number }>> = { titres: new Map(), reductions: new Map() };
    const legacy: Record<BordereauNature, Set<number>> = { titres: new Set(), reductions: new Set() };
    // messages are made only for a problem: 70 000 lines are checked before each run (issue 10)
    const kind = (k: { service: string; date: string }) => `${k.service}, émis le ${k.date}`;
    const ordered = numberedInOrder(list);
    let previous: IssuedDocument | undefined; // the last document with a bordereau: its neighbours share it
    for (const { doc, line } of list) {
      const numberSeries = seriesOf(doc.type);
      if (!ordered[numberSeries]) {
        const numbers = seen[numberSeries];
        const first = numbers.get(doc.numero);
        if (first !== undefined) {
          const name = `${numberSeries === 'etats' ? 'état ' : ''}${exercice}-${doc.numero}`;
          problems.push(problem('NUMBER_DUPLICATE', `numéro ${name} déjà utilisé ligne ${first}`, { file, line }));
        } else numbers.set(doc.numero, line);
      }
      if (!hasBordereau(doc.type)) continue; // a statement of compte 673 has no bordereau (R10)
      if (
        previous !== undefined &&
        previous.bordereau === doc.bordereau &&
        previous.type === doc.type &&
        previous.service === doc.service &&
        previous.dateEmission === doc.dateEmission &&
        previous.legacySeries === doc.legacySeries
      ) {
        continue; // the same bordereau as the line before, already told
      }
      previous = doc;
      const nature = natureOf(doc.type);
      if (doc.legacySeries) legacy[nature].add(doc.bordereau);
      const other = series[nature].get(doc.bordereau);
      if (other !== undefined && (other.service !== doc.service || other.date !== doc.dateEmission)) {
        const label = bordereauLabel({ exercice, nature, numero: doc.bordereau });
        const here = { service: doc.service, date: doc.dateEmission };
        problems.push(problem('BORDEREAU_DUPLICATE', `${label} utilisé pour ${kind(other)} (ligne ${other.line}) et pour ${kind(here)}`, { file, line }));
      } else if (other === undefined) series[nature].set(doc.bordereau, { service: doc.service, date: doc.dateEmission, line });
    }
    for (const n of ordered.titres ? [] : gaps(seen.titres)) {
      problems.push(problem('NUMBER_GAP', `numéro ${exercice}-${n} manquant dans la série de l’exercice ${exercice}`, { file }));
    }
    for (const n of ordered.etats ? [] : gaps(seen.etats)) {
      problems.push(problem('NUMBER_GAP', `état ${exercice}-${n} manquant dans la série des états d’annulation (compte 673) de l’exercice ${exercice}`, { file }));
    }
    for (const nature of NATURES) {
      const other = legacy[nature === 'titres' ? 'reductions' : 'titres'];
      for (const n of gaps(series[nature], other)) {
        problems.push(problem('BORDEREAU_GAP', `${bordereauLabel({ exercice, nature, numero: n })} manquant dans la série de l’exercice`, { file }));
      }
    }
    for (const n of gaps(new Set([...legacy.titres, ...legacy.reductions]))) {
      problems.push(problem('BORDEREAU_GAP', `bordereau ${exercice} n° ${n} manquant dans la série commune aux deux types (dossier antérieur)`, { file }));
    }
  }
  problems.push(...verifyCorrections(entries, file));
  return problems;
}

function verifyCorrections(entries: readonly JournalEntry[], file: string): Problem[] {
  const problems: Problem[] = [];
  const corrections = entries.filter(({ doc }) => doc.type !== 'titre' && doc.titreOrigine);
  // only the titres corrected are kept, found with no key made: 70 000 lines are checked before each run (issue 10)
  const cited = new Map<number, Set<number>>();
  for (const { doc } of corrections) {
    const { exercice, numero } = doc.titreOrigine!;
    const numbers = cited.get(exercice) ?? new Set<number>();
    cited.set(exercice, numbers.add(numero));
  }
  const titres = new Map<string, { entry: JournalEntry; net: Decimal }>();
  for (const e of cited.size === 0 ? [] : entries) {
    if (e.doc.type === 'titre' && cited.get(e.doc.exercice)?.has(e.doc.numero)) titres.set(formatTitreRef(e.doc), { entry: e, net: e.doc.montant });
  }
  for (const { doc, line } of corrections) {
    const ref = formatTitreRef(doc.titreOrigine!);
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
