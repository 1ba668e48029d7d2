/**
 * Issue 10 item 4: the operating system's refusals (disk full, read-only folder, permissions, too
 * many open files, name too long, a folder where a file goes…) end a command with one French
 * problem naming the path and the fix, exit 7, no stack trace; an interrupted issue resumes to
 * the folder of an uninterrupted run. Tests run as root (chmod stops nothing), so the failures
 * are injected into node:fs/promises, the layer every writer uses; a few are real (a file where
 * a folder goes, a folder where a file goes).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { SYSTEM_ERRNO_CODES, systemProblem } from '../../src/errors/system-error.js';
import { runCli, SAMPLES, tempDirs } from './run-cli.js';

type Op = 'open' | 'write' | 'mkdir' | 'rename' | 'writeFile' | 'appendFile' | 'readFile' | 'link';

/** The injected failure: for an operation on a path, the errno code to fail with (or none). */
const injection = vi.hoisted(() => ({ rule: undefined as ((op: string, file: string) => string | undefined) | undefined }));

function errnoError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: injected, ${syscall}${file ? ` '${file}'` : ''}`) as NodeJS.ErrnoException;
  return Object.assign(error, { code, syscall, errno: -1, ...(file !== undefined ? { path: file } : {}) });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const check = (op: Op, file: string, withPath = true): void => {
    const code = injection.rule?.(op, file);
    if (code) throw errnoError(code, op, withPath ? file : undefined);
  };
  const wrap =
    <A extends unknown[], R>(op: Op, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      check(op, String(args[0]));
      return fn(...args);
    };
  // a write through a handle fails as the kernel says it: with no path (ENOSPC on write)
  const open = async (...args: Parameters<typeof fs.open>) => {
    check('open', String(args[0]));
    const handle = await fs.open(...args);
    const file = String(args[0]);
    return new Proxy(handle, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if ((key === 'write' || key === 'writeFile') && typeof value === 'function') {
          return async (...a: unknown[]) => {
            check('write', file, false);
            return value.apply(target, a);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  const mocked = {
    ...fs,
    open,
    mkdir: wrap('mkdir', fs.mkdir),
    rename: wrap('rename', fs.rename),
    writeFile: wrap('writeFile', fs.writeFile),
    appendFile: wrap('appendFile', fs.appendFile),
    readFile: wrap('readFile', fs.readFile),
    link: wrap('link', fs.link),
  };
  return { ...mocked, default: mocked };
});

// The atomic writes make their quick calls synchronously (src/io/atomic-write.ts): the same failures
// are injected there, a write through a descriptor failing, as the kernel says it, with no path.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const opened = new Map<number, string>();
  const check = (op: Op, file: string, withPath = true): void => {
    const code = injection.rule?.(op, file);
    if (code) throw errnoError(code, op, withPath ? file : undefined);
  };
  const mocked = {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      check('open', String(args[0]));
      const fd = fs.openSync(...args);
      opened.set(fd, String(args[0]));
      return fd;
    },
    writeSync: ((fd: number, ...rest: unknown[]) => {
      check('write', opened.get(fd) ?? '', false);
      return (fs.writeSync as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync,
    mkdirSync: ((...args: Parameters<typeof fs.mkdirSync>) => {
      check('mkdir', String(args[0]));
      return fs.mkdirSync(...args);
    }) as typeof fs.mkdirSync,
    renameSync: (...args: Parameters<typeof fs.renameSync>) => {
      check('rename', String(args[0]));
      return fs.renameSync(...args);
    },
  };
  return { ...mocked, default: mocked };
});

const temp = tempDirs();
afterEach(() => {
  injection.rule = undefined;
});

const ISSUE = (out: string): string[] => ['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-06-15', '--quiet'];

/** Fails `op` on the nth path (1-based) that matches, once. */
function failNth(op: Op, matches: (file: string) => boolean, n: number, code: string): void {
  let seen = 0;
  injection.rule = (o, file) => (o === op && matches(file) && ++seen === n ? code : undefined);
}

async function tree(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (rel.startsWith('.titres')) continue;
    result[rel] = createHash('sha256').update(await readFile(path.join(dir, rel))).digest('hex');
  }
  return result;
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

function expectOneSystemProblem(stderr: string, code: string, file: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(2); // the problem, then « 1 erreur. »
  expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: erreur ${code}: `));
  expect(stderr).not.toMatch(/\n\s+at |erreur interne/);
}

describe('the message of each OS failure', () => {
  it.each(SYSTEM_ERRNO_CODES)('%s: one French problem with the path, the errno and a fix', (code) => {
    const p = systemProblem(errnoError(code, 'open', '/srv/titres/sorties/journal.csv'))!;
    expect(p.severity).toBe('error');
    expect(p.file).toBe('/srv/titres/sorties/journal.csv');
    expect(p.message).toContain(`[${code}]`);
    expect(p.message).toMatch(/ ; .*(relancer|choisir|fermer|déplacer)/);
    expect(p.message).not.toMatch(/\b(no such|denied|space left|error)\b/i);
  });

  it('a write through a file handle names no path: the operation is said instead', () => {
    expect(systemProblem(errnoError('ENOSPC', 'write'))!.message).toContain('(opération write, chemin non précisé par le système)');
  });

  it('an error without an OS code, or with an unknown one, is not an OS failure (a defect: exit 1)', () => {
    expect(systemProblem(new Error('bug'))).toBeUndefined();
    expect(systemProblem(errnoError('ERR_INVALID_ARG_TYPE', 'open', '/x'))).toBeUndefined();
    expect(systemProblem({ code: 'ENOSPC' })).toBeUndefined(); // not from a system call
  });
});

describe('OS failures through the CLI (exit 7, nothing half-done)', () => {
  it('ENOSPC on the 6th PDF: exit 7 naming that PDF; the same command then ends as an uninterrupted run', async () => {
    const clean = await temp();
    expect((await runCli(ISSUE(clean))).code).toBe(0);

    const out = await temp();
    failNth('write', (f) => f.endsWith('.pdf') || /\.pdf\.tmp-\d+$/.test(f), 6, 'ENOSPC');
    const failed = await runCli(ISSUE(out));
    expect(failed.code).toBe(EXIT.SYSTEM);
    const pdf = failed.stderr.split(':')[0];
    expect(pdf).toMatch(/titre-2026-\d{5}\.pdf$/);
    expectOneSystemProblem(failed.stderr, 'DISK_FULL', pdf);
    expect(failed.stderr).toContain('reprend là où elle s’est arrêtée');

    injection.rule = undefined;
    const resumed = await runCli(ISSUE(out));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await tree(out)).toEqual(await tree(clean));
    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  });

  it('EROFS when creating the output folder: exit 7 naming it, nothing written', async () => {
    const out = path.join(await temp(), 'sorties');
    injection.rule = (op, file) => (op === 'mkdir' && file.startsWith(out) ? 'EROFS' : undefined);
    const r = await runCli(ISSUE(out));
    expect(r.code).toBe(EXIT.SYSTEM);
    expect(r.stderr).toContain('erreur READ_ONLY_FOLDER: ');
    expect(r.stderr).toContain(out);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await filesUnder(out)).toEqual([]);
  });

  it.each([
    ['EACCES', 'ACCESS_DENIED'],
    ['EPERM', 'ACCESS_DENIED'],
    ['EMFILE', 'TOO_MANY_OPEN_FILES'],
    ['ENFILE', 'TOO_MANY_OPEN_FILES'],
    ['ENAMETOOLONG', 'PATH_TOO_LONG'],
    ['EIO', 'DISK_ERROR'],
    ['EDQUOT', 'DISK_FULL'],
  ])('%s when opening the first PDF: exit 7, %s, the PDF named, the run resumable', async (errno, code) => {
    const out = await temp();
    failNth('open', (f) => /\.pdf\.tmp-\d+$/.test(f), 1, errno);
    const r = await runCli(ISSUE(out));
    expect(r.code).toBe(EXIT.SYSTEM);
    const file = r.stderr.split(':')[0];
    expect(file).toMatch(/titre-2026-\d{5}\.pdf$/); // the target, not our temp file
    expectOneSystemProblem(r.stderr, code, file);
    injection.rule = undefined;
    expect((await runCli(ISSUE(out))).code).toBe(0);
    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  });

  it('ENOSPC when appending to the journal: exit 7 naming journal.csv; the rerun completes', async () => {
    const out = await temp();
    let failed = false;
    injection.rule = (op, file) => {
      if (failed || !file.endsWith('journal.csv') || (op !== 'write' && op !== 'appendFile')) return undefined;
      failed = true;
      return 'ENOSPC';
    };
    const r = await runCli(ISSUE(out));
    expect(r.code).toBe(EXIT.SYSTEM);
    expect(r.stderr).toContain('erreur DISK_FULL: ');
    expect(r.stderr).toContain('journal.csv');
    injection.rule = undefined;
    expect((await runCli(ISSUE(out))).code).toBe(0);
    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  });

  it('EACCES writing simulate’s CSV: exit 7 naming the file the user gave', async () => {
    const dir = await temp();
    const csv = path.join(dir, 'projection.csv');
    injection.rule = (op, file) => (op === 'open' && file.includes('projection.csv') ? 'EACCES' : undefined);
    const r = await runCli(['simulate', '--data', SAMPLES, '--from', '2026', '--to', '2027', '--csv', csv]);
    expect(r.code).toBe(EXIT.SYSTEM);
    expectOneSystemProblem(r.stderr.split('\n').filter((l) => !l.includes('avertissement')).join('\n'), 'ACCESS_DENIED', csv);
  });

  it('an unreadable input file is a data problem (exit 3) with the same French explanation', async () => {
    injection.rule = (op, file) => (op === 'readFile' && file.endsWith('communes.csv') ? 'EACCES' : undefined);
    const r = await runCli(['check', '--data', SAMPLES]);
    expect(r.code).toBe(EXIT.DATA);
    expect(r.stderr).toContain(`${SAMPLES}/communes.csv: erreur INPUT_FILE_UNREADABLE: fichier illisible « ${SAMPLES}/communes.csv » : accès refusé (droits insuffisants) [EACCES]`);
  });

  it('a defect (an error the system did not raise) stays exit 1 with its trace', async () => {
    const out = await temp();
    injection.rule = (op) => (op === 'rename' ? 'ERR_SOMETHING_ELSE' : undefined);
    const defect = await runCli(ISSUE(out));
    expect(defect.code).toBe(EXIT.INTERNAL);
    expect(defect.stderr).toContain('erreur interne (à signaler)');
    expect(defect.stderr).toMatch(/\n\s+at /);
  });
});

describe('real refusals of the file system (no injection)', () => {
  it('ENOTDIR: --out below a file, exit 7 naming it', async () => {
    const dir = await temp();
    await writeFile(path.join(dir, 'fichier'), 'x');
    const out = path.join(dir, 'fichier', 'sorties');
    const r = await runCli(ISSUE(out));
    expect(r.code).toBe(EXIT.SYSTEM);
    expect(r.stderr).toContain('erreur PATH_KIND_CONFLICT: ');
    expect(r.stderr).toContain(path.join(dir, 'fichier'));
  });

  it('EEXIST: --chart-dir names an existing file, exit 7 naming it', async () => {
    const dir = await temp();
    const file = path.join(dir, 'graphiques');
    await writeFile(file, 'x');
    const r = await runCli(['simulate', '--data', SAMPLES, '--from', '2026', '--to', '2027', '--chart-dir', file]);
    expect(r.code).toBe(EXIT.SYSTEM);
    expect(r.stderr).toContain(`${file}: erreur PATH_KIND_CONFLICT: `);
  });

  it('ENOSPC while export-pes streams its flux: exit 7 naming the flux, no temp file or folder left, the lock released', async () => {
    const out = await temp();
    expect((await runCli(ISSUE(out))).code).toBe(0);
    // the 3rd write of the flux's temp file: the first part of pieces, after the header
    failNth('write', (f) => /\.xml\.tmp-\d+$/.test(f), 3, 'ENOSPC');
    const r = await runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-06-20']);
    expect(r.code).toBe(EXIT.SYSTEM);
    const flux = path.join(out, '2026/pes/PES_Aller_2026_bord-1-2_2026-06-20.xml');
    expectOneSystemProblem(r.stderr, 'DISK_FULL', flux);
    expect(await readdir(path.join(out, '2026'))).not.toContain('pes');
    expect(await readdir(path.join(out, '.titres'))).not.toContain('lock');
    injection.rule = undefined;
    const again = await runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-06-20']);
    expect(again.code, again.stderr).toBe(0);
    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  });

  it('EISDIR: export-pes --file names an existing folder, exit 7 naming it', async () => {
    const out = await temp();
    expect((await runCli(ISSUE(out))).code).toBe(0);
    const folder = path.join(out, 'flux');
    await mkdir(folder);
    const r = await runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-06-20', '--file', folder]);
    expect(r.code).toBe(EXIT.SYSTEM);
    expect(r.stderr).toContain(`${folder}: erreur PATH_KIND_CONFLICT: `);
  });
});
