/**
 * Issuing the samples for real, as cron does: years chained (R5), re-runs (R9), an added adhesion,
 * determinism, a kill -9 in mid-batch, two concurrent runs. These run the compiled CLI (dist/).
 */
import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySamples, runCli, SAMPLES, spawnCli, tempDirs } from './run-cli.js';

const temp = tempDirs();

/** The June run of `year` (a rehearsal when that day has not come: --allow-future-date, R9). */
const issue = (out: string, year = 2026, data = SAMPLES, extra: string[] = []) =>
  runCli(['issue', '--data', data, '--year', String(year), '--out', out, '--date', `${year}-06-15`, '--allow-future-date', ...extra]);

async function journalRows(out: string): Promise<string[][]> {
  const text = await readFile(path.join(out, 'journal.csv'), 'utf8');
  return text.trim().split('\n').slice(1).map((l) => l.split(','));
}

/** Every file below dir (except the run state folder) with its sha256. */
async function tree(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (rel.startsWith('.titres')) continue;
    result[rel] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return result;
}

describe('issuing the samples', () => {
  it('issues 2026 then 2027: Écully converges under the cap (E2 then E4), numbers restart per exercice', async () => {
    const out = await temp();
    const y2026 = await issue(out, 2026, SAMPLES, ['--json']);
    expect(y2026.code).toBe(0);
    const plan2026 = JSON.parse(y2026.stdout);
    const ecully2026 = plan2026.titres.find((t: any) => t.code_insee === '69081' && t.service === 'laclasse');
    expect(ecully2026).toMatchObject({ montant: '1210.00', contribution_cible: '1425.55', converge: false });
    expect(plan2026.titres.map((t: any) => t.numero)).toEqual(plan2026.titres.map((_: unknown, i: number) => i + 1));

    const y2027 = await issue(out, 2027, SAMPLES, ['--json']);
    expect(y2027.code).toBe(0);
    const plan2027 = JSON.parse(y2027.stdout);
    const ecully2027 = plan2027.titres.find((t: any) => t.code_insee === '69081' && t.service === 'laclasse');
    // S(2027) = 330,0 (illustrative 2026-11), population 18 243: C = 1 460,06; cap = round2(1 210 × 1,05) = 1 270,50
    expect(ecully2027).toMatchObject({ montant: '1270.50', contribution_cible: '1460.06', converge: false });
    expect(ecully2027.numero).toBeGreaterThanOrEqual(1);
    // a converged adhesion (target below the former amount in 2026) pays its 2027 target
    const converged = plan2026.titres.find((t: any) => t.converge === true && t.regime === 'transitoire');
    const next = plan2027.titres.find((t: any) => t.code_insee === converged.code_insee && t.service === converged.service);
    expect(next.montant).toBe(next.contribution_cible);

    const verify = await runCli(['verify', '--out', out]);
    expect(verify.code).toBe(0);
  });

  it('a re-run issues nothing and reports every adhesion as deja_emis (Albigny, signing in September, still to come)', async () => {
    const out = await temp();
    expect((await issue(out)).code).toBe(0);
    const before = await readFile(path.join(out, 'journal.csv'));
    const again = await issue(out, 2026, SAMPLES, ['--json']);
    expect(again.code).toBe(0);
    const body = JSON.parse(again.stdout);
    expect(body.titres).toEqual([]);
    expect(body.sans_titre.filter((s: any) => s.motif === 'deja_emis')).toHaveLength(21);
    expect(body.sans_titre.filter((s: any) => s.motif === 'a_venir').map((s: any) => s.code_insee)).toEqual(['69003']);
    expect(await readFile(path.join(out, 'journal.csv'))).toEqual(before);
  });

  it('after one adhesion is added, a re-run issues exactly that titre with the next number', async () => {
    const out = await temp();
    const data = await copySamples();
    temp.track(data);
    expect((await issue(out, 2026, data)).code).toBe(0);
    await appendFile(path.join(data, 'adhesions.csv'), '69040,laclasse,2026-03-01,,,,,,\n');
    const r = await issue(out, 2026, data, ['--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.titres).toHaveLength(1);
    expect(body.titres[0]).toMatchObject({ code_insee: '69040', numero: 22, bordereau: 3, regime: 'prorata' });
    expect((await journalRows(out)).map((row) => Number(row[1]))).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('the same inputs and --date into two empty folders give byte-identical files', async () => {
    const a = await temp();
    const b = await temp();
    expect((await issue(a)).code).toBe(0);
    expect((await issue(b)).code).toBe(0);
    const ta = await tree(a);
    expect(Object.keys(ta).length).toBeGreaterThan(40);
    expect(await tree(b)).toEqual(ta);
  });

  it('rendering on worker threads gives the same bytes as rendering in-thread', async () => {
    const inThread = await temp();
    expect((await issue(inThread)).code).toBe(0);
    const threaded = await temp();
    const { done } = spawnCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', threaded, '--date', '2026-06-15'], {
      TITRES_RENDER_THREADS: '2',
    });
    expect((await done).code).toBe(0);
    expect(await tree(threaded)).toEqual(await tree(inThread));
  });

  it('under cron (no terminal) an issue run prints one summary line, and each warning on stderr with FILE:LINE', async () => {
    const out = await temp();
    const { done } = spawnCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-06-15']);
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `${SAMPLES}/indices/syntec.csv:25: avertissement INDICE_MOIS_ANCIEN: indice « syntec » connu au 01/01/2026 : « 10/2025 », ` +
        'plus ancien que le mois attendu « 11/2025 » ; la série est peut-être incomplète (R4)\n1 avertissement.\n',
    );
    expect(r.stdout).toContain('1 avertissement(s)');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stdout).toMatch(/^titres 2026 : 21 document\(s\) émis \(n° 1 à 21\), 2 bordereau\(x\)/);
  });

  it('a run killed (kill -9) in mid-batch, then started again, ends as an uninterrupted run', async () => {
    // A larger batch than the samples' 21 June titres, so that the kill lands between journal commits:
    // every commune of the samples on laclasse and toodego (116 titres).
    const data = await copySamples();
    temp.track(data);
    const communes = (await readFile(path.join(data, 'communes.csv'), 'utf8')).trim().split('\n').slice(1);
    const header = 'code_insee,service,date_signature,date_debut,montant_anterieur,date_fin,motif_fin,date_preavis,options\n';
    const rows = communes.flatMap((line) => {
      const code = line.split(',')[0];
      return [`${code},laclasse,2025-12-15,,,,,,`, `${code},toodego,2025-12-15,,,,,,`];
    });
    await writeFile(path.join(data, 'adhesions.csv'), header + rows.join('\n') + '\n');
    const total = rows.length;

    const clean = await temp();
    expect((await issue(clean, 2026, data)).code).toBe(0);

    const out = await temp();
    const { child, done } = spawnCli(['issue', '--data', data, '--year', '2026', '--out', out, '--date', '2026-06-15']);
    let linesAtKill = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 2));
      const text = await readFile(path.join(out, 'journal.csv'), 'utf8').catch(() => '');
      linesAtKill = Math.max(0, text.split('\n').length - 2);
      if (linesAtKill >= 1) break;
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.code).not.toBe(0);
    expect(linesAtKill).toBeLessThan(total);

    const resumed = await issue(out, 2026, data);
    expect(resumed.code).toBe(0);
    expect(await tree(out)).toEqual(await tree(clean));
    expect((await runCli(['verify', '--out', out])).code).toBe(0);
  }, 240_000); // three issues of 116 titres: 60 s were not enough on a loaded 2-core machine (load 26)

  it('two concurrent runs never issue twice: one issues, the other is refused or finds nothing to do', async () => {
    const out = await temp();
    const argv = ['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-06-15'];
    const [r1, r2] = await Promise.all([spawnCli(argv).done, spawnCli(argv).done]);
    expect([r1.code, r2.code].sort()).toEqual(r1.code === 5 || r2.code === 5 ? [0, 5] : [0, 0]);
    const numbers = (await journalRows(out)).map((row) => Number(row[1]));
    expect(numbers).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });
});
