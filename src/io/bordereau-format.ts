/**
 * A bordereau's CSV (numero, type, code_insee, commune, montant, titre_origine, then a total line)
 * and workbook (`.xlsx`: corrections negative, the total as a formula below the lines): their
 * columns and rows, written by apply/bordereau-write.ts and rebuilt by verify to compare.
 */
import type { IsoDate } from '../engine/dates.js';
import type { IssuedDocument } from '../engine/history.js';
import { dec, toAmountString, ZERO, type Decimal } from '../engine/money.js';
import { bordereauKey, type BordereauId } from '../engine/bordereaux.js';
import { hasBordereau } from '../engine/plan-types.js';
import type { BordereauLines } from '../render/views.js';
import { csvHeader, csvLines, type CsvColumn, type CsvFormat, type CsvRow } from './csv-write.js';
import { DOCUMENT_TYPE_LABELS } from './journal-excel.js';
import { natureOf, type BordereauNature } from './output-layout.js';
import type { WorkbookColumn, WorkbookSpec, WorkbookValue } from './workbook.js';

export const BORDEREAU_COLUMNS: readonly CsvColumn[] = [
  { key: 'numero', header: 'numero', kind: 'integer' },
  { key: 'type', header: 'type', kind: 'text' },
  { key: 'code_insee', header: 'code_insee', kind: 'text' },
  { key: 'commune', header: 'commune', kind: 'text' },
  { key: 'montant', header: 'montant', kind: 'amount' },
  { key: 'titre_origine', header: 'titre_origine', kind: 'text' },
];

export const TOTAL_LABEL = 'total';

export interface BordereauSpec {
  exercice: number;
  numero: number | null;
  nature: BordereauNature;
  service: string;
  dateEmission: IsoDate;
  lines: BordereauLines;
  preview: boolean;
  /** Cumulative total of the exercice's bordereaux of this nature, this one included (PES MtCumulAnnuel). */
  cumulExercice: string;
}

/**
 * The exercice's cumulative total up to bordereau `upTo` included (every bordereau of the journal
 * when `upTo` is null), for one nature: the sum of its documents' amounts, as the PES export
 * computes MtCumulAnnuel (cli/pes/bordereaux-from-journal.ts).
 */
export function exerciceCumul(
  docs: Iterable<Pick<IssuedDocument, 'exercice' | 'type' | 'bordereau' | 'montant'>>,
  exercice: number,
  nature: BordereauNature,
  upTo: number | null,
): Decimal {
  let cumul = ZERO;
  for (const d of docs) {
    if (d.exercice !== exercice || !hasBordereau(d.type) || natureOf(d.type) !== nature) continue; // a statement of compte 673 is in none (R10)
    if (upTo === null || d.bordereau <= upTo) cumul = cumul.plus(d.montant);
  }
  return cumul;
}

/**
 * The exercice's cumulative totals, for each bordereau of `groups` (journalGroups: the journal's
 * bordereaux in their order): its nature's cumul up to it included (exerciceCumul of each), by
 * bordereauKey. One pass over the groups a run has already made, instead of one pass over the
 * documents per bordereau (issue 12, flat memory: a national run's end added up 70 000 Decimals
 * per bordereau).
 */
export function exerciceCumuls(groups: Iterable<BordereauId & { documents: Iterable<Pick<IssuedDocument, 'montant'>> }>): Map<string, Decimal> {
  const cumul: Record<BordereauNature, Decimal> = { titres: ZERO, reductions: ZERO };
  const cumuls = new Map<string, Decimal>();
  for (const group of groups) {
    for (const d of group.documents) cumul[group.nature] = cumul[group.nature].plus(d.montant);
    cumuls.set(bordereauKey(group), cumul[group.nature]);
  }
  return cumuls;
}

export function bordereauCsv(lines: BordereauLines, total: string, format: CsvFormat): string {
  return [...bordereauCsvChunks(lines, total, format)].join('');
}

/**
 * Lines of a bordereau's CSV formatted at once: few enough that their rows die young (on the main
 * thread, whose young generation is 2 MB, rows alive at a collection are moved to the old one:
 * 1 000 at once left some 25 MB there at the end of a national run, issue 12).
 */
const CSV_CHUNK = 200;

/**
 * The bordereau's CSV in pieces (header, lines CSV_CHUNK at a time, total), for a streamed write:
 * a national bordereau has 35 000 lines (issue 12). Joined, the pieces are bordereauCsv.
 */
export function* bordereauCsvChunks(lines: BordereauLines, total: string, format: CsvFormat): Generator<string> {
  yield csvHeader(BORDEREAU_COLUMNS, format);
  let rows: CsvRow[] = [];
  for (const l of lines) {
    rows.push({
      numero: l.numero === null ? '' : String(l.numero),
      type: l.type,
      code_insee: l.codeInsee,
      commune: l.commune,
      montant: l.montant,
      titre_origine: l.titreOrigine,
    });
    if (rows.length === CSV_CHUNK) {
      yield csvLines(BORDEREAU_COLUMNS, rows, format);
      rows = [];
    }
  }
  if (rows.length > 0) yield csvLines(BORDEREAU_COLUMNS, rows, format);
  yield csvLines(BORDEREAU_COLUMNS, [{ numero: TOTAL_LABEL, montant: total }], format);
}

const BORDEREAU_WORKBOOK_COLUMNS: readonly WorkbookColumn[] = [
  { header: 'N° du document', kind: 'integer' },
  { header: 'Type', kind: 'text' },
  { header: 'Code INSEE', kind: 'code' },
  { header: 'Commune', kind: 'text' },
  { header: 'Montant (€, corrections en négatif)', kind: 'amount', total: true },
  { header: 'Titre d’origine (exercice-n°)', kind: 'text' },
];

/** The bordereau's workbook: its lines, réductions and annulations negative, a total row. */
export function bordereauWorkbook(spec: Omit<BordereauSpec, 'preview' | 'cumulExercice'>, author: string): WorkbookSpec {
  const nature = spec.nature === 'titres' ? 'titres' : 'réductions et annulations';
  const numero = spec.numero === null ? 'projet' : `n° ${spec.numero}`;
  return {
    title: `Bordereau de ${nature} ${numero} — exercice ${spec.exercice} — ${spec.service}`,
    author,
    date: spec.dateEmission,
    sheets: [
      {
        name: 'Bordereau',
        columns: BORDEREAU_WORKBOOK_COLUMNS,
        rows: Array.from(spec.lines, (l): WorkbookValue[] => [
          l.numero ?? undefined,
          DOCUMENT_TYPE_LABELS[l.type],
          l.codeInsee,
          l.commune,
          l.type === 'titre' ? l.montant : toAmountString(dec(l.montant).negated()),
          l.titreOrigine,
        ]),
      },
    ],
  };
}
