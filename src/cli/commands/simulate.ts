/**
 * `titres simulate`: project the titres of the coming exercices so that a commune can plan its
 * budget. Reads the dataset, simulates (pure, src/simulate/simulate.ts), then prints the table
 * (or JSON) and writes the CSV, the workbook and the charts asked for. Nothing is numbered or issued.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ZERO, type Decimal } from '../../engine/money.js';
import { readDataset } from '../../io/read-dataset.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { checkRange } from '../../simulate/range.js';
import { simulate } from '../../simulate/simulate.js';
import type { Simulation } from '../../simulate/types.js';
import { simulationCsv } from '../../simulate/write-csv.js';
import { simulationJson } from '../format/simulation-json.js';
import { simulationTable } from '../format/simulation-table.js';
import { asRate, asYear } from '../arguments.js';
import { EXIT } from '../exit-codes.js';
import { reportWarnings } from '../format/problems.js';
import { anchorProblem } from '../plan-for-cli.js';
import type { Problem } from '../../errors/problem.js';
import type { CliIo } from '../io.js';
import { examples, type Run } from './command.js';

export interface SimulateOptions {
  data: string;
  from: number;
  to: number;
  indice?: Decimal;
  population?: Decimal;
  csv?: string;
  excel?: string;
  chartDir?: string;
  json?: boolean;
}

export function registerSimulate(program: Command, run: Run): void {
  program
    .command('simulate')
    .description('projette les contributions des exercices à venir (cible, plafond, montant, convergence)')
    .requiredOption('-d, --data <dossier>', 'dossier du jeu de données')
    .requiredOption('--from <exercice>', 'premier exercice projeté, ex. 2026', asYear('--from'))
    .requiredOption('--to <exercice>', 'dernier exercice projeté, ex. 2031 (20 ans au plus)', asYear('--to'))
    .option('--indice <taux>', 'évolution annuelle supposée de l’indice, ex. 0.02 ou 2% (défaut : dernière valeur connue)', asRate('--indice'))
    .option('--population <taux>', 'évolution annuelle supposée des populations (défaut : derniers chiffres connus)', asRate('--population'))
    .option('--csv <fichier>', 'écrit la projection en CSV')
    .option('--excel <fichier>', 'écrit la projection en classeur Excel (.xlsx)')
    .option('--chart-dir <dossier>', 'écrit un graphique SVG de convergence par service payant')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText(
      'after',
      examples([
        'titres simulate --data samples/metropole-de-lyon --from 2026 --to 2031',
        'titres simulate --data samples/metropole-de-lyon --from 2026 --to 2031 --indice 2% --csv projection.csv --chart-dir graphiques',
        'titres simulate --data samples/metropole-de-lyon --from 2026 --to 2031 --excel projection.xlsx',
      ]),
    )
    .action(run(simulateCommand));
}

export async function simulateCommand(opts: SimulateOptions, io: CliIo): Promise<number> {
  const range = { from: opts.from, to: opts.to };
  checkRange(range);
  const assumptions = { indexGrowth: opts.indice ?? ZERO, populationGrowth: opts.population ?? ZERO };

  const { dataset, warnings } = await readDataset(opts.data);
  const computed = simulate(dataset, assumptions, range);
  const simulation: Simulation = { ...computed, avertissements: [...warnings, ...computed.avertissements] };

  const written = await writeOutputs(simulation, opts, io.cwd, dataset.config.emetteur.nom);
  if (opts.json) {
    io.stdout(simulationJson(simulation));
    reportWarnings(io, anchored(simulation, opts.data), io.stdoutIsTTY);
    return EXIT.OK;
  }
  io.stdout(simulationTable(simulation, io.stdoutColumns) + written.map((f) => `Écrit : ${f}\n`).join(''));
  reportWarnings(io, anchored(simulation, opts.data), false);
  return EXIT.OK;
}

/** The engine's warnings cite dataset-relative files; stderr names them as the user typed --data. */
function anchored(simulation: Simulation, dataDir: string): Problem[] {
  return simulation.avertissements.map((p) => anchorProblem(p, dataDir));
}

/** Writes the CSV and the charts asked for; returns the paths written, as the user gave them. */
async function writeOutputs(simulation: Simulation, opts: SimulateOptions, cwd: string, author: string): Promise<string[]> {
  const written: string[] = [];
  if (opts.csv !== undefined) {
    await writeFileAtomic(path.resolve(cwd, opts.csv), simulationCsv(simulation));
    written.push(opts.csv);
  }
  if (opts.excel !== undefined) {
    const { simulationWorkbook } = await import('../../simulate/write-workbook.js');
    const { workbookBuffer } = await import('../../io/workbook.js');
    await writeFileAtomic(path.resolve(cwd, opts.excel), await workbookBuffer(simulationWorkbook(simulation, author)));
    written.push(opts.excel);
  }
  if (opts.chartDir !== undefined) {
    const { chartFileName, simulationChart } = await import('../../simulate/write-chart.js');
    for (const service of simulation.services) {
      if (!simulation.adhesions.some((a) => a.service === service.id)) continue;
      const file = path.join(opts.chartDir, chartFileName(service.id));
      await writeFileAtomic(path.resolve(cwd, file), simulationChart(simulation, service.id));
      written.push(file);
    }
  }
  return written;
}
