/** Issue 9 item 6: an export whose flux or PES_Facture breaks the schemas is refused, every violation listed. */
import iconv from 'iconv-lite';
import { expect, test } from 'vitest';
import { TitresError } from '../../src/errors/titres-error.js';
import { buildPesAller } from '../../src/pes/build-pes-aller.js';
import { validatePesOutput } from '../../src/pes/validate-pes-output.js';
import { makeInput } from './fixtures.js';

const latin1 = (xml: Buffer): string => iconv.decode(xml, 'latin1');

async function problemsOf(run: () => Promise<void>): Promise<string[]> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(TitresError);
    expect((e as TitresError).kind).toBe('data');
    return (e as TitresError).problems.map((p) => `${p.code}: ${p.message}`);
  }
  throw new Error('expected a TitresError');
}

test('a valid export passes', async () => {
  await expect(validatePesOutput(buildPesAller(makeInput()))).resolves.toBeUndefined();
});

test('a bad value in the flux and one in a PES_Facture are both reported, with the element', async () => {
  const out = buildPesAller(makeInput());
  const xml = iconv.encode(latin1(out.xml).replace('<TypBord V="01"/>', '<TypBord V="09"/>'), 'latin1');
  const facture = iconv.encode(latin1(out.factures[1].xml).replace('<TypeFact V="09"/>', '<TypeFact V="99"/>'), 'latin1');
  const problems = await problemsOf(() =>
    validatePesOutput({ fileName: out.fileName, xml, factures: [out.factures[0], { ...out.factures[1], xml: facture }] }),
  );
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/^PES_SCHEMA_INVALID: PES_Aller_2026_bord-3-r1_2026-06-21\.xml, ligne \d+ \(\/n:PES_Aller\/PES_RecetteAller\/Bordereau\[1\]\/BlocBordereau\/TypBord\) : Element 'TypBord'/);
  expect(problems[1]).toMatch(/^PES_SCHEMA_INVALID: PES_Aller_2026_bord-3-r1_2026-06-21\.xml, pièce jointe facture-2026-00013\.xml, ligne \d+ \(\/n:PES_Aller\/PES_Facture\/TypeFact\)/);
});

test('a file that is not even XML is refused, and a long list is cut at 20 per document', async () => {
  const out = buildPesAller(makeInput());
  expect(await problemsOf(() => validatePesOutput({ ...out, xml: Buffer.from('<a><b></a>'), factures: [] }))).toEqual([
    'PES_SCHEMA_INVALID: PES_Aller_2026_bord-3-r1_2026-06-21.xml, ligne 1 : Opening and ending tag mismatch: b line 1 and a',
  ]);
  const many = iconv.encode(latin1(out.xml).replaceAll('<Majo V="0"/>', '<Majo V="x"/>').replaceAll('<CodRes V="0"/>', '<CodRes V="x"/>').replaceAll('<TvaIntraCom V="0"/>', '<TvaIntraCom V="x"/>').replaceAll('<IdLigne V="1"/>', '<IdLigne V="x"/>'), 'latin1');
  const problems = await problemsOf(() => validatePesOutput({ ...out, xml: many, factures: [] }));
  expect(problems).toHaveLength(21);
  expect(problems[20]).toMatch(/ : \d+ autre\(s\) écart\(s\) au schéma non listé\(s\)$/);
});
