import { formatProblem, sortProblems, type Problem } from '../../errors/problem.js';

/** Problems one per line, sorted, with a closing count line (hledger style). */
export function formatProblems(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  const lines = sorted.map(formatProblem);
  const counts: string[] = [];
  if (errors) counts.push(`${errors} erreur${errors > 1 ? 's' : ''}`);
  if (warnings) counts.push(`${warnings} avertissement${warnings > 1 ? 's' : ''}`);
  if (counts.length) lines.push(counts.join(', ') + '.');
  return lines.join('\n') + '\n';
}

/** The JSON form of a problem (French keys, like the rest of --json). */
export function problemJson(p: Problem): Record<string, unknown> {
  return {
    code: p.code,
    gravite: p.severity === 'error' ? 'erreur' : 'avertissement',
    message: p.message,
    ...(p.file !== undefined ? { fichier: p.file } : {}),
    ...(p.line !== undefined ? { ligne: p.line } : {}),
    ...(p.column !== undefined ? { colonne: p.column } : {}),
  };
}

/**
 * Warnings where the user will see them: on stderr, one line each with FILE:LINE (cron mails it),
 * unless a terminal already shows them in the table printed on stdout (`shownOnStdout`).
 */
export function reportWarnings(io: { stderr: (text: string) => void }, warnings: readonly Problem[], shownOnStdout: boolean): void {
  if (warnings.length > 0 && !shownOnStdout) io.stderr(formatProblems(warnings));
}
