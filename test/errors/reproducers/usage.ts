/**
 * Reproducers of the command line's problems (src/errors/codes-usage.ts): a mistyped command line.
 * None has a position: the message names the option.
 */
import { CommanderError } from 'commander';
import { commanderProblem } from '../../../src/cli/commander-errors.js';
import type { USAGE_CODES } from '../../../src/errors/codes-usage.js';
import { cli, dataset, issued, problemsOf, reproducer, scratch, type Reproducers } from './harness.js';

/** `titres issue --dry-run` of 2026 on the minimal dataset, with more options. */
const dryRun = async (...more: string[]) => cli(['issue', '--data', await dataset(), '--year', '2026', '--dry-run', ...more]);
/** `titres issue` into a new folder on the minimal dataset, with these options. */
const issue = async (...options: string[]) => cli(['issue', '--data', await dataset(), '--out', await scratch(), ...options]);

export const USAGE_REPRODUCERS = {
  // commander errors the French table does not know (none of titres' options raises one today)
  USAGE: reproducer('', () => problemsOf(() => [commanderProblem(new CommanderError(1, 'commander.invalidArgument', "error: option '--x' argument 'y' is invalid."), 'issue')])),
  INVALID_YEAR: reproducer('', async () => cli(['check', '--data', await dataset(), '--year', '26'])),
  INVALID_DATE_OPTION: reproducer('', () => dryRun('--date', '2026-06-31')),
  MISSING_OPTION: reproducer('', async () => cli(['issue', '--data', await dataset()])),
  UNKNOWN_COMMAND: reproducer('', () => cli(['emettre'])),
  UNKNOWN_CLI_OPTION: reproducer('', () => dryRun('--anee', '2026')),
  OPTION_VALUE_MISSING: reproducer('', () => cli(['check', '--data'])),
  // no command of titres takes an argument today: commander's error itself
  MISSING_ARGUMENT: reproducer('', () => problemsOf(() => [commanderProblem(new CommanderError(1, 'commander.missingArgument', "error: missing required argument 'dossier'"), 'check')])),
  TOO_MANY_ARGUMENTS: reproducer('', async () => cli(['check', '--data', await dataset(), 'en-trop'])),
  DATA_DIR_MISSING: reproducer('', () => cli(['check', '--data', '/nonexistent/titres-donnees'])),
  INVALID_OPTION_VALUE: reproducer('', async () => cli(['issue', '--data', await dataset(), '--year', '2026', '--out', await scratch(), '--preview-dir', 'apercu'])),
  DATE_FUTURE: reproducer('', () => issue('--year', '2099', '--date', '2099-06-15')),
  DATE_HORS_EXERCICE: reproducer('', () => issue('--year', '2026', '--date', '2025-12-31')),
  DATE_AVANT_TITRE: reproducer('', async () => {
    const { out } = await issued();
    return cli(['cancel', '--out', out, '--titre', '2026-2', '--motif', 'essai', '--date', '2026-09-14']); // issued on 15/09/2026
  }),
} satisfies Reproducers<typeof USAGE_CODES>;
