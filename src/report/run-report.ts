/**
 * `titres rapport`, the shell: reads the dataset, the journal and the ledgers, runs simulate's
 * engine for the years of convergence, builds the report (annual-report.ts), then writes, under
 * the output folder's lock and after its check (the caller holds both: cli/commands/rapport.ts),
 * OUT/rapports/rapport-<N>.pdf and rapport-<N>.xlsx, each registered with its sha256 in
 * OUT/rapports.csv for verify.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Dataset } from '../engine/dataset.js';
import type { History, IssuedDocument } from '../engine/history.js';
import { ZERO } from '../engine/money.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { writeFileAtomic, writeStreamAtomic } from '../io/atomic-write.js';
import { readOurCsv } from '../io/csv-write.js';
import { readJournal } from '../io/journal.js';
import { registerFile, REPORT_REGISTER } from '../io/file-registers.js';
import { journalPath, LEDGER_DIR, ledgerCodeOf, reportFiles, resolveOut } from '../io/output-layout.js';
import { workbookBuffer } from '../io/workbook.js';
import { loadPdfAssets } from '../render/assets.js';
import { finishedPdf } from '../render/pdf-stream.js';
import { createSharedFonts } from '../render/shared-fonts.js';
import { loadTemplates } from '../render/templates.js';
import { MAX_SIMULATION_YEARS } from '../simulate/range.js';
import { simulate } from '../simulate/simulate.js';
import { buildAnnualReport, type AnnualReport, type LedgerFigures, type Projection } from './annual-report.js';
import { renderReportPdf } from './report-pdf.js';
import { reportWorkbook } from './report-tables.js';


/** Ledger figures of every titre, by `exercice-numero`, from OUT/registres/<service>/*.csv. */
export async function readLedgerFigures(outDir: string): Promise<Map<string, LedgerFigures>> {
  const figures = new Map<string, LedgerFigures>();
  const services = await readdir(resolveOut(outDir, LEDGER_DIR)).catch(() => [] as string[]);
  for (const service of services.sort()) {
    const names = await readdir(resolveOut(outDir, `${LEDGER_DIR}/${service}`)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (!ledgerCodeOf(name)) continue;
      for (const r of readOurCsv(await readFile(resolveOut(outDir, `${LEDGER_DIR}/${service}/${name}`), 'utf8'))) {
        if (r.type !== 'titre') continue;
        figures.set(`${r.exercice}-${r.numero}`, {
          ...(r.population ? { population: Number(r.population) } : {}),
          ...(r.population_fichier ? { populationFichier: r.population_fichier } : {}),
          ...(r.indice_mois ? { indiceMois: r.indice_mois } : {}),
          ...(r.indice_valeur ? { indiceValeur: r.indice_valeur } : {}),
          ...(r.indice_reference_mois ? { indiceReferenceMois: r.indice_reference_mois } : {}),
          ...(r.indice_reference_valeur ? { indiceReferenceValeur: r.indice_reference_valeur } : {}),
          ...(r.coefficient ? { coefficient: r.coefficient } : {}),
        });
      }
    }
  }
  return figures;
}

/** simulate at current rules (no growth) from N: the year each adhesion converges and its titres. */
export function projectionsAtCurrentRules(dataset: Dataset, year: number): { horizon: number; projections: Map<string, Projection> } {
  const horizon = year + MAX_SIMULATION_YEARS - 1;
  const simulation = simulate(dataset, { indexGrowth: ZERO, populationGrowth: ZERO }, { from: year, to: horizon });
  const projections = new Map<string, Projection>();
  for (const a of simulation.adhesions) {
    const rows = a.rows.flatMap((r) => (r.kind === 'titre' ? [{ exercice: r.exercice, montant: r.montant, cible: r.contributionCible }] : []));
    projections.set(`${a.service}|${a.codeInsee}`, { anneeConvergence: a.anneeConvergence, rows });
  }
  return { horizon, projections };
}

export async function buildReportFor(
  outDir: string,
  dataset: Dataset,
  year: number,
  journal?: History,
): Promise<{ report: AnnualReport; documents: readonly IssuedDocument[] }> {
  const history = journal ?? (await readJournal(outDir));
  if (!history.documents.some((d) => d.exercice === year)) {
    throw new TitresError('state', [
      problem('REPORT_NOTHING_ISSUED', `aucun titre n’est au journal pour l’exercice ${year} : le bilan ne peut pas être établi`, { file: journalPath(outDir) }),
    ]);
  }
  const { horizon, projections } = projectionsAtCurrentRules(dataset, year);
  const ledger = await readLedgerFigures(outDir);
  return { report: buildAnnualReport({ year, dataset, documents: history.documents, ledger, projections, horizon }), documents: history.documents };
}

/**
 * Writes the report's PDF and workbook and registers them; returns their OUT-relative paths. The
 * caller holds OUT's lock and has checked the folder (`out`: its journal as read under the lock).
 */
export async function writeReport(
  out: { outDir: string; history: History; journal: { head: string } },
  dataset: Dataset,
  year: number,
  date: string,
): Promise<string[]> {
  const { outDir } = out;
  const { report } = await buildReportFor(outDir, dataset, year, out.history);
  const journalSha256 = createHash('sha256').update(await readFile(journalPath(outDir))).digest('hex');
  const templates = loadTemplates();
  const assets = loadPdfAssets();
  const doc = renderReportPdf(report, { layout: templates.layout, resources: { assets, fonts: createSharedFonts(assets) }, date, journalSha256 });
  const files = reportFiles(year);
  await writeStreamAtomic(resolveOut(outDir, files.pdf), finishedPdf(doc));
  await writeFileAtomic(resolveOut(outDir, files.xlsx), await workbookBuffer(reportWorkbook(report, date)));
  for (const fichier of [files.pdf, files.xlsx]) {
    const content = await readFile(resolveOut(outDir, fichier));
    await registerFile(outDir, REPORT_REGISTER, { fichier, content, chaineJournal: out.journal.head, fields: { exercice: String(year), date_etablissement: date } });
  }
  return [files.pdf, files.xlsx];
}
