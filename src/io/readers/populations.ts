import type { PopulationFigures, PopulationTable } from '../../engine/dataset.js';
import type { Problem } from '../../errors/problem.js';
import { FileProblems } from '../csv/file-problems.js';
import { detectSeparator, firstLine, type Separator } from '../csv/parse-csv.js';
import { eachRow, type Cell, type Row } from '../csv/table.js';
import type { SourceFile } from '../read-input-file.js';
import { DEFAULT_LIMITS } from '../config/limits.js';
import { parseInteger } from '../cell-values.js';
import { KeptStrings } from './kept-strings.js';
import { detectPopulationLayout, inseeCode2020, LYON, LYON_ARRONDISSEMENTS, type PopulationLayout } from './population-format.js';

/**
 * populations/N.csv: the populations in force on 1 January N (R3), in the simple form or as INSEE
 * publishes them. Only the dataset's communes are kept (`communes` undefined = keep all); Lyon is
 * the sum of its arrondissements when only those are present (R3).
 */
export function parsePopulations(
  text: string,
  source: SourceFile,
  exercice: number,
  communes?: ReadonlySet<string>,
  populationMax: number = DEFAULT_LIMITS.populationMax,
  kept: KeptStrings = new KeptStrings(),
): { table: PopulationTable; problems: Problem[] } {
  const sink = new FileProblems(source.path);
  const header = firstLine(text).replace(/^\uFEFF/, '');
  const separator = detectSeparator(header);
  const headerFields = header.split(separator).map((h) => h.replace(/^"|"$/g, ''));
  const layout = detectPopulationLayout(headerFields);
  const empty: PopulationTable = { exercice, file: source.rel, format: layout?.format ?? 'simple', byCommune: new Map() };
  if (!layout) {
    sink.add(
      'POPULATION_FORMAT_UNKNOWN',
      `en-tête non reconnu « ${header} » : attendu « code_insee,population_municipale,population_totale » ou l'en-tête du fichier donnees_communes.csv de l'INSEE`,
      { line: 1 },
    );
    return { table: empty, problems: sink.problems };
  }
  const wanted = communes && withArrondissements(communes);
  const keepLine = wanted && layout.format !== 'simple' ? lineFilter(headerFields, separator, layout, wanted) : undefined;
  const all = new Map<string, PopulationFigures>();
  eachRow(
    text,
    source.path,
    layout.required,
    [],
    sink.csv,
    (row) => {
    const code = codeOf(row, layout, sink);
    if (code === undefined) return;
    if (wanted && !wanted.has(code)) {
      if (layout.format === 'simple') {
        sink.add('POPULATION_UNKNOWN_COMMUNE', `commune « ${code} » absente de communes.csv : ligne ignorée`, codeCell(row, layout), 'warning');
      }
      return;
    }
    const figures = readFigures(row, layout, sink, populationMax);
    if (!figures) return;
    const previous = all.get(code);
    if (previous) {
      sink.add('DUPLICATE_POPULATION', `commune « ${code} » déjà présente ligne ${previous.line} de ce fichier`, codeCell(row, layout));
      return;
    }
    all.set(kept.of(code), figures);
  },
    { keepLine },
  );
  return { table: { ...empty, byCommune: keepCommunes(all, communes, sink) }, problems: sink.problems };
}

function withArrondissements(communes: ReadonlySet<string>): Set<string> {
  const set = new Set(communes);
  if (set.has(LYON)) for (const a of LYON_ARRONDISSEMENTS) set.add(a);
  return set;
}

/** Keeps the raw lines of the wanted communes (parseCsv applies it only to a text without quotes). */
function lineFilter(header: readonly string[], sep: Separator, layout: PopulationLayout, wanted: ReadonlySet<string>): (line: string) => boolean {
  const names = header.map((h) => h.trim().toLowerCase());
  const at = (c: string) => names.indexOf(c.toLowerCase());
  if ('column' in layout.code) {
    const i = at(layout.code.column);
    return (line) => wanted.has(field(line, sep, i).trim());
  }
  const d = at(layout.code.dep);
  const c = at(layout.code.codcom);
  return (line) => wanted.has(inseeCode2020(field(line, sep, d).trim(), field(line, sep, c).trim()));
}

/** The i-th field of a line without quotes ('' when it has fewer), without splitting the whole line. */
function field(line: string, sep: Separator, i: number): string {
  let start = 0;
  for (let k = 0; k < i; k++) {
    const next = line.indexOf(sep, start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = line.indexOf(sep, start);
  return line.slice(start, end < 0 ? line.length : end);
}

function codeOf(row: Row, layout: PopulationLayout, sink: FileProblems): string | undefined {
  if ('column' in layout.code) return sink.required(row.cell(layout.code.column), layout.code.column);
  const dep = sink.required(row.cell(layout.code.dep), layout.code.dep);
  const codcom = sink.required(row.cell(layout.code.codcom), layout.code.codcom);
  return dep !== undefined && codcom !== undefined ? inseeCode2020(dep, codcom) : undefined;
}

function codeCell(row: Row, layout: PopulationLayout): Cell {
  return row.cell('column' in layout.code ? layout.code.column : layout.code.codcom);
}

function readFigures(row: Row, layout: PopulationLayout, sink: FileProblems, populationMax: number): PopulationFigures | undefined {
  const [municipale, totale] = [layout.municipale, layout.totale].map((column) => {
    const cell = row.cell(column);
    const value = sink.requiredParse(cell, column, parseInteger);
    if (value !== undefined && value < 0) {
      sink.add('NEGATIVE_POPULATION', `population négative « ${cell.value} » dans la colonne « ${column} »`, cell);
      return undefined;
    }
    if (value !== undefined && value > populationMax) {
      sink.add(
        'POPULATION_IMPLAUSIBLE',
        `population « ${cell.value} » dans la colonne « ${column} » au-delà du plafond de vraisemblance ${populationMax} habitants (limites.population_max de config.json)`,
        cell,
      );
      return undefined;
    }
    return value;
  });
  if (municipale === undefined || totale === undefined) return undefined;
  if (totale < municipale) {
    sink.add(
      'POPULATION_TOTALE_BELOW_MUNICIPALE',
      `population totale « ${totale} » inférieure à la population municipale « ${municipale} »`,
      row.cell(layout.totale),
    );
    return undefined;
  }
  return { municipale, totale, line: row.line };
}

/** R3: Lyon = Σ 69381–69389 when 69123 itself is absent; arrondissements are not kept. */
function keepCommunes(
  all: Map<string, PopulationFigures>,
  communes: ReadonlySet<string> | undefined,
  sink: FileProblems,
): Map<string, PopulationFigures> {
  const kept = new Map<string, PopulationFigures>();
  for (const [code, figures] of all) {
    if (!LYON_ARRONDISSEMENTS.includes(code) || (communes && communes.has(code))) kept.set(code, figures);
  }
  const lyonWanted = !communes || communes.has(LYON);
  const present = LYON_ARRONDISSEMENTS.filter((a) => all.has(a));
  if (!lyonWanted || kept.has(LYON) || present.length === 0) return sortByCode(kept);
  const parts = present.map((a) => all.get(a) as PopulationFigures);
  kept.set(LYON, {
    municipale: parts.reduce((s, p) => s + p.municipale, 0),
    totale: parts.reduce((s, p) => s + p.totale, 0),
    line: parts[0].line,
    sommeArrondissements: present,
  });
  const missing = LYON_ARRONDISSEMENTS.filter((a) => !all.has(a));
  if (missing.length > 0) {
    sink.add(
      'LYON_ARRONDISSEMENTS_INCOMPLETE',
      `population de Lyon (69123) calculée sans les arrondissements « ${missing.join(', ')} » absents du fichier (R3)`,
      { line: parts[0].line },
      'warning',
    );
  }
  return sortByCode(kept);
}

/** The table in code order (INSEE's files come in that order already: then the map is kept as is). */
function sortByCode(map: Map<string, PopulationFigures>): Map<string, PopulationFigures> {
  let previous = '';
  let sorted = true;
  for (const code of map.keys()) {
    if (code < previous) {
      sorted = false;
      break;
    }
    previous = code;
  }
  if (sorted) return map;
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
