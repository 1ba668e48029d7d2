/**
 * Typed option values (issue 15 item 4): commander `argParser`s turn `--year`, `--date`, `--titre`,
 * `--montant`, `--motif`, `--bordereau` and the rates into typed values, and refuse a malformed one
 * in French (exit 2) before the command's action runs: nothing is read, not even --out.
 */
import { describe, expect, it } from 'vitest';
import { parseAmountOption, parseTitreRef, parseYear, parseDate, parseText } from '../../src/cli/arguments.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { runCli } from './run-cli.js';

describe('the parsers', () => {
  it('--titre 2026-12 is exercice 2026, numero 12 (spaces around are forgiven)', () => {
    expect(parseTitreRef('2026-12')).toEqual({ exercice: 2026, numero: 12 });
    expect(parseTitreRef(' 2027-3 ')).toEqual({ exercice: 2027, numero: 3 });
  });

  it('--montant takes French and machine amounts, exact', () => {
    expect(parseAmountOption('1 234,56').toFixed(2)).toBe('1234.56');
    expect(parseAmountOption('100.00').toFixed(2)).toBe('100.00');
  });

  it('--year and --date are checked, --motif trimmed', () => {
    expect(parseYear('2026')).toBe(2026);
    expect(parseDate('2026-06-15')).toBe('2026-06-15');
    expect(parseText('  Erreur de population ', '--motif')).toBe('Erreur de population');
  });
});

describe('a malformed value stops the command line, in French, before anything is read', () => {
  const ABSENT = '/nonexistent/sorties';
  it.each([
    [['cancel', '--out', ABSENT, '--titre', '2026', '--motif', 'x'], 'INVALID_OPTION_VALUE', '--titre attend EXERCICE-NUMERO (ex. 2026-12), reçu « 2026 »'],
    [['cancel', '--out', ABSENT, '--titre', '2026-1', '--motif', '  '], 'INVALID_OPTION_VALUE', '--motif ne peut pas être vide'],
    [['cancel', '--out', ABSENT, '--titre', '2026-1', '--motif', 'x', '--montant', 'cent'], 'INVALID_OPTION_VALUE', '--montant : montant invalide « cent »'],
    [['cancel', '--out', ABSENT, '--titre', '2026-1', '--motif', 'x', '--date', '15/06/2026'], 'INVALID_DATE_OPTION', '--date attend une date AAAA-MM-JJ valide'],
    [['export-pes', '--out', ABSENT, '--year', '2026', '--bordereau', '1,03-2'], 'INVALID_OPTION_VALUE', '--bordereau attend un numéro (ex. 3, 01-3 pour les titres, 02-1 pour les réductions), reçu « 03-2 »'],
    [['rapport', '--out', ABSENT, '--year', '26'], 'INVALID_YEAR', '--year attend une année sur quatre chiffres (ex. 2026), reçu « 26 »'],
    [['simulate', '--data', ABSENT, '--from', '2026', '--to', '2031', '--indice', '200%'], 'TAUX_INVALIDE', '--indice attend un taux annuel'],
  ])('%j', async (argv, code, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`erreur ${code}: ${message}`);
    expect(r.stderr).not.toMatch(/introuvable|DATA_DIR_MISSING|MISSING_OPTION/);
  });
});
