/**
 * Usage errors (exit 2) in French, commander's own included (issue 9 item 5): each message is a
 * golden file, so a commander upgrade that changes its English text shows here.
 */
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { expectGolden, runCli, SAMPLES } from './run-cli.js';

describe('usage errors in French (exit 2)', () => {
  it.each([
    ['usage-unknown-command.txt', ['isue', '--data', SAMPLES]],
    ['usage-unknown-command-no-suggestion.txt', ['facturer']],
    ['usage-unknown-option.txt', ['issue', '--data', SAMPLES, '--year', '2026', '--dry-runn']],
    ['usage-unknown-option-program.txt', ['--verbose']],
    ['usage-missing-option.txt', ['issue']],
    ['usage-missing-option-value.txt', ['issue', '--data']],
    ['usage-too-many-arguments.txt', ['cancel', '--out', 'sorties', '--titre', '2026-1', '--motif', 'Service', 'interrompu']],
    ['usage-data-folder-missing.txt', ['issue', '--data', 'donnees-absentes', '--year', '2026', '--dry-run']],
    ['usage-data-not-a-folder.txt', ['check', '--data', 'package.json']],
  ])('%s', async (name, argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\berror\b|Did you mean|required option|unknown/);
    await expectGolden(name, r.stderr);
  });

  it('keeps commander’s suggestion: the closest command and option are named', async () => {
    expect((await runCli(['verif', '--out', 'x'])).stderr).toContain('vouliez-vous dire « verify » ?');
    const option = await runCli(['export-pes', '--out', 'x', '--year', '2026', '--bordereaux', '1']);
    expect(option.stderr).toContain('erreur UNKNOWN_CLI_OPTION: option inconnue « --bordereaux » ; vouliez-vous dire « --bordereau » ?');
  });

  it('a missing data folder is one usage error naming it, not one per expected file', async () => {
    const r = await runCli(['check', '--data', 'donnees-absentes']);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('« donnees-absentes »');
    expect(r.stderr).not.toContain('INPUT_FILE_MISSING');
    expect(r.stderr.trim().split('\n')).toHaveLength(2); // the problem and the count line
  });
});
