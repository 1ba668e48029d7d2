import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { Decimal, sum, toAmountString } from '../../src/engine/money.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { buildPesAller, pesAllerParts, planPesAller } from '../../src/pes/build-pes-aller.js';
import { pesSchemaViolations } from '../../src/pes/pes-schema.js';
import { makeInput, reductionsBordereau, titresBordereau } from './fixtures.js';
import { HAS_XMLLINT, validatePes, values, XMLLINT_MISSING } from './xmllint.js';

const decode = (xml: Buffer): string => iconv.decode(xml, 'latin1');

/** Valid in-process (libxml2-wasm), the flux and each PES_Facture it carries. */
async function expectSchemaValid(out: Awaited<ReturnType<typeof buildPesAller>>): Promise<void> {
  expect(await pesSchemaViolations(out.xml)).toEqual([]);
  for (const f of out.factures) expect(await pesSchemaViolations(f.xml), f.nomPj).toEqual([]);
}

/** The text of each <Bordereau>…</Bordereau>. */
function bordereaux(text: string): string[] {
  return [...text.matchAll(/<Bordereau>[\s\S]*?<\/Bordereau>/g)].map((m) => m[0]);
}

describe('buildPesAller: schema validity', () => {
  test('a bordereau of titres and one of réductions validate against PES_Aller.xsd v5.30, each PES_Facture too', async () => {
    const out = await buildPesAller(makeInput());
    expect(out.factures.map((f) => f.nomPj)).toEqual(['facture-2026-00012.xml', 'facture-2026-00013.xml', 'facture-2026-00014.xml', 'facture-2026-00015.xml']);
    await expectSchemaValid(out);
  });

  test('a file holding only réductions/annulations validates (no PES_Facture)', async () => {
    const out = await buildPesAller(makeInput([reductionsBordereau()]));
    expect(out.factures).toEqual([]);
    await expectSchemaValid(out);
  });

  test('with PDF attachments and a cumul annuel, the file still validates', async () => {
    const titres = { ...titresBordereau(), cumulAnnuel: '9876.54' };
    titres.pieces[0].pdf = { fileName: 'out/2026/Écully – titre n°12.pdf', content: Buffer.from('%PDF-1.4 titre 12') };
    titres.pieces[1].pdf = { fileName: 'titre-13.PDF', content: Buffer.from('%PDF-1.4 titre 13') };
    await expectSchemaValid(await buildPesAller(makeInput([titres, reductionsBordereau()])));
  });

  test('under Edition 01 and with a commune without SIRET, the file still validates', async () => {
    const input = makeInput();
    input.config.emetteur.pes!.edition = '01';
    input.communes.get('69202')!.siret = undefined;
    input.bordereaux[0].pieces[0].pdf = { fileName: 'titre-12.pdf', content: Buffer.from('%PDF-1.4 titre 12') };
    await expectSchemaValid(await buildPesAller(input));
  });

  test.skipIf(!HAS_XMLLINT)(`xmllint, an independent check, agrees on the flux and on a PES_Facture${HAS_XMLLINT ? '' : ` (${XMLLINT_MISSING})`}`, async () => {
    const out = await buildPesAller(makeInput());
    expect(validatePes(out.xml).status).toBe(0);
    expect(validatePes(out.factures[0].xml).status).toBe(0);
  });
});

const { fileName, xml } = await buildPesAller(makeInput());

describe('buildPesAller: content', () => {
  const text = decode(xml);

  test('declares ISO-8859-1 and is encoded in it', () => {
    expect(xml.toString('latin1').startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>\n')).toBe(true);
    expect(xml.includes(Buffer.from([0x52, 0xe9, 0x64]))).toBe(true); // "Réd" with é = 0xE9
    expect(xml.includes(Buffer.from([0xc3, 0xa9]))).toBe(false); // no UTF-8 "é"
    expect(xml.includes(Buffer.from([0xab]))).toBe(true); // « kept, Latin-1 0xAB
    expect(text).not.toContain('?laclasse');
  });

  test('prefixed root in the Rev0/aller namespace, unqualified children, file name in NomFic', () => {
    expect(text).toContain('<n:PES_Aller xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller">');
    expect(text).toContain('\n  <Enveloppe>');
    expect(fileName).toBe('PES_Aller_2026_bord-3-r1_2026-06-21.xml');
    expect(values(text, 'NomFic')).toEqual([fileName]);
    expect(values(text, 'TypFic')).toEqual(['PESALR1']);
    expect(values(text, 'Sigle')).toEqual(['TITRES']);
  });

  test('EnTetePES carries the generation date and the issuer identifiers', () => {
    expect(values(text, 'DteStr')).toEqual(['2026-06-21']);
    expect(values(text, 'IdPost')).toEqual(['069099']);
    expect(values(text, 'IdColl')).toEqual(['20004697700019']);
    expect(values(text, 'CodCol')).toEqual(['123']);
    expect(values(text, 'CodBud')).toEqual(['01']);
    expect(values(text, 'LibelleColBud')).toEqual(['Métropole de Lyon - budget principal']);
  });

  test('each MtBordHt is the exact sum of its pieces and NbrPce their count', () => {
    const blocks = bordereaux(text);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) {
      const amounts = values(block, 'MtHT');
      expect(values(block, 'MtBordHt')).toEqual([toAmountString(sum(amounts.map((a) => new Decimal(a))))]);
      expect(values(block, 'NbrPce')).toEqual([String(amounts.length)]);
    }
    expect(values(blocks[0], 'MtBordHt')).toEqual(['3282.57']);
    expect(values(blocks[1], 'MtBordHt')).toEqual(['1637.40']);
  });

  test('titres are 01/01/01 with Edition 02 (ASAP CPP) and NumeroFacture; réductions are 02/02/06 with RattachPiece, in number order', () => {
    const [titres, reductions] = bordereaux(text);
    expect(values(titres, 'TypBord')).toEqual(['01']);
    expect(values(titres, 'IdPce')).toEqual(['12', '13', '14', '15']);
    expect(new Set(values(titres, 'TypPce'))).toEqual(new Set(['01']));
    expect(new Set(values(titres, 'NatPce'))).toEqual(new Set(['01']));
    expect(values(titres, 'Edition')).toEqual(['02', '02', '02', '02']);
    expect(values(titres, 'NumeroFacture')).toEqual(['2026-00012', '2026-00013', '2026-00014', '2026-00015']);
    expect(titres).not.toContain('RattachPiece');

    expect(values(reductions, 'TypBord')).toEqual(['02']);
    expect(values(reductions, 'IdPce')).toEqual(['16', '17']);
    expect(values(reductions, 'TypPce')).toEqual(['02', '02']);
    expect(values(reductions, 'NatPce')).toEqual(['06', '06']);
    expect(values(reductions, 'Edition')).toEqual([]);
    expect(values(reductions, 'NatPceOrig')).toEqual(['01', '01']);
    expect(values(reductions, 'ExerRat')).toEqual(['2026', '2026']);
    expect(values(reductions, 'IdPceOrig')).toEqual(['13', '12']);
    expect(values(reductions, 'IdLigneOrig')).toEqual(['1', '1']);
    // a correction of a titre sent to Chorus Pro names that titre's invoice, and carries no ASAP of its own
    expect(values(reductions, 'NumeroFacture')).toEqual(['2026-00013', '2026-00012']);
    expect(reductions).not.toContain('PJRef');
  });

  test('lines carry the service imputation, no VAT, and the amount', () => {
    expect(new Set(values(text, 'CodProdLoc'))).toEqual(new Set(['LCL1']));
    expect(new Set(values(text, 'Nature'))).toEqual(new Set(['74748']));
    expect(new Set(values(text, 'Fonction'))).toEqual(new Set(['213']));
    expect(new Set(values(text, 'Majo'))).toEqual(new Set(['0']));
    expect(text).not.toContain('MtTVA');
    expect(text).not.toContain('TxTva');
    expect(values(text, 'MtHT')).toEqual(['1393.48', '1516.90', '372.18', '0.01', '1516.90', '120.50']);
  });

  test('debtor communes: SIRET, CatTiers 23, NatJur 09, names in postal upper case', () => {
    expect(values(text, 'IdTiers')[0]).toBe('21690081100011');
    expect(new Set(values(text, 'NatIdTiers'))).toEqual(new Set(['01']));
    expect(new Set(values(text, 'CatTiers'))).toEqual(new Set(['23']));
    expect(new Set(values(text, 'NatJur'))).toEqual(new Set(['09']));
    expect(values(text, 'Nom')).toEqual([
      "COMMUNE D'ECULLY",
      'COMMUNE DE SAINTE-FOY-LES-LYON',
      "COMMUNE DE SAINT-ROMAIN-AU-MONT-D'OR",
      'SAINT-GERMAIN-DES-LONGUES-VALLEES-AU',
      'COMMUNE DE SAINTE-FOY-LES-LYON',
      "COMMUNE DE COLLONGES-AU-MONT-D'OR",
    ]);
    expect(values(text, 'Ville')).toContain("COLLONGES-AU-MONT-D'OR");
  });

  test('texts stay within the XSD lengths, cut at a word boundary', () => {
    for (const name of ['Nom', 'Adr2', 'Ville']) {
      for (const v of values(text, name)) expect(v.length).toBeLessThanOrEqual(38);
    }
    for (const v of values(text, 'ObjPce')) expect(v.length).toBeLessThanOrEqual(160);
    const collonges = bordereaux(text)[1].split('<Piece>')[2];
    expect(values(collonges, 'Adr1')).toEqual(['HOTEL DE VILLE']);
    expect(values(collonges, 'Adr2')).toEqual(["1 PLACE DE L'EGLISE ET DE LA FONTAINE"]);
    const long = values(text, 'ObjPce')[3];
    expect(long.endsWith('Contribution...')).toBe(true);
  });

  test('typographic characters of the objet are transliterated; « » and accents kept', () => {
    const [first, second] = values(text, 'ObjPce');
    expect(first).toBe('Contribution 2026 au service « laclasse.com » - convention n° 2025-091');
    expect(second).toBe('Contribution 2026 au service "laclasse.com" de l\'espace numérique oeuvre commune... 1 040,70 EUR');
  });
});

describe('buildPesAller: attachments', () => {
  const pj = (text: string): string[] => [...text.matchAll(/<PJ>[\s\S]*?<\/PJ>/g)].map((m) => m[0]);

  test('no PDF ⇒ each titre carries only its PES_Facture (PJ 006, gzipped XML), referenced by its piece', async () => {
    const out = await buildPesAller(makeInput());
    const text = decode(out.xml);
    const titres = bordereaux(text)[0];
    expect(values(titres, 'TypePJ')).toEqual(['006', '006', '006', '006']);
    expect(values(titres, 'NomPJ')).toEqual(['facture-2026-00012.xml', 'facture-2026-00013.xml', 'facture-2026-00014.xml', 'facture-2026-00015.xml']);
    const attached = pj(text);
    expect(attached).toHaveLength(4);
    for (const [i, block] of attached.entries()) {
      expect(values(block, 'TypePJ')).toEqual(['006']);
      expect(block).toContain('<Fichier MIMEType="text/xml">');
      const base64 = /<Fichier MIMEType="text\/xml">([^<]+)<\/Fichier>/.exec(block)?.[1] ?? '';
      expect(gunzipSync(Buffer.from(base64, 'base64')).equals(out.factures[i].xml)).toBe(true);
      expect(values(block, 'IdUnique')).toEqual([`TITRES202612301F${12 + i}`]);
    }
  });

  test('a PDF becomes a PES_PJ (gzip + base64) referenced by its piece with the same IdUnique, typed 008 under Edition 02', async () => {
    const titres = titresBordereau();
    const pdf = Buffer.from('%PDF-1.4 contenu du titre 12');
    titres.pieces[0].pdf = { fileName: 'out/2026/Écully – titre n°12.pdf', content: pdf };
    const text = decode((await buildPesAller(makeInput([titres]))).xml);
    const first = text.split('<Piece>')[1];
    expect(values(first, 'IdUnique')).toEqual(['TITRES202612301F12', 'TITRES202612301N12']);
    expect(values(first, 'NomPJ')).toEqual(['facture-2026-00012.xml', 'Ecully_titre_n_12.pdf']);
    expect(values(first, 'TypePJ')).toEqual(['006', '008']);
    expect(values(first, 'Support')).toEqual(['01', '01']);
    const block = pj(text).find((b) => b.includes('Ecully_titre_n_12.pdf'))!;
    expect(values(block, 'TypePJ')).toEqual(['008']);
    const base64 = /<Fichier MIMEType="application\/pdf">([^<]+)<\/Fichier>/.exec(block)?.[1] ?? '';
    expect(gunzipSync(Buffer.from(base64, 'base64')).equals(pdf)).toBe(true);
    expect(values(block, 'Description')[0]).toMatch(/^Titre de recette n° 12, exercice 2026 : /);
  });

  test('under Edition 01 the PDF is announced as 011, and no NumeroFacture is given', async () => {
    const input = makeInput();
    input.config.emetteur.pes!.edition = '01';
    input.bordereaux[0].pieces[0].pdf = { fileName: 'titre-12.pdf', content: Buffer.from('%PDF-1.4 titre 12') };
    const titres = bordereaux(decode((await buildPesAller(input)).xml))[0];
    expect(values(titres, 'Edition')).toEqual(['01', '01', '01', '01']);
    expect(values(titres.split('<Piece>')[1], 'TypePJ')).toEqual(['006', '011']);
    expect(values(titres, 'NumeroFacture')).toEqual([]);
  });

  test('a réduction\'s PDF is joined without a type (it is no ASAP document)', async () => {
    const reductions = reductionsBordereau();
    reductions.pieces[0].pdf = { fileName: 'reduction-17.pdf', content: Buffer.from('%PDF-1.4 reduction 17') };
    const text = decode((await buildPesAller(makeInput([reductions]))).xml);
    expect(values(text, 'NomPJ')).toEqual(['reduction-17.pdf', 'reduction-17.pdf']);
    expect(values(text, 'TypePJ')).toEqual([]);
  });
});

describe('buildPesAller: edition per debtor', () => {
  test('a commune without SIRET: Edition 01, identified by its SIREN (NatIdTiers 02); one commune set to 01 in config; a Chorus Pro service code', async () => {
    const input = makeInput();
    input.communes.get('69202')!.siret = undefined;
    input.config.emetteur.pes!.communes = new Map([
      ['69233', { edition: '01' as const }],
      ['69081', { codeService: 'FINANCES' }],
    ]);
    const titres = bordereaux(decode((await buildPesAller(input)).xml))[0].split('<Piece>').slice(1);
    expect(titres.map((p) => values(p, 'Edition')[0])).toEqual(['02', '01', '01', '02']);
    expect(values(titres[1], 'IdTiers')).toEqual(['216902023']);
    expect(values(titres[1], 'NatIdTiers')).toEqual(['02']);
    expect(values(titres[0], 'CodeService')).toEqual(['FINANCES']);
    expect(values(titres[2], 'CodeService')).toEqual([]);
  });
});

describe('buildPesAller: determinism', () => {
  test('same input ⇒ byte-identical file', async () => {
    const a = await buildPesAller(makeInput());
    const b = await buildPesAller(makeInput());
    expect(a.fileName).toBe(b.fileName);
    expect(a.xml.equals(b.xml)).toBe(true);
  });

  test('the order of bordereaux and pieces in the input does not change the bytes', async () => {
    const titres = titresBordereau();
    titres.pieces.reverse();
    const shuffled = await buildPesAller(makeInput([reductionsBordereau(), titres]));
    expect(shuffled.xml.equals((await buildPesAller(makeInput())).xml)).toBe(true);
  });
});

describe('buildPesAller: refusals', () => {
  function problemsOf(run: () => unknown): string[] {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(TitresError);
      return (e as TitresError).problems.map((p) => `${p.code}: ${p.message}`);
    }
    throw new Error('expected a TitresError');
  }

  test('missing identifiers are all listed', () => {
    const input = makeInput();
    input.config.emetteur.pes = { codCol: '123' };
    input.communes.get('69081')!.siret = undefined; // not a problem: Edition 01
    const problems = problemsOf(() => planPesAller(input));
    expect(problems).toEqual([
      'PES_MISSING_IDENTIFIER: identifiant PES manquant : emetteur.pes.id_post (poste comptable)',
      'PES_MISSING_IDENTIFIER: identifiant PES manquant : emetteur.pes.cod_bud (code budget)',
      "PES_MISSING_IDENTIFIER: identifiant PES manquant : emetteur.pes.ref_bdf (référence Banque de France du budget, RefBdf de l'avis des sommes à payer)",
      "PES_MISSING_IDENTIFIER: identifiant PES manquant : emetteur.pes.centre_encaissement (adresse du centre d'encaissement de la DGFiP (TSA, puis code postal et ville))",
    ]);
  });

  test('inconsistent bordereaux are refused with one problem each', () => {
    const titres = titresBordereau();
    titres.pieces[0].montant = '0.00';
    titres.pieces[1].type = 'reduction';
    const reductions = reductionsBordereau();
    reductions.pieces[0].titreOrigine = { exercice: 2025, numero: 12 };
    reductions.pieces[1].titreOrigine = undefined;
    reductions.pieces[1].numero = 12;
    const codes = problemsOf(() => planPesAller(makeInput([titres, reductions, { ...reductionsBordereau(), pieces: [] }]))).map((p) => p.split(':')[0]);
    expect(codes).toEqual([
      'PES_INVALID_AMOUNT',
      'PES_PIECE_TYPE_MISMATCH',
      'PES_INVALID_TITRE_ORIGINE', // the misplaced réduction also lacks its titre d'origine
      'PES_INVALID_TITRE_ORIGINE',
      'PES_DUPLICATE_NUMBER',
      'PES_INVALID_TITRE_ORIGINE',
      'PES_DUPLICATE_NUMBER',
      'PES_EMPTY_BORDEREAU',
    ]);
  });

  test('a free or unknown service and an unknown commune are refused', () => {
    const titres = { ...titresBordereau(), service: 'geonet' };
    titres.pieces[0].codeInsee = '69000';
    const codes = problemsOf(() => planPesAller(makeInput([titres]))).map((p) => p.split(':')[0]);
    expect(codes).toEqual(['PES_UNKNOWN_SERVICE', 'PES_UNKNOWN_COMMUNE']);
  });
});

describe('schema check harness', () => {
  test('both validators reject a file with a bad TypBord, so validity above means something', async () => {
    const text = decode((await buildPesAller(makeInput())).xml).replace('<TypBord V="01"/>', '<TypBord V="09"/>');
    if (HAS_XMLLINT) {
      const result = validatePes(iconv.encode(text, 'latin1'));
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('TypBord');
    }
    const violations = await pesSchemaViolations(iconv.encode(text, 'latin1'));
    expect(violations.map((v) => v.xpath)).toEqual(['/n:PES_Aller/PES_RecetteAller/Bordereau[1]/BlocBordereau/TypBord']);
  });
});

describe('pesAllerParts: the flux streamed part by part (issue 12)', () => {
  /** Titres and réductions, each with a PDF read through `read` (which logs the reads). */
  function withPdfs(reads: number[]) {
    const input = makeInput();
    for (const b of input.bordereaux) {
      for (const p of b.pieces) {
        const bytes = Buffer.from(`%PDF-1.4 pièce ${p.numero} `.repeat(50));
        p.pdf = { fileName: `piece-${p.numero}.pdf`, content: async () => (reads.push(p.numero), bytes) };
      }
    }
    return input;
  }

  test('with PDFs, every part size gives the same bytes as the default', async () => {
    const whole = (await buildPesAller(withPdfs([]))).xml;
    await expectSchemaValid(await buildPesAller(withPdfs([])));
    for (const size of [1, 2, 3]) expect((await buildPesAller(withPdfs([]), size)).xml.equals(whole), `part size ${size}`).toBe(true);
  });

  test('a PDF is read when its PJ part is made, not before; each part holds its pieces or their PJ only', async () => {
    const reads: number[] = [];
    const parts = [];
    for await (const part of pesAllerParts(planPesAller(withPdfs(reads)), 2)) {
      parts.push({ reads: [...reads], pieces: values(part.text, 'IdPce'), pj: [...part.text.matchAll(/<PJ>[\s\S]*?<\/PJ>/g)].flatMap((m) => values(m[0], 'NomPJ')).filter((n) => n.endsWith('.pdf')), checked: part.check !== undefined });
    }
    const pieceParts = parts.filter((p) => p.checked && p.pieces.length > 0);
    expect(pieceParts.map((p) => p.pieces)).toEqual([['12', '13'], ['14', '15'], ['16', '17']]);
    expect(pieceParts.every((p) => p.reads.length === 0 && p.pj.length === 0)).toBe(true); // the pieces name their PJ, read none
    const pjParts = parts.filter((p) => p.checked && p.pieces.length === 0);
    expect(pjParts.map((p) => p.pj)).toEqual([['piece-12.pdf', 'piece-13.pdf'], ['piece-14.pdf', 'piece-15.pdf'], ['piece-16.pdf', 'piece-17.pdf']]);
    expect(pjParts.map((p) => p.reads)).toEqual([[12, 13], [12, 13, 14, 15], [12, 13, 14, 15, 16, 17]]);
  });
});
