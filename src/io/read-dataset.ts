import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommuneTable } from '../engine/commune-table.js';
import { PopulationColumns } from '../engine/population-columns.js';
import { ADHESIONS_FILE, COMMUNES_FILE, type Dataset, type IndexSeries, type PopulationTable } from '../engine/dataset.js';
import type { ProblemCode } from '../errors/catalog.js';
import { appendProblems, problem, sortProblems, type Problem } from '../errors/problem.js';
import { TitresError, usageError } from '../errors/titres-error.js';
import { parseConfig } from './config/read-config.js';
import { DEFAULT_LIMITS } from './config/limits.js';
import type { IndexReference } from './config/services.js';
import { readInputFile } from './read-input-file.js';
import { parseAdhesions } from './readers/adhesions.js';
import { parseCommunes } from './readers/communes.js';
import { parseIndexSeries } from './readers/index-series.js';
import { parsePopulations } from './readers/populations.js';
import { KeptStrings } from './readers/kept-strings.js';
import type { SourceFile } from './read-input-file.js';

/** Problems after which a CSV file's rows are unknown (its commune list cannot be trusted as complete). */
const UNREAD = new Set<ProblemCode>([
  'INPUT_FILE_MISSING',
  'INPUT_FILE_UNREADABLE',
  'INPUT_FILE_TOO_LARGE',
  'CSV_EMPTY',
  'CSV_SYNTAX',
  'CSV_LINE_TOO_LONG',
  'CSV_MISSING_COLUMN',
  'CSV_CELL_COUNT',
  'CONTROL_CHARACTER',
  'TEXT_TOO_LONG',
]);

/**
 * Reads and validates the dataset folder `dir` (data contract): config.json, communes.csv,
 * populations/N.csv, adhesions.csv and indices/<serie>.csv. Every problem of every file is
 * collected; any error throws one TitresError('data') listing them all, sorted. Warnings are returned.
 */
export async function readDataset(dir: string): Promise<{ dataset: Dataset; warnings: Problem[] }> {
  await requireFolder(dir);
  const src = (rel: string): SourceFile => ({ path: path.join(dir, rel), rel });
  const problems: Problem[] = [];
  const read = async (s: SourceFile): Promise<string | undefined> => {
    const r = await readInputFile(s.path);
    if (r.problem) problems.push(r.problem);
    return r.text;
  };

  const configFile = src('config.json');
  const configText = await read(configFile);
  const configRead = configText === undefined ? undefined : parseConfig(configText, configFile.path);
  appendProblems(problems, configRead?.problems ?? []);

  // one pool for every reader, so that a commune's code, kept by communes.csv, is the one the other files' records hold
  const kept = new KeptStrings();
  const communesText = await read(src(COMMUNES_FILE));
  const communesRead = communesText === undefined ? undefined : parseCommunes(communesText, src(COMMUNES_FILE), kept);
  appendProblems(problems, communesRead?.problems ?? []);
  const communeCodes =
    communesRead && !communesRead.problems.some((p) => UNREAD.has(p.code)) ? new Set(communesRead.communes.keys()) : undefined;

  const limits = configRead?.limits ?? DEFAULT_LIMITS;
  const communeTable = communeCodes && communesRead?.communes;
  const populations = await readPopulations(src, read, communeCodes, problems, limits.populationMax, kept, communeTable);

  const adhesionsText = await read(src(ADHESIONS_FILE));
  const adhesionsRead =
    adhesionsText === undefined
      ? undefined
      : parseAdhesions(adhesionsText, src(ADHESIONS_FILE), {
          communes: communeCodes,
          services: configRead?.services?.services,
          serviceIds: configRead?.services?.ids,
          limits,
          kept,
        });
  appendProblems(problems, adhesionsRead?.problems ?? []);

  const indices = await readIndices(configRead?.references ?? [], src, problems);

  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !configRead?.config || !communesRead || !adhesionsRead) {
    // every reader that gives up on its file says why: a part missing with nothing said is a defect of titres
    if (sorted.length === 0) throw new Error(`jeu de données « ${dir} » incomplet sans aucun problème signalé`);
    throw new TitresError('data', sorted);
  }
  return {
    dataset: {
      dir,
      config: configRead.config,
      communes: communesRead.communes,
      populations,
      adhesions: adhesionsRead.adhesions,
      indices,
    },
    warnings: sorted,
  };
}

/**
 * A dataset folder that does not exist is a mistake on the command line (exit 2) naming it, not
 * one INPUT_FILE_MISSING per file it should hold.
 */
async function requireFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
    throw usageError('DATA_DIR_MISSING', `dossier du jeu de données introuvable « ${dir} » : vérifier le chemin donné à --data`);
  }
  if (!isFolder) {
    throw usageError('DATA_DIR_MISSING', `« ${dir} » n’est pas un dossier : --data attend le dossier du jeu de données (config.json, communes.csv…)`);
  }
}

const YEAR_FILE = /^(\d{4})\.csv$/;

async function readPopulations(
  src: (rel: string) => SourceFile,
  read: (s: SourceFile) => Promise<string | undefined>,
  communes: ReadonlySet<string> | undefined,
  problems: Problem[],
  populationMax: number,
  kept: KeptStrings,
  /** The communes read, beside which each table's figures are held (PopulationColumns). */
  communeTable: CommuneTable | undefined,
): Promise<Map<number, PopulationTable>> {
  const folder = src('populations').path;
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch {
    problems.push(problem('INPUT_FILE_MISSING', `dossier obligatoire introuvable « ${folder} » (un fichier populations/N.csv par exercice)`, { file: folder }));
    return new Map();
  }
  const tables = new Map<number, PopulationTable>();
  for (const name of names) {
    const source = src(`populations/${name}`);
    const m = YEAR_FILE.exec(name);
    if (!m) {
      if (name.toLowerCase().endsWith('.csv')) {
        problems.push(problem('POPULATION_FILE_IGNORED', `fichier « ${source.rel} » ignoré : le nom doit être l'année, par exemple 2026.csv`, { file: source.path }, 'warning'));
      }
      continue;
    }
    const text = await read(source);
    if (text === undefined) continue;
    const year = Number(m[1]);
    const parsed = parsePopulations(text, source, year, communes, populationMax, kept);
    appendProblems(problems, parsed.problems);
    const { table } = parsed;
    tables.set(year, communeTable ? { ...table, byCommune: new PopulationColumns(communeTable, table.byCommune) } : table);
  }
  return tables;
}

/** One series per distinct `indice.serie`; each S(ref) month must be in its series with a value (R4). */
async function readIndices(
  references: IndexReference[],
  src: (rel: string) => SourceFile,
  problems: Problem[],
): Promise<Map<string, IndexSeries>> {
  const indices = new Map<string, IndexSeries>();
  for (const serie of [...new Set(references.map((r) => r.serie))].sort()) {
    const source = src(`indices/${serie}.csv`);
    const r = await readInputFile(source.path);
    if (r.problem) {
      const users = references.filter((x) => x.serie === serie).map((x) => x.service);
      problems.push({ ...r.problem, message: `${r.problem.message} : série d'indice « ${serie} » demandée par le service « ${users.join(' », « ')} » dans config.json (R4)` });
      continue;
    }
    const parsed = parseIndexSeries(r.text, source, serie);
    appendProblems(problems, parsed.problems);
    indices.set(serie, parsed.series);
  }
  for (const ref of references) {
    const series = indices.get(ref.serie);
    if (series && !series.points.some((p) => p.mois === ref.reference)) {
      problems.push(
        problem(
          'INDEX_REFERENCE_MISSING',
          `indice de référence « ${ref.reference} » du service « ${ref.service} » absent de « indices/${ref.serie}.csv » ou sans valeur (R4)`,
          ref.at,
        ),
      );
    }
  }
  return indices;
}
