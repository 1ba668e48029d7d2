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
import type { JournalEntry, JournalLines } from './journal-lines.js';
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
function numberedInOrder(lines: JournalLines, list: readonly number[]): Record<NumberSeries, boolean> {
  const ordered: Record<NumberSeries, boolean> = { titres: true, etats: true };
  const last: Record<NumberSeries, number | undefined> = { titres: undefined, etats: undefined };
  for (const k of list) {
    const series = seriesOf(lines.type(k));
    const before = last[series];
    if (before !== undefined && lines.numero(k) !== before + 1) ordered[series] = false;
    last[series] = lines.numero(k);
  }
  return ordered;
}

/** The journal's numbering (see above), read from its lines' columns: no document is made but those of corrections. */
export function verifyNumbering(lines: JournalLines, file: string): Problem[] {
  const problems: Problem[] = [];
  const byExercice = new Map<number, number[]>(); // exercice → its lines (indexes into `lines`)
  for (let k = 0; k < lines.length; k++) {
    const list = byExercice.get(lines.exercice(k));
    if (list) list.push(k);
    else byExercice.set(lines.exercice(k), [k]);
  }
  for (const [exercice, list] of [...byExercice].sort((a, b) => a[0] - b[0])) {
    const seen: Record<NumberSeries, Map<number, number>> = { titres: new Map(), etats: new Map() };
    const series: Record<BordereauNature, Map<number, { service: string; date: string; line: number }>> = { titres: new Map(), reductions: new Map() };
    const legacy: Record<BordereauNature, Set<number>> = { titres: new Set(), reductions: new Set() };
    // messages are made only for a problem: 70 000 lines are checked before each run (issue 10)
    const kind = (k: { service: string; date: string }) => `${k.service}, émis le ${k.date}`;
    const ordered = numberedInOrder(lines, list);
    let previous = -1; // the last line with a bordereau: its neighbours share it
    for (const k of list) {
      const line = lines.line(k);
      const numberSeries = seriesOf(lines.type(k));
      if (!ordered[numberSeries]) {
        const numbers = seen[numberSeries];
        const numero = lines.numero(k);
        const first = numbers.get(numero);
        if (first !== undefined) {
          const name = `${numberSeries === 'etats' ? 'état ' : ''}${exercice}-${numero}`;
          problems.push(problem('NUMBER_DUPLICATE', `numéro ${name} déjà utilisé ligne ${first}`, { file, line }));
        } else numbers.set(numero, line);
      }
      if (!hasBordereau(lines.type(k))) continue; // a statement of compte 673 has no bordereau (R10)
      if (previous >= 0 && lines.sameBordereau(previous, k)) continue; // the same bordereau as the line before, already told
      previous = k;
      const doc = lines.journaled(k);
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
  problems.push(...verifyCorrections(lines, file));
  return problems;
}

function verifyCorrections(lines: JournalLines, file: string): Problem[] {
  const problems: Problem[] = [];
  const corrections: JournalEntry[] = [];
  for (let k = 0; k < lines.length; k++) if (lines.type(k) !== 'titre' && lines.citesOrigin(k)) corrections.push(lines.entry(k));
  // only the titres corrected are kept, found with no key made: 70 000 lines are checked before each run (issue 10)
  const cited = new Map<number, Set<number>>();
  for (const { doc } of corrections) {
    const { exercice, numero } = doc.titreOrigine!;
    const numbers = cited.get(exercice) ?? new Set<number>();
    cited.set(exercice, numbers.add(numero));
  }
  const titres = new Map<string, { entry: JournalEntry; net: Decimal }>();
  for (let k = 0; cited.size > 0 && k < lines.length; k++) {
    if (lines.type(k) !== 'titre' || !cited.get(lines.exercice(k))?.has(lines.numero(k))) continue;
    const entry = lines.entry(k);
    titres.set(formatTitreRef(entry.doc), { entry, net: entry.doc.montant });
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
