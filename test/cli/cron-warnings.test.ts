/**
 * Issue 9 item 5: without a terminal (cron), every warning reaches stderr, one line each with
 * FILE:LINE, and only there: cron mails stdout and stderr together, so the plan's table leaves them
 * out; on a terminal the plan's table shows them once. The samples give one warning
 * (INDICE_MOIS_ANCIEN at indices/syntec.csv line 25).
 */
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES } from './run-cli.js';

const WARNING = `${SAMPLES}/indices/syntec.csv:25: avertissement INDICE_MOIS_ANCIEN: `;
const DRY_RUN = ['issue', '--data', SAMPLES, '--year', '2026', '--dry-run', '--date', '2026-06-15'];

function warningLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.includes(' avertissement '));
}

describe('warnings under cron', () => {
  it('issue --dry-run without a terminal: the warning on stderr, one line, and not again in the table on stdout', async () => {
    const r = await runCli(DRY_RUN);
    expect(r.code).toBe(0);
    expect(warningLines(r.stderr)).toHaveLength(1);
    expect(warningLines(r.stderr)[0]).toMatch(new RegExp(`^${WARNING.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(r.stdout).toContain('Total : 21 titres');
    expect(warningLines(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain('Avertissements :');
  });

  it('issue --dry-run --json without a terminal: stdout stays pure JSON, the warning goes to stderr', async () => {
    const r = await runCli([...DRY_RUN, '--json']);
    expect(JSON.parse(r.stdout).avertissements).toHaveLength(1);
    expect(warningLines(r.stderr)).toHaveLength(1);
  });

  it('--quiet silences stdout, not the warnings', async () => {
    const r = await runCli([...DRY_RUN, '--quiet'], { tty: true });
    expect(r.stdout).toBe('');
    expect(warningLines(r.stderr)).toHaveLength(1);
  });

  it('on a terminal the table shows the warning once, and stderr is empty', async () => {
    const r = await runCli(DRY_RUN, { tty: true });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => l.startsWith(WARNING))).toHaveLength(1);
  });

  it('check --json and simulate --json without a terminal: the warning on stderr too', async () => {
    const check = await runCli(['check', '--data', SAMPLES, '--year', '2026', '--json']);
    expect(check.code).toBe(0);
    expect(warningLines(check.stderr).some((l) => l.startsWith(WARNING))).toBe(true);
    const simulate = await runCli(['simulate', '--data', SAMPLES, '--from', '2026', '--to', '2027', '--json']);
    expect(simulate.code).toBe(0);
    expect(warningLines(simulate.stderr).some((l) => l.startsWith(WARNING))).toBe(true);
  });
});
