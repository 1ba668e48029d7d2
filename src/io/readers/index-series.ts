import { daysInMonth } from '../../engine/dates.js';
import type { IndexPoint, IndexSeries } from '../../engine/dataset.js';
import type { Problem } from '../../errors/problem.js';
import { FileProblems } from '../csv/file-problems.js';
import { eachRow } from '../csv/table.js';
import type { SourceFile } from '../read-input-file.js';
import { parseDate, parseDecimal, parseMonth } from '../cell-values.js';

/**
 * indices/<serie>.csv: `mois,valeur,publie_le` (R4). Rows with no value are skipped (the real
 * Syntec series has gaps); a value is published at the earliest on the last day of its month.
 */
export function parseIndexSeries(text: string, source: SourceFile, serie: string): { series: IndexSeries; problems: Problem[] } {
  const sink = new FileProblems(source.path);
  const byMonth = new Map<string, IndexPoint>();
  eachRow(text, source.path, ['mois', 'valeur'], ['publie_le'], sink.csv, (row) => {
    const valeurCell = row.cell('valeur');
    if (valeurCell.value === undefined) return;
    const moisCell = row.cell('mois');
    const mois = sink.requiredParse(moisCell, 'mois', parseMonth);
    let valeur = sink.parse(valeurCell, parseDecimal);
    if (valeur !== undefined && !valeur.gt(0)) {
      sink.add('INDEX_NOT_POSITIVE', `valeur d'indice « ${valeurCell.value} » : un nombre strictement positif est attendu`, valeurCell);
      valeur = undefined;
    }
    const publieCell = row.cell('publie_le');
    const publieLe = sink.parse(publieCell, parseDate);
    if (mois !== undefined && publieLe !== undefined) {
      const endOfMonth = `${mois}-${String(daysInMonth(Number(mois.slice(0, 4)), Number(mois.slice(5)))).padStart(2, '0')}`;
      if (publieLe < endOfMonth) {
        sink.add('INDEX_PUBLISHED_TOO_EARLY', `date de publication « ${publieCell.value} » antérieure à la fin du mois « ${mois} » qu'elle mesure (R4)`, publieCell);
      }
    }
    if (mois === undefined || valeur === undefined) return;
    const previous = byMonth.get(mois);
    if (previous) {
      sink.add('DUPLICATE_INDEX_MONTH', `mois « ${mois} » déjà présent ligne ${previous.source.line}`, moisCell);
      return;
    }
    byMonth.set(mois, { mois, valeur, ...(publieLe !== undefined ? { publieLe } : {}), source: { file: source.rel, line: row.line } });
  });
  const points = [...byMonth.values()].sort((a, b) => (a.mois < b.mois ? -1 : 1));
  return { series: { serie, file: source.rel, points }, problems: sink.problems };
}
