/**
 * Writes a bordereau: its PDF (renderer.writeBordereau), its CSV and, with `--excel`, its workbook
 * (formats in io/bordereau-format.ts), each atomically. The total is the sum of the lines (R1).
 */
import type { Dataset } from '../engine/dataset.js';
import { sumOfAmounts, toAmountString } from '../engine/money.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { writeAtomically, writeFileAtomic, writeStreamAtomic } from '../io/atomic-write.js';
import { bordereauCsvChunks, bordereauWorkbook, type BordereauSpec } from '../io/bordereau-format.js';
import { Readable } from 'node:stream';
import type { CsvFormat } from '../io/csv-write.js';
import { workbookBuffer } from '../io/workbook.js';
import { resolveOut } from '../io/output-layout.js';
import type { BordereauLines, BordereauView, DocumentRenderer } from '../render/views.js';
import { editionFor, editionLine, type PesEdition } from '../pes/pes-edition.js';
import { payingService } from './titre-view.js';

/** The CSV form of every bordereau CSV written from now on: the machine form (issue 13). */
const MACHINE: CsvFormat = { excel: false };

/**
 * Writes `<base>.pdf` and `<base>.csv` (base OUT-relative), and `<base>.xlsx` when `excel`;
 * returns the total and the PDF's sha256.
 */
export async function writeBordereau(
  outDir: string,
  base: string,
  spec: BordereauSpec,
  context: { dataset: Dataset; renderer: DocumentRenderer; excel: boolean },
): Promise<{ total: string; sha256: string; bytes: number }> {
  const service = payingService(context.dataset, spec.service);
  if (!service) {
    throw new TitresError('state', [
      problem('PLAN_INVALID', `bordereau ${spec.exercice}-${spec.numero} : service « ${spec.service} » inconnu ou gratuit`),
    ]);
  }
  const total = toAmountString(sumOfAmounts(spec.lines));
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
    ...asapMention(context.dataset, spec),
  };
  const { sha256, bytes } = await writeAtomically(resolveOut(outDir, `${base}.pdf`), (fd) => context.renderer.writeBordereau(view, fd));
  await writeStreamAtomic(resolveOut(outDir, `${base}.csv`), Readable.from(bordereauCsvChunks(spec.lines, total, MACHINE)));
  if (context.excel) {
    const workbook = bordereauWorkbook(spec, context.dataset.config.emetteur.nom);
    await writeFileAtomic(resolveOut(outDir, `${base}.xlsx`), await workbookBuffer(workbook));
  }
  return { total, sha256, bytes };
}

/** Issue 14: the Edition of the titres of a bordereau of titres (Chorus Pro or DGFiP print), one sentence. */
function asapMention(dataset: Dataset, spec: BordereauSpec): { asap?: string } {
  if (spec.nature !== 'titres') return {};
  const asap = editionLine(editions(dataset, spec.lines)).trim();
  return asap === '' ? {} : { asap };
}

function* editions(dataset: Dataset, lines: BordereauLines): Generator<{ edition?: PesEdition; commune: string }> {
  for (const l of lines) yield { edition: editionFor(dataset, l.codeInsee), commune: l.commune };
}
