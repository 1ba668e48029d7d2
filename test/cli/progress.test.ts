/** The progress bar: only on a terminal, never with --quiet, without colour codes under NO_COLOR. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { createProgress } from '../../src/cli/progress.js';

function terminal(): Writable & { text: string; isTTY: boolean; columns: number } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  return Object.assign(stream, { text: '', isTTY: true, columns: 100 });
}

function io(env: NodeJS.ProcessEnv, tty: boolean): CliIo {
  return { stdout: () => {}, stderr: () => {}, env, stderrIsTTY: tty, stdoutIsTTY: tty, cwd: '.' };
}

function run(env: NodeJS.ProcessEnv, tty: boolean, quiet = false): string {
  const stream = terminal();
  const progress = createProgress(io(env, tty), 'Émission', quiet, stream);
  progress.update(1, 4);
  progress.update(4, 4);
  progress.stop();
  return stream.text;
}

describe('progress bar', () => {
  it('draws a bar with the count on a terminal, in colour by default', () => {
    const text = run({}, true);
    expect(text).toContain('Émission');
    expect(text).toContain('4/4');
    expect(text).toContain('\u001b[36m');
  });

  it('honours NO_COLOR: the bar has no colour codes', () => {
    const text = run({ NO_COLOR: '1' }, true);
    expect(text).toContain('4/4');
    expect(text).not.toContain('\u001b[36m');
  });

  it('prints nothing when stderr is not a terminal (cron) or with --quiet', () => {
    expect(run({}, false)).toBe('');
    expect(run({}, true, true)).toBe('');
  });
});
