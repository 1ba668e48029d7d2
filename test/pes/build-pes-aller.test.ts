import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { Decimal, sum, toAmountString } from '../../src/engine/money.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { buildPesAller } from '../../src/pes/build-pes-aller.js';
import { makeInput, reductionsBordereau, titresBordereau } from './fixtures.js';
import { validatePes, values } from './xmllint.js';

const decode = (xml: Buffer): string => iconv.decode(xml, 'latin1');

function expectSchemaValid(xml: Buffer): void {
  const result = validatePes(xml);
  expect(result.stderr).toContain('validates');
  expect(result.status).toBe(0);
}

/** The text of each <Bordereau>…</Bordereau>. */
function bordereaux(text: string): string[] {
  return [...text.matchAll(/<Bordereau>[\s\S]*?<\/Bordereau>/g)].map((m) => m[0]);
}

describe('buildPesAller: schema validity', () => {
  test('a bordereau of titres and one of réductions validate against PES_Aller.xsd v5.30', () => {
    expectSchemaValid(buildPesAller(makeInput()).xml);
  });

  test('a file holding only réductions/annulations validates', () => {
    expectSchemaValid(buildPesAller(makeInput([reductionsBordereau()])).xml);
  });

  test('with PDF attachments and a cumul annuel, the file still validates', () => {
    const titres = { ...titresBordereau(), cumulAnnuel: '9876.54' };
    titres.pieces[0].pdf = { fileName: 'out/2026/Écully – titre n°12.pdf', content: Buffer.from('%PDF-1.4 titre 12') };
    titres.pieces[1].pdf = { fileName: 'titre-13.PDF', content: Buffer.from('%PDF-1.4 titre 13') };
    expectSchemaValid(buildPesAller(makeInput([titres, reductionsBordereau()])).xml);
  });
});

describe('buildPesAller: content', () => {
  const { fileName, xml } = buildPesAller(makeInput());
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

  test('titres are 01/01/01 with Edition 01; réductions are 02/02/06 with RattachPiece, in number order', () => {
    const [titres, reductions] = bordereaux(text);
    expect(values(titres, 'TypBord')).toEqual(['01']);
    expect(values(titres, 'IdPce')).toEqual(['12', '13', '14', '15']);
    expect(new Set(values(titres, 'TypPce'))).toEqual(new Set(['01']));
    expect(new Set(values(titres, 'NatPce'))).toEqual(new Set(['01']));
    expect(values(titres, 'Edition')).toEqual(['01', '01', '01', '01']);
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
    expect(values(text, 'Adr2')).toContain("HOTEL DE VILLE, 1 PLACE DE L'EGLISE ET");
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
  test('no PDF ⇒ no PES_PJ and no PJRef', () => {
    const text = decode(buildPesAller(makeInput()).xml);
    expect(text).not.toContain('PES_PJ');
    expect(text).not.toContain('PJRef');
  });

  test('a PDF becomes a PES_PJ (gzip + base64) referenced by its piece with the same IdUnique', () => {
    const titres = titresBordereau();
    const pdf = Buffer.from('%PDF-1.4 contenu du titre 12');
    titres.pieces[0].pdf = { fileName: 'out/2026/Écully – titre n°12.pdf', content: pdf };
    const text = decode(buildPesAller(makeInput([titres])).xml);
    expect(values(text, 'IdUnique')).toEqual(['TITRES202612301N12', 'TITRES202612301N12']);
    expect(values(text, 'NomPJ')).toEqual(['Ecully_titre_n_12.pdf', 'Ecully_titre_n_12.pdf']);
    expect(values(text, 'TypePJ')).toEqual(['008', '008']);
    expect(values(text, 'Support')).toEqual(['01']);
    const base64 = /<Fichier MIMEType="application\/pdf">([^<]+)<\/Fichier>/.exec(text)?.[1] ?? '';
    expect(gunzipSync(Buffer.from(base64, 'base64')).equals(pdf)).toBe(true);
    expect(values(text, 'Description')[0]).toMatch(/^Titre de recette n° 12, exercice 2026 : /);
  });
});

describe('buildPesAller: determinism', () => {
  test('same input ⇒ byte-identical file', () => {
    const a = buildPesAller(makeInput());
    const b = buildPesAller(makeInput());
    expect(a.fileName).toBe(b.fileName);
    expect(a.xml.equals(b.xml)).toBe(true);
  });

  test('the order of bordereaux and pieces in the input does not change the bytes', () => {
    const titres = titresBordereau();
    titres.pieces.reverse();
    const shuffled = buildPesAller(makeInput([reductionsBordereau(), titres]));
    expect(shuffled.xml.equals(buildPesAller(makeInput()).xml)).toBe(true);
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
    input.communes.get('69081')!.siret = undefined;
    const problems = problemsOf(() => buildPesAller(input));
    expect(problems).toEqual([
      'PES_MISSING_IDENTIFIER: identifiant PES manquant : emetteur.pes.id_post (poste comptable)',
      'PES_MISSING_IDENTIFIER: identifiant PES manquant : emetteur.pes.cod_bud (code budget)',
      'PES_MISSING_IDENTIFIER: identifiant PES manquant : siret de la commune Écully (69081)',
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
    const codes = problemsOf(() => buildPesAller(makeInput([titres, reductions, { ...reductionsBordereau(), pieces: [] }]))).map((p) => p.split(':')[0]);
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
    const codes = problemsOf(() => buildPesAller(makeInput([titres]))).map((p) => p.split(':')[0]);
    expect(codes).toEqual(['PES_UNKNOWN_SERVICE', 'PES_UNKNOWN_COMMUNE']);
  });
});

describe('schema check harness', () => {
  test('xmllint rejects a file with a bad TypBord, so validity above means something', () => {
    const text = decode(buildPesAller(makeInput()).xml).replace('<TypBord V="01"/>', '<TypBord V="09"/>');
    const result = validatePes(iconv.encode(text, 'latin1'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TypBord');
  });
});
