/**
 * What every command module gives the program. Each file of this folder declares its command with
 * its options, its help text and its action, in one `register…(program, run)` function;
 * src/cli/main.ts lists them. Option values are typed by commander `argParser`s
 * (src/cli/arguments.ts), so an action receives numbers, dates and amounts, never raw text.
 * An action loads the heavy parts of its work (PDF rendering, PES, workbooks) when it runs, so
 * that `titres --help` or `check` do not pay for pdfkit and fonts.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** A command's work: its parsed options and the CLI's io in, its exit code out. */
export type CommandAction<O> = (opts: O, io: CliIo) => Promise<number>;

/** Turns a command's action into commander's (the program runs it with its io, keeps its exit code). */
export type Run = <O>(action: CommandAction<O>) => (opts: O) => Promise<void>;

/** Declares one command on the program. */
export type RegisterCommand = (program: Command, run: Run) => void;

/** The exit code of the command that ran (set by `run`). */
export interface CommandOutcome {
  exitCode: number;
}

/** The « Exemples : » block of a command's help. */
export function examples(lines: string[]): string {
  return '\nExemples :\n' + lines.map((l) => `  ${l}`).join('\n');
}
