/**
 * Entry of the command line: builds the commander program, runs one command, and maps every
 * outcome to an exit code in one place (src/cli/exit-codes.ts). User mistakes print catalogued
 * problems (FILE:LINE:COL: erreur CODE: message), never a stack trace.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { commanderProblem } from './commander-errors.js';
import { registerCancel } from './commands/cancel.js';
import { registerCheck } from './commands/check.js';
import type { CommandOutcome, RegisterCommand, Run } from './commands/command.js';
import { registerExportPes } from './commands/export-pes.js';
import { registerIssue } from './commands/issue.js';
import { registerRapport } from './commands/rapport.js';
import { registerSimulate } from './commands/simulate.js';
import { registerVerify } from './commands/verify.js';
import { errorOutcome, EXIT } from './exit-codes.js';
import { formatProblems } from './format/problems.js';
import { processIo, type CliIo } from './io.js';
import { explainOsError } from '../io/explain-os-error.js';
import { boundHeapGrowth } from './heap-growth.js';

const require = createRequire(import.meta.url);
/** The package version, read once from package.json (two levels up from src/cli and dist/cli). */
export const VERSION: string = (require('../../package.json') as { version: string }).version;

/** The commands, in the order of `titres --help`; each declares its options, help and action in its file. */
const COMMANDS: readonly RegisterCommand[] = [registerCheck, registerIssue, registerVerify, registerCancel, registerExportPes, registerSimulate, registerRapport];

export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  boundHeapGrowth();
  const outcome: CommandOutcome = { exitCode: EXIT.OK };
  const program = buildProgram(io, outcome);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    return reportError(await explainOsError(error), io, program, argv);
  }
}

/** Commander's section titles, in French like the rest of the help. */
const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options générales :',
};

function buildProgram(io: CliIo, outcome: CommandOutcome): Command {
  const program = new Command('titres');
  program
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .description(
      'Calcule et émet les titres de recette des contributions des communes aux services numériques partagés de la Métropole de Lyon.',
    )
    .version(VERSION, '-V, --version', 'affiche la version')
    .helpOption('-h, --help', "affiche l'aide")
    .helpCommand('help [commande]', "affiche l'aide d'une commande")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // commander's parse errors are English: reportError says them in French (commander-errors.ts)
      outputError: () => undefined,
    });
  program.addHelpText(
    'after',
    `
Exemples :
  titres check --data samples/metropole-de-lyon
  titres issue --data samples/metropole-de-lyon --year 2026 --dry-run
  titres issue --data samples/metropole-de-lyon --year 2026 --out sorties --date 2026-06-15
  titres verify --out sorties

Codes de sortie : 0 succès, 1 erreur interne, 2 erreur d'utilisation, 3 données invalides,
4 dossier de sortie incohérent, 5 dossier de sortie verrouillé, 6 vérification en échec,
7 refus du système (disque plein, lecture seule, droits…).`,
  );
  const runAction: Run = (action) => async (opts) => {
    outcome.exitCode = await action(opts, io);
  };
  for (const register of COMMANDS) register(program, runAction);
  return program;
}

function reportError(error: unknown, io: CliIo, program: Command, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT.OK;
    }
    const command = program.commands.find((c) => c.name() === argv[0])?.name();
    io.stderr(formatProblems([commanderProblem(error, command)]));
    return EXIT.USAGE;
  }
  const outcome = errorOutcome(error);
  if (outcome.problems) io.stderr(formatProblems(outcome.problems));
  if (outcome.defect !== undefined) io.stderr(`erreur interne (à signaler) : ${outcome.defect}\n`);
  return outcome.exitCode;
}
