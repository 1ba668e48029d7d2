/**
 * A bordereau's PDF (renderer.renderBordereau) and CSV (numero, type, code_insee, commune,
 * montant, titre_origine, then a total line), both written atomically. The total is the sum of
 * the lines (R1).
 */
import type { Dataset } from '../engine/dataset.js';
import type { IsoDate } from '../engine/dates.js';
import type { IssuedDocument } from '../engine/history.js';
import { dec, sum, toAmountString, ZERO, type Decimal } from '../engine/money.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { writeFileAtomic, writeStreamAtomic } from '../io/atomic-write.js';
import { formatCsv, type CsvColumn, type CsvFormat, type CsvRow } from '../io/csv-write.js';
import { natureOf, resolveOut, type BordereauNature } from '../io/output-layout.js';
import type { BordereauLine, BordereauView, DocumentRenderer } from '../render/views.js';
import { payingService } from './titre-view.js';

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
  lines: BordereauLine[];
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
    if (d.exercice === exercice && natureOf(d.type) === nature && (upTo === null || d.bordereau <= upTo)) cumul = cumul.plus(d.montant);
  }
  return cumul;
}

export function bordereauCsv(lines: readonly BordereauLine[], total: string, format: CsvFormat): string {
  const rows: CsvRow[] = lines.map((l) => ({
    numero: l.numero === null ? '' : String(l.numero),
    type: l.type,
    code_insee: l.codeInsee,
    commune: l.commune,
    montant: l.montant,
    titre_origine: l.titreOrigine,
  }));
  rows.push({ numero: TOTAL_LABEL, montant: total });
  return formatCsv(BORDEREAU_COLUMNS, rows, format);
}

/** Writes `<base>.pdf` and `<base>.csv` (base OUT-relative); returns the total and the PDF's sha256. */
export async function writeBordereau(
  outDir: string,
  base: string,
  spec: BordereauSpec,
  context: { dataset: Dataset; renderer: DocumentRenderer; format: CsvFormat },
): Promise<{ total: string; sha256: string }> {
  const service = payingService(context.dataset, spec.service);
  if (!service) {
    throw new TitresError('state', [
      problem('PLAN_INVALID', `bordereau ${spec.exercice}-${spec.numero} : service « ${spec.service} » inconnu ou gratuit`),
    ]);
  }
  const total = toAmountString(sum(spec.lines.map((l) => dec(l.montant))));
  const view: BordereauView = {
    config: context.dataset.config,
    service,
    exercice: spec.exercice,
    numero: spec.numero,
    nature: spec.nature,
    dateEmission: spec.dateEmission,
    lines: spec.lines,
    total,
    cumulExercice: spec.cumulExercice,
    preview: spec.preview,
  };
  const { sha256 } = await writeStreamAtomic(resolveOut(outDir, `${base}.pdf`), context.renderer.renderBordereau(view));
  await writeFileAtomic(resolveOut(outDir, `${base}.csv`), bordereauCsv(spec.lines, total, context.format));
  return { total, sha256 };
}
