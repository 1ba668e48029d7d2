/**
 * Issue 17: one bordereau series per exercice and per type, as Hélios checks IdBord: titres
 * (TypBord 01) from 1 and réductions/annulations (TypBord 02) from 1; the type beside the number in
 * the journal, the register of bordereaux, the file names and the PES flux. A folder written with
 * the former shared series is read as it is, and each type goes on from its own highest number.
 */
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { copySamples, runCli, tempDirs } from './run-cli.js';
import { values } from '../pes/xmllint.js';

const temp = tempDirs();

type Row = Record<string, string>;
const csv = async (file: string): Promise<Row[]> => parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

async function data(premierBordereau?: number): Promise<string> {
  const dir = await copySamples();
  temp.track(dir);
  if (premierBordereau !== undefined) {
    const file = path.join(dir, 'config.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"premier_bordereau": 1', `"premier_bordereau": ${premierBordereau}`));
  }
  return dir;
}

const issue = (dir: string, out: string) => runCli(['issue', '--data', dir, '--year', '2026', '--out', out, '--date', '2026-06-15', '-q']);
const cancel = (dir: string, out: string, titre: string, montant?: string) =>
  runCli(['cancel', '--data', dir, '--out', out, '--titre', titre, ...(montant ? ['--montant', montant] : []), '--motif', 'Erreur', '--date', '2026-06-18']);
/** Écully laclasse is titre 2026-5 and Villeurbanne toodego 2026-19 on the samples. */
const NEW_ADHESION = '69040,laclasse,2026-03-01,,,,,,\n';

describe('bordereaux numbered per type', () => {
  it('a year with two runs of titres and two of réductions: titres 1, 2, 3 and réductions 1, 2, everywhere', async () => {
    const dir = await data();
    const out = await temp();
    expect((await issue(dir, out)).code).toBe(0);
    expect((await cancel(dir, out, '2026-5', '100,00')).code).toBe(0);
    await appendFile(path.join(dir, 'adhesions.csv'), NEW_ADHESION);
    expect((await issue(dir, out)).code).toBe(0);
    expect((await cancel(dir, out, '2026-19')).code).toBe(0);

    const journal = await csv(path.join(out, 'journal.csv'));
    const series = (typ: string) => [...new Set(journal.filter((r) => r.type_bordereau === typ).map((r) => r.bordereau))];
    expect(series('01')).toEqual(['1', '2', '3']);
    expect(series('02')).toEqual(['1', '2']);
    expect(journal.every((r) => (r.type === 'titre' ? '01' : '02') === r.type_bordereau)).toBe(true);

    const register = await csv(path.join(out, 'bordereaux.csv'));
    expect(register.map((r) => `${r.type_bordereau}-${r.bordereau}-${r.nature}`)).toEqual([
      '01-1-titres',
      '01-2-titres',
      '02-1-reductions',
      '01-3-titres',
      '02-2-reductions',
    ]);
    expect((await readdir(path.join(out, '2026', 'bordereaux'))).filter((n) => n.endsWith('.pdf')).sort()).toEqual([
      'bordereau-2026-reductions-0001-laclasse.pdf',
      'bordereau-2026-reductions-0002-toodego.pdf',
      'bordereau-2026-titres-0001-laclasse.pdf',
      'bordereau-2026-titres-0002-toodego.pdf',
      'bordereau-2026-titres-0003-laclasse.pdf',
    ]);
    const ledger = await csv(path.join(out, 'registres', 'laclasse', '69081-ecully.csv'));
    expect(ledger.map((r) => [r.type, r.bordereau])).toEqual([
      ['titre', '1'],
      ['reduction', '1'],
    ]);

    // the PES flux: each type's IdBord in its own series
    const pes = await runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-06-20', '--no-pj', '--json']);
    expect(pes.code, pes.stderr).toBe(0);
    const text = (await readFile(JSON.parse(pes.stdout).fichier)).toString('latin1');
    const bordereaux = [...text.matchAll(/<Bordereau>([\s\S]*?)<\/Bordereau>/g)].map((m) => `${values(m[1], 'TypBord')[0]}-${values(m[1], 'IdBord')[0]}`);
    expect(bordereaux).toEqual(['01-1', '01-2', '01-3', '02-1', '02-2']);

    // a bare number names both types: the user says which; 02-1 is the first bordereau of réductions
    const ambiguous = await runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-06-21', '--bordereau', '1', '--no-pj']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('bordereau 1 ambigu : précisez 01-1 (titres) ou 02-1 (réductions)');
    const one = await runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-06-21', '--bordereau', '02-1', '--no-pj', '--json']);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ bordereaux: [1], types_bordereaux: ['02'], pieces: 1 });

    const verify = await runCli(['verify', '--out', out]);
    expect(verify.code, verify.stderr).toBe(0);
  }, 180_000);

  it('a folder of the former version (one shared series, no chain) is read as it is, then sealed; each type goes on from its own highest number', async () => {
    const out = await temp();
    const dir = await data();
    expect((await issue(dir, out)).code).toBe(0);
    // the former version numbered the first réduction bordereau 3, after the two of titres
    expect((await cancel(await data(3), out, '2026-5', '100,00')).code).toBe(0);
    await toFormerVersion(out);
    const former = await readFile(path.join(out, 'journal.csv'), 'utf8');

    const before = await runCli(['verify', '--out', out]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('conforme');

    expect((await cancel(dir, out, '2026-19')).code).toBe(0);
    await appendFile(path.join(dir, 'adhesions.csv'), NEW_ADHESION);
    expect((await issue(dir, out)).code).toBe(0);

    const journal = await csv(path.join(out, 'journal.csv'));
    // the former lines keep every value; their bordereau numbers are marked as the shared series (empty type)
    expect(journal.slice(0, 22).every((r) => r.type_bordereau === '' && /^\d+$/.test(r.taille) && r.chaine.length === 64)).toBe(true);
    expect(journal.slice(0, 22).map((r) => r.montant)).toEqual(
      (parse(former, { columns: true, skip_empty_lines: true }) as Row[]).map((r) => r.montant),
    );
    expect(journal.slice(22).map((r) => [r.numero, r.type, r.type_bordereau, r.bordereau])).toEqual([
      ['23', 'annulation', '02', '4'],
      ['24', 'titre', '01', '3'],
      ['25', 'titre', '01', '4'], // Villeurbanne's toodego titre, issued again after its annulation (R10)
    ]);
    const verify = await runCli(['verify', '--out', out]);
    expect(verify.code, verify.stderr).toBe(0);
  }, 180_000);
});

/** Rewrites journal.csv and bordereaux.csv as the former version wrote them: without the new columns. */
async function toFormerVersion(out: string): Promise<void> {
  const strip = async (file: string, drop: string[]): Promise<void> => {
    const lines = (await readFile(file, 'utf8')).split('\n');
    const header = lines[0].split(',');
    const keep = header.map((h, i) => (drop.includes(h) ? -1 : i)).filter((i) => i >= 0);
    // no cell of these folders is quoted (the motifs have no comma)
    const rows = lines.map((line) => (line === '' ? line : keep.map((i) => line.split(',')[i]).join(',')));
    await writeFile(file, rows.join('\n'));
  };
  await strip(path.join(out, 'journal.csv'), ['type_bordereau', 'taille', 'empreinte_registre', 'chaine']);
  await strip(path.join(out, 'bordereaux.csv'), ['type_bordereau', 'taille', 'chaine_journal', 'chaine']);
}
