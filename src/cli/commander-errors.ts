/**
 * commander's own parse errors (unknown command or option, missing option or value, extra
 * arguments) as catalogued French problems. commander builds its messages in English; its
 * `exitOverride` hands us a CommanderError with a stable `code` and that English text, from which we
 * take the names (and the « did you mean » suggestion, kept) to say it in French.
 */
import type { CommanderError } from 'commander';
import { problem, type Problem } from '../errors/problem.js';

/** `'-d, --data <dossier>'` → `--data`; the long flag is what a user types and reads in the help. */
function flagName(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0];
}

/** commander's « (Did you mean X?) » or « (Did you mean one of X, Y?) » → French, or ''. */
function suggestion(message: string): string {
  const m = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  if (!m) return '';
  const names = m[1].split(', ').map((n) => `« ${n} »`);
  return names.length > 1 ? ` ; vouliez-vous dire ${names.slice(0, -1).join(', ')} ou ${names[names.length - 1]} ?` : ` ; vouliez-vous dire ${names[0]} ?`;
}

/** The first '…' quoted name of commander's message. */
function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1] ?? '';
}

const HELP = ' (voir titres --help)';

/**
 * One French usage problem for a commander parse error. An unknown code (a commander version
 * with new errors) keeps commander's text under the generic USAGE code rather than hiding it.
 */
export function commanderProblem(error: CommanderError, command = ''): Problem {
  const help = command ? ` (voir titres ${command} --help)` : HELP;
  const text = error.message;
  switch (error.code) {
    case 'commander.unknownCommand':
      return problem('UNKNOWN_COMMAND', `commande inconnue « ${quoted(text)} »${suggestion(text)}${HELP}`);
    case 'commander.unknownOption':
      return problem('UNKNOWN_CLI_OPTION', `option inconnue « ${quoted(text)} »${suggestion(text)}${help}`);
    case 'commander.missingMandatoryOptionValue':
      return problem('MISSING_OPTION', `l’option ${flagName(quoted(text))} est obligatoire${help}`);
    case 'commander.optionMissingArgument':
      return problem('OPTION_VALUE_MISSING', `l’option ${flagName(quoted(text))} attend une valeur${help}`);
    case 'commander.missingArgument':
      return problem('MISSING_ARGUMENT', `argument obligatoire absent « ${quoted(text)} »${help}`);
    case 'commander.excessArguments': {
      const got = /but got (\d+)/.exec(text)?.[1];
      return problem(
        'TOO_MANY_ARGUMENTS',
        `${got ?? 'des'} valeur(s) en trop sur la ligne de commande : chaque valeur suit son option (--data dossier), ` +
          `et un texte qui contient des espaces se met entre guillemets (--motif "Service interrompu")${help}`,
      );
    }
    case 'commander.conflictingOption':
      return problem('USAGE', `options incompatibles : ${text.replace(/^error: /, '')}${help}`);
    default:
      return problem('USAGE', `ligne de commande invalide : ${text.replace(/^error: /, '')}${help}`);
  }
}
