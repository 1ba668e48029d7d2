/** Every exit code of the README's table, each from the situation it documents. */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { acquireOutLock } from '../../src/io/lock.js';
import { copySamples, runCli, SAMPLES, tempDirs } from './run-cli.js';

const temp = tempDirs();

describe('exit codes', () => {
  it('0: a dry run on the samples', async () => {
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--dry-run', '--date', '2026-06-15']);
    expect(r.code).toBe(EXIT.OK);
  });

  it('2: an unknown option, with commander’s suggestion in French on stderr', async () => {
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--dry-runn']);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('erreur UNKNOWN_CLI_OPTION: option inconnue « --dry-runn » ; vouliez-vous dire « --dry-run » ?');
  });

  it('2: a malformed year or date', async () => {
    const year = await runCli(['issue', '--data', SAMPLES, '--year', '26', '--dry-run']);
    expect(year.code).toBe(EXIT.USAGE);
    expect(year.stderr).toContain('erreur INVALID_YEAR');
    const date = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--dry-run', '--date', '2026-02-30']);
    expect(date.code).toBe(EXIT.USAGE);
    expect(date.stderr).toContain('erreur INVALID_DATE_OPTION');
  });

  it('2: an issue date later than today (R9), for every command that dates a document, unless --allow-future-date', async () => {
    const out = await temp();
    const issue = await runCli(['issue', '--data', SAMPLES, '--year', '2099', '--out', out, '--date', '2099-06-15']);
    expect(issue.code).toBe(EXIT.USAGE);
    expect(issue.stderr).toContain('erreur DATE_FUTURE: --date 15/06/2099 est postérieure à aujourd');
    expect(issue.stderr).toContain('--allow-future-date');
    const cancel = await runCli(['cancel', '--out', out, '--titre', '2099-1', '--motif', 'x', '--date', '2099-06-15']);
    expect([cancel.code, cancel.stderr.includes('DATE_FUTURE')]).toEqual([EXIT.USAGE, true]);
    const pes = await runCli(['export-pes', '--out', out, '--year', '2099', '--date', '2099-06-15']);
    expect([pes.code, pes.stderr.includes('DATE_FUTURE')]).toEqual([EXIT.USAGE, true]);
    // a dry run dates nothing: any day may be previewed
    expect((await runCli(['issue', '--data', SAMPLES, '--year', '2027', '--dry-run', '--date', '2099-01-31'])).stderr).not.toContain('DATE_FUTURE');
    await expect(readFile(path.join(out, 'journal.csv'))).rejects.toThrow();
  });

  it('2: an issue date outside the exercice, 1 January N to 31 January N+1 (R9), saying why', async () => {
    const out = await temp();
    const before = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2025-12-31']);
    expect(before.code).toBe(EXIT.USAGE);
    expect(before.stderr).toContain("erreur DATE_HORS_EXERCICE: --date 31/12/2025 précède l'exercice 2026");
    const after = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2027-02-01', '--allow-future-date']);
    expect(after.code).toBe(EXIT.USAGE);
    expect(after.stderr).toContain("après la clôture de l'exercice 2026");
    await expect(readFile(path.join(out, 'journal.csv'))).rejects.toThrow();
  });

  it('2: issuing without --out', async () => {
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026']);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('--out est obligatoire');
  });

  it('3: an invalid dataset lists every problem with FILE:LINE:COL and writes nothing', async () => {
    const data = await copySamples();
    temp.track(data);
    await appendFile(path.join(data, 'adhesions.csv'), '69081,laclase,2025-12-18,,,,,,\n99999,laclasse,31/02/2026,,,,,,\n');
    const out = path.join(await temp(), 'sorties');
    const r = await runCli(['issue', '--data', data, '--year', '2026', '--out', out, '--date', '2026-06-15']);
    expect(r.code).toBe(EXIT.DATA);
    const lines = r.stdout + r.stderr;
    expect(lines).toMatch(new RegExp(`${path.join(data, 'adhesions.csv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:2: erreur UNKNOWN_SERVICE`));
    expect(lines).toContain('UNKNOWN_COMMUNE');
    expect(lines).toContain('INVALID_DATE');
    expect(lines).not.toContain('    at '); // no stack trace
    await expect(readFile(path.join(out, 'journal.csv'))).rejects.toThrow();
  });

  it('4: issuing 2027 into a folder that has no 2026 titre for a transitional adhesion', async () => {
    const out = await temp();
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2027', '--out', out, '--date', '2027-06-15', '--allow-future-date']);
    expect(r.code).toBe(EXIT.STATE);
    expect(r.stderr).toContain('2026');
    expect(r.stderr).toMatch(/Écully|69081/);
  });

  it('5: the output folder is locked by another run', async () => {
    const out = await temp();
    const lock = await acquireOutLock(out);
    try {
      const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-06-15']);
      expect(r.code).toBe(EXIT.LOCKED);
      expect(r.stderr).toContain('verrouill');
    } finally {
      await lock.release();
    }
  });

  it('6: verify finds a modified titre', async () => {
    const out = await temp();
    expect((await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-06-15'])).code).toBe(0);
    const journal = await readFile(path.join(out, 'journal.csv'), 'utf8');
    const fichier = journal.split('\n')[1].split(',')[10];
    await writeFile(path.join(out, fichier), 'falsifié');
    const r = await runCli(['verify', '--out', out]);
    expect(r.code).toBe(EXIT.VERIFY);
    expect(r.stderr).toContain(fichier);
  });

  it('7: the system refuses a write (here --out below a file), one French problem naming the path', async () => {
    const dir = await temp();
    await writeFile(path.join(dir, 'fichier'), 'x');
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', path.join(dir, 'fichier', 'sorties'), '--date', '2026-06-15']);
    expect(r.code).toBe(EXIT.SYSTEM);
    expect(r.stderr.startsWith(`${path.join(dir, 'fichier')}`), r.stderr).toBe(true); // the path, below the file
    expect(r.stderr).toContain(': erreur PATH_KIND_CONFLICT: ');
    expect(r.stderr).not.toContain('    at ');
  });
});
