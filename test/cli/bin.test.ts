/** bin/titres as a user runs it: an executable whose first line starts node with the CLI's options. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, REPO } from './run-cli.js';

const run = promisify(execFile);

describe('bin/titres', () => {
  it('runs as an executable, node started with the options of its first line (issue 12: the main thread’s young generation)', async () => {
    const first = (await readFile(BIN, 'utf8')).split('\n', 1)[0];
    const options = first.split(' node ')[1]?.split(' ') ?? [];
    expect(options).toContain('--max-semi-space-size=4');
    // a module loaded before the CLI prints the options node was started with
    const probe = `data:text/javascript,process.stderr.write(JSON.stringify(process.execArgv)+'\\n')`;
    const { stdout, stderr } = await run(BIN, ['--version'], { cwd: REPO, env: { ...process.env, NODE_OPTIONS: `--import=${probe}` } });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(stderr.split('\n')[0])).toEqual(options);
  });

  it('starts node with glibc’s malloc arenas bounded, as its first line sets them (issue 12: peak RSS)', async () => {
    const first = (await readFile(BIN, 'utf8')).split('\n', 1)[0];
    expect(first.split(' node ')[0]).toMatch(/ MALLOC_ARENA_MAX=2$/);
    const probe = `data:text/javascript,process.stderr.write(JSON.stringify(String(process.env.MALLOC_ARENA_MAX))+'\\n')`;
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--import=${probe}` };
    delete env.MALLOC_ARENA_MAX;
    const { stderr } = await run(BIN, ['--version'], { cwd: REPO, env });
    expect(JSON.parse(stderr.split('\n')[0])).toBe('2');
  });
});
