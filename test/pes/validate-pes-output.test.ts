/**
 * Issue 9 item 6: an export whose flux or PES_Facture breaks the schemas is refused, every violation
 * listed. Issue 12: the flux is validated and written one part at a time; a violation in a late part
 * is placed in the flux (line, XPath, piece) as validating the whole flux would place it, and
 * nothing is left written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, expect, test } from 'vitest';
import { writePesAller } from '../../src/cli/pes/write-pes-aller.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { buildPesAller, pesAllerParts, planPesAller, type PesPart } from '../../src/pes/build-pes-aller.js';
import type { PesExportInput } from '../../src/pes/pes-input.js';
import { pesSchemaViolations } from '../../src/pes/pes-schema.js';
import { documentProblems } from '../../src/pes/validate-pes-output.js';
import { makeInput } from './fixtures.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'titres-pes-valid-'));
  dirs.push(dir);
  return dir;
}

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(TitresError);
    expect((e as TitresError).kind).toBe('data');
    return (e as TitresError).problems.map((p) => `${p.code}: ${p.message}`);
  }
  throw new Error('expected a TitresError');
}

/** The parts of the flux of `input`, `partPieces` pieces a part, each text changed by `edit` (and the documents validating them). */
async function* editedParts(input: PesExportInput, partPieces: number, edit: (text: string) => string): AsyncGenerator<PesPart> {
  for await (const { text, check } of pesAllerParts(planPesAller(input), partPieces)) {
    yield { text: edit(text), ...(check ? { check: { ...check, before: edit(check.before), after: edit(check.after) } } : {}) };
  }
}

/** Writes the flux of `input` to DIR/pes/flux.xml (pes/ made for it), parts edited by `edit`. */
async function write(input: PesExportInput, partPieces: number, edit: (text: string) => string = (t) => t) {
  const dir = await tempDir();
  const target = path.join(dir, 'pes', 'flux.xml');
  return { dir, target, run: () => writePesAller(target, 'flux.xml', editedParts(input, partPieces, edit)) };
}

test('a valid export is written, the same bytes whatever the part size, its sha256 and size returned', async () => {
  const whole = await buildPesAller({ ...makeInput(), fileName: 'flux.xml' });
  for (const size of [1, 2, 32]) {
    const { target, run } = await write({ ...makeInput(), fileName: 'flux.xml' }, size);
    const written = await run();
    expect(readFileSync(target).equals(whole.xml)).toBe(true);
    expect(written.bytes).toBe(whole.xml.length);
    expect(written.sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});

test('a bad value in the last part and one in a PES_Facture are both reported, placed as in the whole flux; nothing remains', async () => {
  const input = { ...makeInput(), fileName: 'flux.xml' };
  // the PES_Facture of titre 14 gets a line whose dates the schema refuses (the journal's liquidation is not checked beforehand)
  input.bordereaux[0].pieces[2].lignes = [{ libelle: 'Contribution', montant: '372.18', dateDebut: '2026-13-01', dateFin: '2026-12-31' }];
  // the last piece of the titres' bordereau (n° 15, 4th) and every piece after it get a bad Majo
  const late = (text: string): string => (text.includes('<IdPce V="15"/>') ? text.replace('<Majo V="0"/>', '<Majo V="x"/>') : text);
  const { dir, target, run } = await write(input, 1, late);
  const problems = await problemsOf(run);

  // where validating the whole (edited) flux places the same violation
  const whole = iconv.decode((await buildPesAller(input)).xml, 'latin1');
  const edited = whole.replace(/(<IdPce V="15"\/>[\s\S]*?)<Majo V="0"\/>/, '$1<Majo V="x"/>');
  const [expected] = await pesSchemaViolations(iconv.encode(edited, 'latin1'));
  expect(expected.xpath).toBe('/n:PES_Aller/PES_RecetteAller/Bordereau[1]/Piece[4]/LigneDePiece/BlocLignePiece/InfoLignePiece/Majo');
  expect(problems).toHaveLength(2);
  expect(problems[0]).toBe(`PES_SCHEMA_INVALID: flux.xml, pièce n° 15 du bordereau 01-3, ligne ${expected.line} (${expected.xpath}) : ${expected.message}`);
  expect(problems[1]).toMatch(/^PES_SCHEMA_INVALID: flux\.xml, pièce jointe facture-2026-00014\.xml, ligne \d+ \(\/n:PES_Aller\/PES_Facture\/FactureIndiv\/LigneFacture\/DateDebut\) : Element 'DateDebut'/);
  expect(existsSync(target)).toBe(false);
  expect(existsSync(path.dirname(target))).toBe(false); // the folder made for it goes too
  expect(existsSync(dir)).toBe(true);
});

test('a bordereau head shared by every part is listed once; a long list is cut at 20 per document', async () => {
  const input = { ...makeInput(), fileName: 'flux.xml' };
  const badTypBord = (text: string): string => text.replace('<TypBord V="01"/>', '<TypBord V="09"/>');
  // the head of the titres' bordereau is in each of its 4 parts: one problem
  expect(await problemsOf((await write(input, 1, badTypBord)).run)).toEqual([
    expect.stringMatching(/^PES_SCHEMA_INVALID: flux\.xml, ligne \d+ \(\/n:PES_Aller\/PES_RecetteAller\/Bordereau\[1\]\/BlocBordereau\/TypBord\) : Element 'TypBord'/),
  ]);
  const many = (text: string): string =>
    text.replaceAll('<Majo V="0"/>', '<Majo V="x"/>').replaceAll('<CodRes V="0"/>', '<CodRes V="x"/>').replaceAll('<TvaIntraCom V="0"/>', '<TvaIntraCom V="x"/>').replaceAll('<IdLigne V="1"/>', '<IdLigne V="x"/>');
  const problems = await problemsOf((await write(input, 2, many)).run);
  expect(problems).toHaveLength(21);
  expect(problems[20]).toBe('PES_SCHEMA_INVALID: flux.xml : 4 autre(s) écart(s) au schéma non listé(s)');
});

test('a document that is not even XML is refused with its line', async () => {
  expect((await documentProblems('flux.xml', Buffer.from('<a><b></a>'))).map((p) => `${p.code}: ${p.message}`)).toEqual([
    'PES_SCHEMA_INVALID: flux.xml, ligne 1 : Opening and ending tag mismatch: b line 1 and a',
  ]);
});
