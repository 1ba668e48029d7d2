import { formatProblem, sortProblems, type Problem } from '../../errors/problem.js';

/** Problems printed at most; the rest are counted on one line (a file of 100 000 bad rows). */
export const MAX_PRINTED_PROBLEMS = 300;

/**
 * Problems one per line, sorted, the first MAX_PRINTED_PROBLEMS of them, then a closing count line
 * of them all (hledger style), those counted but not detailed (PROBLEMS_OMITTED) included.
 */
export function formatProblems(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  let errors = 0;
  let warnings = 0;
  for (const p of sorted) {
    const n = p.count ?? 1;
    if (p.severity === 'error') errors += n;
    else warnings += n;
  }
  const lines = sorted.slice(0, MAX_PRINTED_PROBLEMS).map(formatProblem);
  if (sorted.length > MAX_PRINTED_PROBLEMS) {
    lines.push(`… ${sorted.length - MAX_PRINTED_PROBLEMS} autre(s) problème(s) non affiché(s) : corriger ceux-ci, puis relancer.`);
  }
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
