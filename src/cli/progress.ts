/**
 * Progress on stderr, only when stderr is a terminal and --quiet is off: under cron nothing but the
 * summary line is printed. cli-progress draws the bar; NO_COLOR is honoured (no colour codes).
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

export function createProgress(
  io: CliIo,
  label: string,
  quiet: boolean,
  stream: NodeJS.WritableStream = process.stderr,
): Progress {
  if (quiet || !io.stderrIsTTY) return SILENT;
  const colour = !('NO_COLOR' in io.env) || io.env.NO_COLOR === '';
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} ${colour ? '\u001b[36m{bar}\u001b[0m' : '{bar}'} {value}/{total} ({percentage} %) – reste {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      stream,
      barCompleteChar: '█',
      barIncompleteChar: '░',
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
