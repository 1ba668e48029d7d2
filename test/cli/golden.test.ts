/** Golden files of the CLI's human and machine outputs on the bundled samples (hledger style). */
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli, SAMPLES } from './run-cli.js';

describe('golden outputs on the samples', () => {
  it('issue --dry-run prints the 2026 plan as a table', async () => {
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--dry-run', '--date', '2026-06-15']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\S+syntec\.csv:25: avertissement INDICE_MOIS_ANCIEN: .*\n1 avertissement\.\n$/); // no terminal: also on stderr
    await expectGolden('issue-dry-run-2026.txt', r.stdout);
  });

  it('issue --dry-run --json prints exactly the data contract JSON', async () => {
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--dry-run', '--json', '--date', '2026-06-15']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.schema).toBe(1);
    expect(body.dry_run).toBe(true);
    const ecully = body.titres.find((t: { code_insee: string; service: string }) => t.code_insee === '69081' && t.service === 'laclasse');
    expect(ecully).toMatchObject({ numero: null, bordereau: null, montant: '1210.00', contribution_cible: '1425.55', regime: 'transitoire', converge: false });
    await expectGolden('issue-dry-run-2026.json', r.stdout);
  });

  it('check summarises the dataset', async () => {
    const r = await runCli(['check', '--data', SAMPLES]);
    expect(r.code).toBe(0);
    await expectGolden('check.txt', r.stdout);
  });

  it.each([
    ['help.txt', ['--help']],
    ['help-issue.txt', ['issue', '--help']],
    ['help-check.txt', ['check', '--help']],
    ['help-verify.txt', ['verify', '--help']],
    ['help-cancel.txt', ['cancel', '--help']],
    ['help-export-pes.txt', ['export-pes', '--help']],
    ['help-simulate.txt', ['simulate', '--help']],
  ])('%s', async (name, argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expectGolden(name, r.stdout);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
