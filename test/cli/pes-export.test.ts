/**
 * `titres export-pes` on the issued samples: the PES_Aller flow validates against the PES V2 schemas
 * (in-process, and with xmllint as an independent check), its bordereaux and pieces are the journal's
 * (totals, IdPce, amounts, debtors), each titre travels as an ASAP CPP (Edition 02) with its
 * PES_Facture (PJ 006, decoded and checked against the journal) and its PDF (PJ 008), or under
 * Edition 01 with its PDF as 011; the no-PJ export is kept as a golden file with one decoded
 * PES_Facture, a missing PES identifier is refused (exit 3), and réductions / annulations go in a
 * bordereau of type 02 whose pieces are attached (RattachPiece) to the original titre and name its invoice.
 *
 * The samples are issued on 15/09/2026, the day Albigny-sur-Saône signs, so that the run holds the
 * whole of 2026 (a June run lists Albigny « a_venir », R9).
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { copySamples, expectGolden, REPO, runCli, SAMPLES, tempDirs } from './run-cli.js';
import { HAS_XMLLINT, validatePes, values } from '../pes/xmllint.js';
import { exportPesCommand } from '../../src/cli/commands/export-pes.js';
import type { CliIo } from '../../src/cli/io.js';
import { pesSchemaViolations } from '../../src/pes/pes-schema.js';
import { HAS_POPPLER, normalise, pdfText } from '../render/pdf-tools.js';

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

/** Valid in-process, and for xmllint where it is installed. */
async function expectValid(xml: Buffer, name: string): Promise<void> {
  expect(await pesSchemaViolations(xml), name).toEqual([]);
  if (!HAS_XMLLINT) return;
  const v = validatePes(xml);
  expect(v.status, `${name}: ${v.stderr}`).toBe(0);
}

/** Each PJ of the flux: its NomPJ, TypePJ and decoded (gunzipped) content. */
function attachments(text: string): { nomPj: string; typePj: string | undefined; content: Buffer }[] {
  return blocks(text, 'PJ').map((pj) => ({
    nomPj: one(pj, 'NomPJ'),
    typePj: values(pj, 'TypePJ')[0],
    content: gunzipSync(Buffer.from(/<Fichier MIMEType="[^"]+">([^<]+)<\/Fichier>/.exec(pj)![1], 'base64')),
  }));
}

/**
 * Every titre of the journal has its PES_Facture, whose number, amount, debtor SIRET and titre
 * reference are the journal's, whose lines add up to the amount, and which is itself valid.
 */
async function expectFacturesMatchJournal(text: string, journal: Row[], communes: Map<string, Row>): Promise<void> {
  const factures = attachments(text).filter((a) => a.typePj === '006');
  const titres = journal.filter((row) => row.type === 'titre');
  expect(factures.map((f) => f.nomPj)).toEqual(titres.map((row) => `facture-2026-${row.numero.padStart(5, '0')}.xml`));
  for (const [i, f] of factures.entries()) {
    const row = titres[i];
    expect(await pesSchemaViolations(f.content), f.nomPj).toEqual([]);
    const xml = decode(f.content);
    expect(one(xml, 'TypeFact')).toBe('09');
    expect(one(xml, 'NumeroFacture')).toBe(`${row.exercice}-${row.numero.padStart(5, '0')}`);
    expect(one(xml, 'MtTotalTTC'), row.numero).toBe(row.montant);
    expect(values(xml, 'MtTTC').reduce((t, m) => t + cents(m), 0)).toBe(cents(row.montant));
    const debiteur = blocks(xml, 'Debiteur')[0];
    expect(one(debiteur, 'IdTiers')).toBe(communes.get(row.code_insee)!.siret);
    const ref = blocks(xml, 'RefTitre')[0];
    expect([one(ref, 'Exercice'), one(ref, 'NumBordereau'), one(ref, 'NumTitre')]).toEqual([row.exercice, row.bordereau, row.numero]);
    expect(one(xml, 'DateEmission')).toBe(row.date_emission);
  }
}

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
    await expectValid(xml, 'flux');
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
        // imputation per service (config.json): fonction 20 for laclasse.com, 020 for Toodego
        expect(one(p, 'Fonction')).toBe(row.service === 'laclasse' ? '20' : '020');
        const commune = communes.get(row.code_insee)!;
        expect(one(p, 'IdTiers'), row.numero).toBe(commune.siret);
        expect(one(p, 'CP')).toBe(commune.code_postal);
        expect(one(p, 'ObjPce')).toContain(commune.nom);
        // Edition 02 (ASAP CPP): the invoice number, its PES_Facture (006) and the titre's PDF (008)
        expect(one(p, 'Edition')).toBe('02');
        expect(one(p, 'NumeroFacture')).toBe(`2026-${row.numero.padStart(5, '0')}`);
        expect(values(p, 'NomPJ')).toEqual([`facture-2026-${row.numero.padStart(5, '0')}.xml`, path.basename(row.fichier)]);
        expect(values(p, 'TypePJ')).toEqual(['006', '008']);
        // Lyon has a Chorus Pro service code in the samples' config
        expect(values(p, 'CodeService')).toEqual(row.code_insee === '69123' ? ['FINANCES-RECETTES'] : []);
      }
    }
    // Σ over the file = the run's total (72 923,93 €)
    expect(cumul).toBe(7292393);

    // each PDF PJ is the titre's PDF, byte for byte; each PES_Facture is the journal's titre
    const pdfs = attachments(text).filter((a) => a.typePj === '008');
    expect(pdfs).toHaveLength(22);
    for (const pj of pdfs) {
      const row = journal.find((j) => path.basename(j.fichier) === pj.nomPj)!;
      expect(pj.content.equals(await readFile(path.join(out, row.fichier))), pj.nomPj).toBe(true);
    }
    await expectFacturesMatchJournal(text, journal, communes);
  });

  it('streamed part by part (issue 12): 2 pieces a part give the same bytes with the PDFs; the register holds the file’s hash and size', async () => {
    const file = path.join(out, '2026/pes/PES_Aller_2026_bord-1-2_2026-09-20.xml');
    const flux = await readFile(file); // the default export of the first test
    const register = await csv(path.join(out, 'exports-pes.csv'));
    const line = register.find((row) => row.fichier === '2026/pes/PES_Aller_2026_bord-1-2_2026-09-20.xml')!;
    expect(line.sha256).toBe(createHash('sha256').update(flux).digest('hex'));
    expect(Number(line.taille)).toBe(flux.length);
    expect(line.nombre_pieces).toBe('22');

    const small = path.join(await temp(), 'PES_Aller_2026_bord-1-2_2026-09-20.xml');
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, stderrIsTTY: false, stdoutIsTTY: false, cwd: REPO };
    expect(await exportPesCommand({ out, year: 2026, date: '2026-09-20', file: small, partPieces: 2 }, io)).toBe(0);
    expect((await readFile(small)).equals(flux)).toBe(true);
  });

  it('--no-pj --file F: no PDF, the PES_Factures still; NomFic is F; kept as golden files', async () => {
    const dir = await temp();
    const file = path.join(dir, 'flux.xml');
    const r = await exportPes(out, ['--no-pj', '--file', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(file);
    const xml = await readFile(file);
    await expectValid(xml, 'flux');
    const text = decode(xml);
    expect(one(text, 'NomFic')).toBe('flux.xml');
    expect(values(text, 'TypePJ').filter((t) => t !== '006')).toEqual([]);
    expect(values(text, 'IdPce')).toEqual(journal.map((row) => row.numero));
    await expectFacturesMatchJournal(text, journal, communes);
    // The golden file holds the decoded text (stored in UTF-8 for readable diffs); the flow itself is ISO-8859-1:
    await expectGolden('pes-samples-2026.xml', text);
    const golden = await readFile(path.join(REPO, 'test/cli/golden/pes-samples-2026.xml'), 'utf8');
    expect(xml.equals(Buffer.from(golden, 'latin1'))).toBe(true);
    // and, decoded, the PES_Facture of Albigny's titre (R6 prorata: two lines)
    const albigny = attachments(text).find((a) => a.nomPj === 'facture-2026-00001.xml')!;
    await expectGolden('pes-facture-2026-00001.xml', decode(albigny.content));
  });

  it('Edition 01 for every commune (config): valid, PDF announced as 011, no NumeroFacture in the titre', async () => {
    const data = await copySamples();
    temp.track(data);
    const config = JSON.parse(await readFile(path.join(data, 'config.json'), 'utf8'));
    config.emetteur.pes.edition = '01';
    await writeFile(path.join(data, 'config.json'), JSON.stringify(config, null, 2));
    const file = path.join(await temp(), 'edition-01.xml');
    const r = await exportPes(out, ['--data', data, '--file', file]);
    expect(r.code, r.stderr).toBe(0);
    const xml = await readFile(file);
    await expectValid(xml, 'flux');
    const text = decode(xml);
    for (const p of blocks(text, 'Piece')) {
      expect(one(p, 'Edition')).toBe('01');
      expect(values(p, 'TypePJ')).toEqual(['006', '011']);
      expect(values(p, 'NumeroFacture')).toEqual([]);
    }
    await expectFacturesMatchJournal(text, journal, communes);
  });

  it.skipIf(!HAS_POPPLER)('the bordereau of titres says that their ASAP go to Chorus Pro (issue 14)', () => {
    const text = normalise(pdfText(path.join(out, '2026/bordereaux/bordereau-2026-titres-0001-laclasse.pdf')));
    expect(text).toContain('Avis des sommes à payer : 17 sur Chorus Pro (ASAP CPP, édition 02).');
  });

  it('--bordereau 1 exports only the laclasse bordereau', async () => {
    const dir = await temp();
    const file = path.join(dir, 'b1.xml');
    const r = await exportPes(out, ['--bordereau', '1', '--no-pj', '--file', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bordereaux: [1], pieces: 17 });
    const xml = await readFile(file);
    await expectValid(xml, 'flux');
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
    await expectValid(xml, 'flux');
    const text = decode(xml);
    const bordereaux = blocks(text, 'Bordereau');
    expect(bordereaux.map((b) => one(b, 'TypBord'))).toEqual(['01', '01', '02', '02']);
    // one series per type (issue 17): titres 1, 2 and réductions 1, 2, as Hélios checks IdBord
    expect(bordereaux.map((b) => one(b, 'IdBord'))).toEqual(['1', '2', '1', '2']);
    expect(corrections.map((c) => [c.bordereau, c.type_bordereau])).toEqual([
      ['1', '02'],
      ['2', '02'],
    ]);
    let cumul02 = 0;
    for (const b of bordereaux.filter((x) => one(x, 'TypBord') === '02')) {
      const id = one(b, 'IdBord');
      const inJournal = rows.filter((row) => row.bordereau === id && row.type_bordereau === '02');
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
      expect(one(piece, 'ObjPce')).toContain(`du titre ${c.titre_origine} (facture ${exerRat}-${idOrig.padStart(5, '0')})`);
      // no ASAP for a correction: no Edition, no PES_Facture; it names the invoice of the titre it corrects
      expect(values(piece, 'Edition')).toEqual([]);
      expect(values(piece, 'NumeroFacture')).toEqual([`${exerRat}-${idOrig.padStart(5, '0')}`]);
      expect(values(piece, 'TypePJ')).toEqual([]);
    }
    expect(cumul02).toBe(362000);
    // the titres bordereaux are unchanged: still 01 with their original totals
    expect(values(text, 'MtBordHt').slice(0, 2)).toEqual(['63879.16', '9044.77']);
  });
});
