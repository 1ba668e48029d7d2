/** `titres check`: validate a dataset and say what it holds; with --year, also plan that exercice. */
import type { Command } from 'commander';
import { readDataset } from '../../io/read-dataset.js';
import { planForCli } from '../plan-for-cli.js';
import { EMPTY_HISTORY } from '../../engine/history.js';
import type { Dataset } from '../../engine/dataset.js';
import { appendProblems, type Problem } from '../../errors/problem.js';
import { asYear, today } from '../arguments.js';
import { EXIT } from '../exit-codes.js';
import { problemJson, reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';
import { examples, type Run } from './command.js';
import { formatNumberFr } from '../../engine/french-format.js';

export interface CheckOptions {
  data: string;
  year?: number;
  json?: boolean;
}

export function registerCheck(program: Command, run: Run): void {
  program
    .command('check')
    .description('valide un jeu de données et résume ce qu’il contient')
    .requiredOption('-d, --data <dossier>', 'dossier du jeu de données (config.json, communes.csv, …)')
    .option('-y, --year <exercice>', 'vérifie aussi que cet exercice peut être calculé', asYear())
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText('after', examples(['titres check --data samples/metropole-de-lyon', 'titres check --data samples/metropole-de-lyon --year 2026']))
    .action(run(checkCommand));
}

export async function checkCommand(opts: CheckOptions, io: CliIo): Promise<number> {
  const year = opts.year;
  const { dataset, warnings } = await readDataset(opts.data);
  const problems: Problem[] = [...warnings];
  const lines = describeDataset(dataset);
  if (year !== undefined) {
    const plan = planForCli(opts.data, dataset, EMPTY_HISTORY, { exercice: year, dateEmission: today() });
    appendProblems(problems, plan.avertissements);
    lines.push(
      `Exercice ${year} : ${plan.documents.length} titre(s) pour ${formatNumberFr(plan.total)} €, ${plan.sansTitre.length} adhésion(s) sans titre (avant tout journal d'émission).`,
    );
  }
  if (opts.json) {
    io.stdout(JSON.stringify({ schema: 1, valide: true, resume: lines, avertissements: problems.map(problemJson) }, null, 2) + '\n');
    reportWarnings(io, problems, io.stdoutIsTTY);
  } else {
    io.stdout(`Jeu de données ${opts.data} : valide.\n` + lines.map((l) => `  ${l}\n`).join(''));
    reportWarnings(io, problems, false);
  }
  return EXIT.OK;
}

export function describeDataset(d: Dataset): string[] {
  const services = [...d.config.services.values()];
  const paying = services.filter((s) => !s.gratuit).map((s) => s.id);
  const free = services.filter((s) => s.gratuit).map((s) => s.id);
  const years = [...d.populations.keys()].sort((a, b) => a - b);
  const lines = [
    `Émetteur : ${d.config.emetteur.nom} (SIREN ${d.config.emetteur.siren})`,
    `Convention : premier exercice ${d.config.convention.premierExercice}, durée maximale ${d.config.convention.dureeMaxAnnees} ans`,
    `Communes : ${d.communes.size}`,
    `Services : ${services.length} (payants : ${paying.join(', ') || 'aucun'} ; gratuits : ${free.join(', ') || 'aucun'})`,
    `Populations : ${years.map((y) => `${y} (${d.populations.get(y)!.format}, ${d.populations.get(y)!.byCommune.size} communes)`).join(', ') || 'aucune'}`,
    `Adhésions : ${d.adhesions.length}`,
  ];
  for (const series of d.indices.values()) {
    const first = series.points[0]?.mois ?? '–';
    const last = series.points[series.points.length - 1]?.mois ?? '–';
    lines.push(`Indice ${series.serie} : ${series.points.length} mois, de ${first} à ${last}`);
  }
  return lines;
}
