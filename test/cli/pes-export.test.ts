/**
 * `titres export-pes` on the issued samples: the PES_Aller flow validates against the PES V2 schemas,
 * its bordereaux and pieces are the journal's (totals, IdPce, amounts, debtors), the no-PJ export is
 * kept as a golden file, a missing PES identifier is refused (exit 3), and réductions / annulations
 * go in a bordereau of type 02 whose pieces are attached (RattachPiece) to the original titre.
 *
 * The samples are issued on 15/09/2026, the day Albigny-sur-Saône signs, so that the run holds the
 * whole of 2026 (a June run lists Albigny « a_venir », R9).
 */
import { gunzipSync } from 'node:zlib';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { copySamples, expectGolden, REPO, runCli, SAMPLES, tempDirs } from './run-cli.js';
import { validatePes, values } from '../pes/xmllint.js';

type Row = Record<string, string>;

const temp = tempDirs('all');

async function csv(file: string): Promise<Row[]> {
  return parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
}

/** The PES file is ISO-8859-1 (its XML declaration says so). */
function decode(xml: Buffer): string {
  expect(xml.subarray(0, 60).toString('latin1')).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"\?>/);
  return xml.toString('latin1');
}

function blocks(text: string, tag: string): string[] {
  return [...text.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}
const one = (text: string, name: string): string => {
  const v = values(text, name);
  expect(v, name).toHaveLength(1);
  return v[0];
};
const cents = (amount: string): number => Math.round(Number(amount) * 100);

async function exportPes(out: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-09-20', ...extra]);
}

describe('export-pes on the samples issued for 2026', () => {
  let out: string;
  let journal: Row[];
  let communes: Map<string, Row>;

  beforeAll(async () => {
    out = await temp();
    const r = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', out, '--date', '2026-09-15', '-q']);
    expect(r.code, r.stderr).toBe(0);
    journal = await csv(path.join(out, 'journal.csv'));
    communes = new Map((await csv(path.join(SAMPLES, 'communes.csv'))).map((c) => [c.code_insee, c]));
  });

  it('the default export (with PJ) validates, its bordereaux and pieces are the journal’s, each PJ is the titre’s PDF', async () => {
    const r = await exportPes(out, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    // default file: OUT/<exercice>/pes/<nom normalisé>.xml
    expect(summary).toMatchObject({ exercice: 2026, bordereaux: [1, 2], pieces: 22 });
    expect(summary.fichier).toBe(path.join(out, '2026/pes/PES_Aller_2026_bord-1-2_2026-09-20.xml'));
    expect(await readdir(path.join(out, '2026/pes'))).toEqual(['PES_Aller_2026_bord-1-2_2026-09-20.xml']);
    const xml = await readFile(summary.fichier);
    const v = validatePes(xml);
    expect(v.status, v.stderr).toBe(0);
    const text = decode(xml);

    expect(one(text, 'NomFic')).toBe('PES_Aller_2026_bord-1-2_2026-09-20.xml');
    expect(one(text, 'DteStr')).toBe('2026-09-20');
    expect(one(text, 'IdPost')).toBe('069099');
    expect(one(text, 'IdColl')).toBe('20004697700019');
    expect(one(text, 'CodCol')).toBe('001');
    expect(one(text, 'CodBud')).toBe('01');

    const bordereaux = blocks(text, 'Bordereau');
    expect(bordereaux).toHaveLength(2);
    let cumul = 0;
    for (const b of bordereaux) {
      const idBord = one(blocks(b, 'BlocBordereau')[0], 'IdBord');
      const rows = journal.filter((row) => row.bordereau === idBord);
      const sum = rows.reduce((s, row) => s + cents(row.montant), 0);
      cumul += sum;
      const head = blocks(b, 'BlocBordereau')[0];
      expect(one(head, 'Exer')).toBe('2026');
      expect(one(head, 'TypBord')).toBe('01');
      expect(one(head, 'DteBordEm')).toBe('2026-09-15');
      expect(Number(one(head, 'NbrPce'))).toBe(rows.length);
      expect(cents(one(head, 'MtBordHt'))).toBe(sum); // bordereau total = Σ journal amounts
      expect(cents(one(head, 'MtCumulAnnuel'))).toBe(cumul); // running total of the exercice's titres bordereaux

      const pieces = blocks(b, 'Piece');
      expect(pieces.map((p) => one(p, 'IdPce'))).toEqual(rows.map((row) => row.numero));
      for (const [i, p] of pieces.entries()) {
        const row = rows[i];
        expect(one(p, 'TypPce')).toBe('01');
        expect(one(p, 'MtHT')).toBe(row.montant);
        expect(one(p, 'CodProdLoc')).toBe(row.service === 'laclasse' ? 'LCL' : 'TDG');
        expect(one(p, 'Nature')).toBe('74748');
        const commune = communes.get(row.code_insee)!;
        expect(one(p, 'IdTiers'), row.numero).toBe(commune.siret);
        expect(one(p, 'CP')).toBe(commune.code_postal);
        expect(one(p, 'ObjPce')).toContain(commune.nom);
        // the piece's PJ reference is the titre's PDF
        expect(one(p, 'NomPJ')).toBe(path.basename(row.fichier));
      }
    }
    // Σ over the file = the run's total (72 923,93 €)
    expect(cumul).toBe(7292393);

    // each PES_PJ holds the gzipped titre PDF, byte for byte
    const pjs = blocks(text, 'PJ');
    expect(pjs).toHaveLength(22);
    for (const pj of pjs) {
      const name = one(pj, 'NomPJ');
      const row = journal.find((j) => path.basename(j.fichier) === name)!;
      const content = /<Fichier MIMEType="application\/pdf">([^<]+)<\/Fichier>/.exec(pj)![1];
      expect(gunzipSync(Buffer.from(content, 'base64')).equals(await readFile(path.join(out, row.fichier))), name).toBe(true);
    }
  });

  it('--no-pj --file F: no PES_PJ, same bordereaux; kept as golden test/cli/golden/pes-samples-2026.xml', async () => {
    const dir = await temp();
    const file = path.join(dir, 'flux.xml');
    const r = await exportPes(out, ['--no-pj', '--file', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(file);
    const xml = await readFile(file);
    const v = validatePes(xml);
    expect(v.status, v.stderr).toBe(0);
    const text = decode(xml);
    expect(text).not.toContain('<PES_PJ>');
    expect(text).not.toContain('<PJRef>');
    expect(values(text, 'IdPce')).toEqual(journal.map((row) => row.numero));
    // The golden file holds the decoded text (stored in UTF-8 for readable diffs); the flow itself is ISO-8859-1:
    await expectGolden('pes-samples-2026.xml', text);
    const golden = await readFile(path.join(REPO, 'test/cli/golden/pes-samples-2026.xml'), 'utf8');
    expect(xml.equals(Buffer.from(golden, 'latin1'))).toBe(true);
  });

  it('--bordereau 1 exports only the laclasse bordereau', async () => {
    const dir = await temp();
    const file = path.join(dir, 'b1.xml');
    const r = await exportPes(out, ['--bordereau', '1', '--no-pj', '--file', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bordereaux: [1], pieces: 17 });
    const xml = await readFile(file);
    expect(validatePes(xml).status).toBe(0);
    const text = decode(xml);
    expect(values(text, 'IdBord')).toEqual(['1']);
    const rows = journal.filter((row) => row.bordereau === '1');
    expect(values(text, 'IdPce')).toEqual(rows.map((row) => row.numero));
    expect(cents(one(text, 'MtBordHt'))).toBe(rows.reduce((s, row) => s + cents(row.montant), 0));
    expect(one(text, 'MtBordHt')).toBe('63879.16');
  });

  it('a dataset without emetteur.pes.id_post: exit 3 naming it, no file written', async () => {
    const data = await copySamples();
    temp.track(data);
    const out2 = await temp();
    expect((await runCli(['issue', '--data', data, '--year', '2026', '--out', out2, '--date', '2026-09-15', '-q'])).code).toBe(0);
    const config = JSON.parse(await readFile(path.join(data, 'config.json'), 'utf8'));
    delete config.emetteur.pes.id_post;
    await writeFile(path.join(data, 'config.json'), JSON.stringify(config, null, 2));
    const r = await exportPes(out2, ['--data', data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('emetteur.pes.id_post');
    expect(r.stderr).toContain('PES_MISSING_IDENTIFIER');
    expect(r.stdout).toBe('');
    await expect(readdir(path.join(out2, '2026/pes'))).rejects.toThrow();
  });

  it('after a reduction and an annulation, they are exported in bordereaux of type 02 attached to the original pieces', async () => {
    const data = await copySamples();
    temp.track(data);
    const out3 = await temp();
    expect((await runCli(['issue', '--data', data, '--year', '2026', '--out', out3, '--date', '2026-09-15', '-q'])).code).toBe(0);
    // Écully laclasse = titre 6 (1 210,00): reduction of 100,00; Villeurbanne toodego = titre 20 (3 520,00): annulation
    const red = await runCli(['cancel', '--out', out3, '--titre', '2026-6', '--montant', '100,00', '--motif', 'Service interrompu', '--date', '2026-09-18']);
    expect(red.code, red.stderr).toBe(0);
    const ann = await runCli(['cancel', '--out', out3, '--titre', '2026-20', '--motif', 'Erreur de tarif', '--date', '2026-09-18']);
    expect(ann.code, ann.stderr).toBe(0);
    const rows = await csv(path.join(out3, 'journal.csv'));
    const corrections = rows.filter((row) => row.type !== 'titre');
    expect(corrections.map((c) => [c.numero, c.type, c.montant, c.titre_origine])).toEqual([
      ['23', 'reduction', '100.00', '2026-6'],
      ['24', 'annulation', '3520.00', '2026-20'],
    ]);

    const file = path.join(out3, 'flux.xml');
    const r = await runCli(['export-pes', '--out', out3, '--year', '2026', '--date', '2026-09-20', '--file', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pieces: 24 });
    const xml = await readFile(file);
    const v = validatePes(xml);
    expect(v.status, v.stderr).toBe(0);
    const text = decode(xml);
    const bordereaux = blocks(text, 'Bordereau');
    expect(bordereaux.map((b) => one(b, 'TypBord'))).toEqual(['01', '01', '02', '02']);
    let cumul02 = 0;
    for (const b of bordereaux.filter((x) => one(x, 'TypBord') === '02')) {
      const id = one(b, 'IdBord');
      const inJournal = rows.filter((row) => row.bordereau === id);
      expect(inJournal).toHaveLength(1);
      const c = inJournal[0];
      expect(c.type).not.toBe('titre');
      cumul02 += cents(c.montant);
      expect(one(b, 'NbrPce')).toBe('1');
      expect(one(b, 'MtBordHt')).toBe(c.montant);
      expect(cents(one(b, 'MtCumulAnnuel'))).toBe(cumul02);
      const [piece] = blocks(b, 'Piece');
      expect(one(piece, 'IdPce')).toBe(c.numero);
      expect(one(piece, 'MtHT')).toBe(c.montant); // reductions are written as positive amounts in a type-02 bordereau
      expect(one(piece, 'IdTiers')).toBe(communes.get(c.code_insee)!.siret);
      const [exerRat, idOrig] = c.titre_origine.split('-');
      const rattach = blocks(piece, 'RattachPiece');
      expect(rattach).toHaveLength(1);
      expect(one(rattach[0], 'ExerRat')).toBe(exerRat);
      expect(one(rattach[0], 'IdPceOrig')).toBe(idOrig);
      expect(one(rattach[0], 'NatPceOrig')).toBe('01');
      expect(one(rattach[0], 'IdLigneOrig')).toBe('1');
      expect(one(piece, 'ObjPce')).toContain(`du titre ${c.titre_origine}`);
    }
    expect(cumul02).toBe(362000);
    // the titres bordereaux are unchanged: still 01 with their original totals
    expect(values(text, 'MtBordHt').slice(0, 2)).toEqual(['63879.16', '9044.77']);
  });
});
