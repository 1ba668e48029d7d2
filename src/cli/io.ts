/**
 * The CLI's view of the outside world, so that commands run in-process in tests (golden files)
 * exactly as they do from a terminal or from cron.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Is stderr a terminal? (progress bar only then) */
  stderrIsTTY: boolean;
  /** Is stdout a terminal? (the full table after an issue run only then; cron gets one line) */
  stdoutIsTTY: boolean;
  /** The terminal's width when stdout is one: tables fit it (undefined: piped, full width). */
  stdoutColumns?: number;
  cwd: string;
}

export function processIo(): CliIo {
  // `titres … | head`: a reader that stops early is not an error (no EPIPE stack trace)
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  };
}
