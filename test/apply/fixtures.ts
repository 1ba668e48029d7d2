/** Datasets, plans and a fake renderer built in code, for the tests of src/apply and src/verify. */
import { BORDEREAU_DATA_FILE, bordereauData, TITRE_DATA_FILE, titreData } from '../../src/render/embedded-data.js';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PdfFile } from '../../src/render/pdf-file.js';
import type { Config, Dataset } from '../../src/engine/dataset.js';
import type { History } from '../../src/engine/history.js';
import { dec } from '../../src/engine/money.js';
import type { Plan, PlannedDocument } from '../../src/engine/plan-types.js';
import type { BordereauView, DocumentRenderer, TitreView } from '../../src/render/views.js';
import { issuePlan, type IssueResult } from '../../src/apply/issue-plan.js';
import { withLockedOut } from '../../src/apply/out-session.js';
import { communes, config, dataset } from '../fixtures/dataset.js';

export const COMMUNES: Array<[string, string]> = [
  ['69081', 'Écully'],
  ['69204', 'Saint-Genis-Laval'],
  ['69290', 'Saint-Priest'],
  ['69999', '=HYPERLINK("x")'],
];

/** The shared config (numbering overridable) and COMMUNES; no populations, adhesions or indices. */
export function makeDataset(numerotation: Partial<Config['numerotation']> = {}): Dataset {
  const base = config();
  return dataset({
    config: { ...base, numerotation: { ...base.numerotation, ...numerotation } },
    communes: communes(COMMUNES, { siren: '216900811', codePostal: '69130' }),
    populations: new Map(),
    adhesions: [],
    indices: new Map(),
  });
}

const NAMES = new Map(COMMUNES);

export function titre(codeInsee: string, service: string, montant: string, exercice = 2026): PlannedDocument {
  return {
    type: 'titre',
    exercice,
    codeInsee,
    commune: NAMES.get(codeInsee) ?? codeInsee,
    service,
    montant: dec(montant),
    regime: 'transitoire',
    contributionCible: dec('1425.55'),
    converge: false,
    liquidation: [{ ref: 'R4', libelle: 'contribution-cible', montant: '1425.55' }],
    figures: {
      population: 18243,
      populationType: 'totale',
      populationFichier: 'populations/2026.csv',
      indiceMois: '2025-10',
      indiceValeur: '322.2',
      indiceReferenceMois: '2025-01',
      indiceReferenceValeur: '315.2',
      coefficient: '1.022208121827',
      forfait: '300.00',
      parHabitant: '0.06',
      contributionCible: '1425.55',
      montantAnterieur: '1100.00',
      plafond: montant,
    },
  };
}

export function reduction(
  codeInsee: string,
  service: string,
  montant: string,
  origine: { exercice: number; numero: number },
  type: 'reduction' | 'annulation' = 'reduction',
): PlannedDocument {
  return {
    type,
    exercice: origine.exercice,
    codeInsee,
    commune: NAMES.get(codeInsee) ?? codeInsee,
    service,
    montant: dec(montant),
    liquidation: [{ ref: 'R8', libelle: 'remboursement', montant }],
    figures: {},
    titreOrigine: origine,
    motif: '=manquement de la Métropole',
  };
}

export function makePlan(documents: PlannedDocument[], exercice = 2026, dateEmission = '2026-06-15'): Plan {
  return { exercice, dateEmission, documents, sansTitre: [], avertissements: [], total: dec('0'), totalReductions: dec('0') };
}

/** The plan the engine would compute again after `history`: already issued documents left out. */
export function remainingPlan(plan: Plan, history: History): Plan {
  const done = new Set(
    history.documents.map((d) => `${d.exercice}|${d.type}|${d.codeInsee}|${d.service}|${d.titreOrigine?.numero ?? ''}`),
  );
  const key = (d: PlannedDocument): string => `${d.exercice}|${d.type}|${d.codeInsee}|${d.service}|${d.titreOrigine?.numero ?? ''}`;
  return { ...plan, documents: plan.documents.filter((d) => !done.has(key(d))) };
}

/** A deterministic fake PDF: `%PDF-fake` and a few view fields. `failAfter`: throw after that many calls. */
/** The embedded data as a real PDF stores it (Filespec + EmbeddedFile stream), for verify to read. */
function fakeAttachment(name: string, data: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(data), 'utf8');
  return Buffer.concat([
    Buffer.from(`1 0 obj\n<< /Type /Filespec /F (${name}) /EF << /F 2 0 R >> >>\nendobj\n2 0 obj\n<< /Type /EmbeddedFile /Length ${json.length} >>\nstream\n`),
    json,
    Buffer.from('\nendstream\nendobj\n'),
  ]);
}

export function fakeRenderer(options: { failAfter?: number; failBordereauAfter?: number } = {}): DocumentRenderer & { calls: number } {
  let bordereaux = 0;
  const renderer = {
    calls: 0,
    renderTitre(view: TitreView): Readable {
      if (options.failAfter !== undefined && renderer.calls >= options.failAfter) throw new Error('renderer killed');
      renderer.calls++;
      const fields = {
        numero: view.numero,
        bordereau: view.bordereau,
        type: view.document.type,
        commune: view.commune.nom,
        service: view.service.id,
        montant: view.document.montant.toFixed(2),
        dateEmission: view.dateEmission,
        dateEcheance: view.dateEcheance,
        origine: view.origine ?? null,
        preview: view.preview,
      };
      return Readable.from([Buffer.concat([Buffer.from(`%PDF-fake\n${JSON.stringify(fields)}\n`), fakeAttachment(TITRE_DATA_FILE, titreData(view))])]);
    },
    async writeBordereau(view: BordereauView, fd: number) {
      if (options.failBordereauAfter !== undefined && bordereaux >= options.failBordereauAfter) throw new Error('renderer killed');
      bordereaux++;
      const fields = { numero: view.numero, nature: view.nature, service: view.service.id, lines: view.lines, total: view.total, preview: view.preview };
      const file = new PdfFile(fd);
      file.write(Buffer.concat([Buffer.from(`%PDF-fake-bordereau\n${JSON.stringify(fields)}\n`), fakeAttachment(BORDEREAU_DATA_FILE, bordereauData(view))]));
      return file.end();
    },
  };
  return renderer;
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'titres-apply-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Every file under `dir` (relative path → content), to compare two output folders byte for byte. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    for (const e of entries) {
      const path = relative ? `${relative}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else files.set(path, await readFile(join(dir, path)));
    }
  }
  await walk('');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Issues a plan as the CLI does: under OUT's lock, after the folder check (lock first). */
export async function issueLocked(
  plan: Plan,
  options: { outDir: string; dataset?: Dataset; renderer?: DocumentRenderer; excel?: boolean; commitEvery?: number },
): Promise<IssueResult> {
  const { outDir, excel, commitEvery } = options;
  return withLockedOut(outDir, { excel }, (out) =>
    issuePlan(plan, { dataset: options.dataset ?? makeDataset(), out, renderer: options.renderer ?? fakeRenderer(), excel, commitEvery }),
  );
}
