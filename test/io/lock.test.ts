import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TitresError } from '../../src/errors/titres-error.js';
import { acquireOutLock, withOutLock } from '../../src/io/lock.js';

let out: string;
let build: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'titres-lock-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Transpiles lock.ts and everything it imports (followed from its relative imports), so that a
 * child process can take the lock for real. */
beforeAll(async () => {
  build = await mkdtemp(join(tmpdir(), 'titres-lock-build-'));
  await writeFile(join(build, 'package.json'), '{"type":"module"}');
  const pending = ['src/io/lock.ts'];
  const done = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (done.has(file)) continue;
    done.add(file);
    const source = await readFile(join(process.cwd(), file), 'utf8');
    for (const [, spec] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) pending.push(join(dirname(file), `${spec}.ts`));
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const target = join(build, file.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
});
afterAll(async () => {
  await rm(build, { recursive: true, force: true });
});

/** A child process that takes the lock, says « locked », and releases it when its stdin closes. */
async function holder(): Promise<ChildProcess> {
  const script = `
    import { acquireOutLock } from ${JSON.stringify(join(build, 'src/io/lock.js'))};
    const lock = await acquireOutLock(${JSON.stringify(out)});
    process.stdout.write('locked\\n');
    process.stdin.resume();
    process.stdin.on('end', async () => { await lock.release(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.on('exit', resolve));

describe('lock', () => {
  it('is exclusive within a process and released afterwards', async () => {
    const lock = await acquireOutLock(out);
    const error = (await acquireOutLock(out).catch((e: unknown) => e)) as TitresError;
    expect(error).toBeInstanceOf(TitresError);
    expect(error.kind).toBe('lock');
    expect(error.problems[0].code).toBe('OUT_LOCKED');
    expect(error.message).toContain(`le dossier de sortie « ${out} » est verrouillé par une autre exécution (pid ${process.pid})`);
    await lock.release();
    await (await acquireOutLock(out)).release();
  });

  it('is released when the work throws', async () => {
    await expect(withOutLock(out, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await (await acquireOutLock(out)).release();
  });

  it('works across processes: refused while another process holds it, free once it releases', async () => {
    const child = await holder();
    const error = (await acquireOutLock(out).catch((e: unknown) => e)) as TitresError;
    expect(error.kind).toBe('lock');
    expect(error.message).toContain(`(pid ${child.pid})`);
    child.stdin!.end();
    await exited(child);
    await (await acquireOutLock(out)).release();
  });

  it('takes over the lock of a process killed with SIGKILL', async () => {
    const child = await holder();
    child.kill('SIGKILL');
    await exited(child);
    const lock = await acquireOutLock(out);
    expect(JSON.parse(await readFile(lock.path, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });
});
