/**
 * `titres simulate`: project the titres of the coming exercices so that a commune can plan its
 * budget. Reads the dataset, simulates (pure, src/simulate/simulate.ts), then prints the table
 * (or JSON) and writes the CSV, the workbook and the charts asked for. Nothing is numbered or issued.
 */
import path from 'node:path';
import { ZERO } from '../../engine/money.js';
import { readDataset } from '../../io/read-dataset.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { parseRate } from '../../simulate/parse-rate.js';
import { checkRange } from '../../simulate/range.js';
import { simulate } from '../../simulate/simulate.js';
import type { Simulation } from '../../simulate/types.js';
import { simulationCsv } from '../../simulate/write-csv.js';
import { simulationWorkbook } from '../../simulate/write-workbook.js';
import { workbookBuffer } from '../../io/workbook.js';
import { chartFileName, simulationChart } from '../../simulate/write-chart.js';
import { simulationJson } from '../format/simulation-json.js';
import { simulationTable } from '../format/simulation-table.js';
import { parseYear } from '../arguments.js';
import { EXIT } from '../exit-codes.js';
import { reportWarnings } from '../format/problems.js';
import { anchorProblem } from '../plan-for-cli.js';
import type { Problem } from '../../errors/problem.js';
import type { CliIo } from '../io.js';

export interface SimulateOptions {
  data: string;
  from: string;
  to: string;
  indice?: string;
  population?: string;
  csv?: string;
  excel?: string;
  chartDir?: string;
  json?: boolean;
}

export async function simulateCommand(opts: SimulateOptions, io: CliIo): Promise<number> {
  const range = { from: parseYear(opts.from, '--from'), to: parseYear(opts.to, '--to') };
  checkRange(range);
  const assumptions = {
    indexGrowth: opts.indice !== undefined ? parseRate(opts.indice, '--indice') : ZERO,
    populationGrowth: opts.population !== undefined ? parseRate(opts.population, '--population') : ZERO,
  };

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
    await writeFileAtomic(path.resolve(cwd, opts.excel), await workbookBuffer(simulationWorkbook(simulation, author)));
    written.push(opts.excel);
  }
  if (opts.chartDir !== undefined) {
    for (const service of simulation.services) {
      if (!simulation.adhesions.some((a) => a.service === service.id)) continue;
      const file = path.join(opts.chartDir, chartFileName(service.id));
      await writeFileAtomic(path.resolve(cwd, file), simulationChart(simulation, service.id));
      written.push(file);
    }
  }
  return written;
}
