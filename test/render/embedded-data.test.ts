/**
 * Issue 11 item 5: every titre, correction and bordereau embeds its data as a PDF/A-3 associated
 * file (AFRelationship /Data), valid against the schema published in schemas/, with every figure
 * and its source; verify's reader gets it back and compares it with the journal.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money.js';
import type { IssuedDocument } from '../../src/engine/history.js';
import PDFDocument from 'pdfkit';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { PackedLines } from '../../src/render/bordereau-lines.js';
import { attachData, attachDataPieces, bordereauData, bordereauJson } from '../../src/render/embedded-data.js';
import { useNativeWrites } from '../../src/render/native-writes.js';
import { finishedPdf } from '../../src/render/pdf-stream.js';
import type { BordereauLine } from '../../src/render/views.js';
import { readEmbeddedFile } from '../../src/verify/embedded-file.js';
import { checkBordereauData, checkTitreData } from '../../src/verify/verify-embedded.js';
import { bordereauView, closedRegularisationView, etatView, reductionView, regularisationView, titreView } from './fixtures.js';
import { bordereauBytes, HAS_QPDF, QPDF_MISSING, scratch, toBuffer } from './pdf-tools.js';

const renderer = createPdfRenderer();
const tmp = scratch();
const SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateTitre = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'titre-liquidation.schema.json'), 'utf8')));
const validateBordereau = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'bordereau.schema.json'), 'utf8')));

function embedded(bytes: Buffer, name: string): any {
  const file = readEmbeddedFile(bytes, name);
  expect(file, `${name} embedded`).toBeDefined();
  return JSON.parse(file!.toString('utf8'));
}

/** The journal line the fixture's titre would have. */
function journaled(overrides: Partial<IssuedDocument> = {}): IssuedDocument {
  return {
    exercice: 2026,
    numero: 12,
    bordereau: 3,
    dateEmission: '2026-06-15',
    type: 'titre',
    codeInsee: '69081',
    service: 'laclasse',
    montant: new Decimal('1210.00'),
    fichier: '2026/titres/laclasse/69081-ecully/titre-2026-00012.pdf',
    sha256: '',
    ...overrides,
  } as IssuedDocument;
}

describe('the machine-readable twin', () => {
  it('a titre embeds liquidation.json, valid against its schema, with every figure sourced', async () => {
    const bytes = await toBuffer(renderer.renderTitre(titreView()));
    const data = embedded(bytes, 'liquidation.json');
    expect(validateTitre(data), JSON.stringify(validateTitre.errors)).toBe(true);
    expect(data.document).toEqual({ type: 'titre', exercice: 2026, numero: 12, bordereau: 3, date_emission: '2026-06-15', date_limite_paiement: '2026-07-15', apercu: false });
    expect(data.montant).toBe('1210.00');
    expect(data.debiteur).toMatchObject({ code_insee: '69081', siren: '216900811' });
    // The internal provenance the page leaves out is here: rule ids and dataset positions.
    expect(data.liquidation[0]).toEqual({ ref: 'R3 – art. 10.1', libelle: expect.stringContaining('18 243 habitants'), montant: null, source: 'populations/2026.csv, ligne 20' });
    const population = data.chiffres.find((c: any) => c.nom === 'population');
    expect(population).toEqual({ nom: 'population', valeur: '18243', source: expect.stringContaining('INSEE, population totale légale millésime 2023, en vigueur au 1er janvier 2026') });
    for (const figure of data.chiffres) expect(figure.source.length, figure.nom).toBeGreaterThan(10);
  });

  it('a correction and a preview embed theirs; nothing is claimed, a preview has no number', async () => {
    const reduction = embedded(await toBuffer(renderer.renderTitre(reductionView('reduction'))), 'liquidation.json');
    expect(validateTitre(reduction), JSON.stringify(validateTitre.errors)).toBe(true);
    expect(reduction.document).toMatchObject({ type: 'reduction', numero: 40, date_limite_paiement: null });
    expect(reduction.titre_origine).toEqual({ exercice: 2026, numero: 12 });
    const preview = embedded(await toBuffer(renderer.renderTitre(titreView({ preview: true, numero: null, bordereau: null }))), 'liquidation.json');
    expect(validateTitre(preview), JSON.stringify(validateTitre.errors)).toBe(true);
    expect(preview.document).toMatchObject({ numero: null, bordereau: null, date_limite_paiement: null, apercu: true });
  });

  it('the régularisation and the statement of a closed exercice embed theirs: no bordereau, no date limite for the statement (R10)', async () => {
    const regularisation = embedded(await toBuffer(renderer.renderTitre(regularisationView())), 'liquidation.json');
    expect(validateTitre(regularisation), JSON.stringify(validateTitre.errors)).toBe(true);
    expect(regularisation).toMatchObject({ montant: '63.00', titre_origine: { exercice: 2027, numero: 31 }, motif: 'régularisation : plafond recalculé après la réduction du titre 2026-12' });
    expect(regularisation.liquidation.map((l: any) => l.ref)).toContain('R10 – art. 10.2');

    const etat = embedded(await toBuffer(renderer.renderTitre(etatView())), 'liquidation.json');
    expect(validateTitre(etat), JSON.stringify(validateTitre.errors)).toBe(true);
    expect(etat.document).toEqual({ type: 'etat_annulation', exercice: 2027, numero: 1, bordereau: null, date_emission: '2027-09-01', date_limite_paiement: null, apercu: false });
    expect(etat).toMatchObject({ montant: '50.00', titre_origine: { exercice: 2026, numero: 12 }, motif: 'Erreur de tarif' });
    expect(etat.liquidation[0]).toMatchObject({ ref: 'R10 – instruction M57, compte 673', libelle: expect.stringContaining('compte 673') });
    expect(etat.liquidation.at(-1)).toMatchObject({ ref: 'R10', montant: '50.00' });

    const closed = embedded(await toBuffer(renderer.renderTitre(closedRegularisationView())), 'liquidation.json');
    expect(validateTitre(closed), JSON.stringify(validateTitre.errors)).toBe(true);
    expect(closed.document).toMatchObject({ type: 'etat_annulation', exercice: 2028, numero: 2, bordereau: null, date_limite_paiement: null });
    expect(closed).toMatchObject({ montant: '63.00', titre_origine: { exercice: 2027, numero: 31 } });
  });

  it('a bordereau embeds bordereau.json with its pieces, total and the exercice cumul', async () => {
    const data = embedded(await bordereauBytes(renderer, bordereauView()), 'bordereau.json');
    expect(validateBordereau(data), JSON.stringify(validateBordereau.errors)).toBe(true);
    expect(data).toMatchObject({ nombre_pieces: 3, total: '2379.03', cumul_exercice: '15420.77', document: { nature: 'titres', numero: 3 } });
  });

  it.skipIf(!HAS_QPDF)(`is a PDF/A-3 associated file: /AF in the catalogue, /AFRelationship /Data, application/json (${HAS_QPDF ? 'qpdf' : QPDF_MISSING})`, async () => {
    const file = await tmp.write('af.pdf', await toBuffer(renderer.renderTitre(titreView())));
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 1 << 26 }).toString('latin1');
    expect(qdf).toMatch(/\/AFRelationship \/Data/);
    expect(qdf).toMatch(/\/F \(liquidation\.json\)/);
    expect(qdf).toMatch(/\/AF \[/);
    expect(qdf).toMatch(/\/Subtype \/application#2[Ff]json/);
    expect(qdf).toMatch(/\/Type \/EmbeddedFile/);
  });

  it('verify agrees when the embedded data matches the journal, and names each difference when not', async () => {
    const titre = await toBuffer(renderer.renderTitre(titreView()));
    expect(checkTitreData(titre, journaled(), 'titre.pdf')).toEqual([]);
    const problems = checkTitreData(titre, journaled({ montant: new Decimal('1210.01'), numero: 13 }), 'titre.pdf');
    expect(problems).toEqual([
      expect.objectContaining({ code: 'EMBEDDED_DATA_MISMATCH', message: expect.stringMatching(/numéro 12 au lieu de 13 ; montant "1210.00" au lieu de "1210.01"/) }),
    ]);
    expect(checkTitreData(Buffer.from('%PDF-1.7\n%%EOF\n'), journaled(), 'x.pdf')[0].message).toContain('absentes ou illisibles');

    // The statement of compte 673: the journal records no bordereau (0), the data says none (null).
    const etat = await toBuffer(renderer.renderTitre(etatView()));
    const etatLine = journaled({ type: 'etat_annulation', exercice: 2027, numero: 1, bordereau: 0, dateEmission: '2027-09-01', montant: new Decimal('50.00'), titreOrigine: { exercice: 2026, numero: 12 } });
    expect(checkTitreData(etat, etatLine, 'etat.pdf')).toEqual([]);
    expect(checkTitreData(etat, { ...etatLine, titreOrigine: { exercice: 2026, numero: 13 } }, 'etat.pdf')[0].message).toContain(
      `titre d'origine {"exercice":2026,"numero":12} au lieu de {"exercice":2026,"numero":13}`,
    );

    const bordereau = await bordereauBytes(renderer, bordereauView());
    const lines = bordereauView().lines;
    const docs = Array.from(lines, (l) => journaled({ numero: l.numero!, codeInsee: l.codeInsee, montant: new Decimal(l.montant), bordereau: 3 }));
    expect(checkBordereauData(bordereau, docs, 'b.pdf')).toEqual([]);
    expect(checkBordereauData(bordereau, docs.slice(1), 'b.pdf')[0]).toMatchObject({ code: 'EMBEDDED_DATA_MISMATCH', message: expect.stringContaining('pièces') });
    // as many pieces, one amount differs: the message prints both lists whole
    const changed = docs.map((d, i) => (i === 1 ? { ...d, montant: d.montant.plus('0.01') } : d));
    const [difference] = checkBordereauData(bordereau, changed, 'b.pdf');
    const journalList = JSON.stringify(changed.map((d) => [d.numero, d.type, d.codeInsee, d.montant.toFixed(2)]));
    expect(difference.message).toContain(`au lieu de ${journalList}`);
    expect(difference.message).toMatch(/^les données jointes au bordereau ne concordent pas avec le journal : pièces \[\[/);
  });

  it('finds an embedded file by its name among several, by the object its Filespec names', () => {
    const stream = (id: number, body: string): string => `${id} 0 obj\n<<\n/Length ${body.length}\n>>\nstream\n${body}\nendstream\nendobj\n`;
    const filespec = (id: number, name: string, file: number): string => `${id} 0 obj\n<<\n/Type /Filespec\n/F (${name})\n/EF <<\n/F ${file} 0 R\n>>\n>>\nendobj\n`;
    // object 11 is named before object 1, whose header ends "11 0 obj": only a header at a line's start counts
    const pdf = Buffer.from(`%PDF-1.7\n${stream(11, 'onze')}${stream(1, 'un')}${filespec(2, 'a.json', 1)}${filespec(3, 'b.json', 11)}%%EOF\n`, 'latin1');
    expect(readEmbeddedFile(pdf, 'a.json')?.toString()).toBe('un');
    expect(readEmbeddedFile(pdf, 'b.json')?.toString()).toBe('onze');
    expect(readEmbeddedFile(pdf, 'c.json')).toBeUndefined();
  });
});

describe('a bordereau’s data in pieces (issue 12, flat memory)', () => {
  const many = Array.from({ length: 1_234 }, (_, i): BordereauLine => ({
    numero: 40 + i,
    type: i % 5 === 0 ? 'reduction' : 'titre',
    codeInsee: String(69001 + i),
    commune: i % 7 === 0 ? `Œuilly "le haut"\\ ${i}` : `Commune n° ${i}`,
    montant: `${i}.25`,
    ...(i % 5 === 0 ? { titreOrigine: `2025-${i}` } : {}),
  }));
  const views = {
    'three lines': bordereauView(),
    'many lines, réductions, quotes and backslashes': bordereauView({ nature: 'reductions', lines: many }),
    'a preview': bordereauView({ preview: true, numero: null }),
    'no line': bordereauView({ lines: [], total: '0.00' }),
    'lines held packed': bordereauView({ lines: PackedLines.pack(many) }),
  };

  it.each(Object.entries(views))('joined, the pieces are the JSON text of the whole data (%s)', (_, view) => {
    const pieces = [...bordereauJson(view)];
    expect(pieces.join('')).toBe(JSON.stringify(bordereauData(view), null, 2) + '\n');
    if (view.lines.length > 1_000) expect(pieces.length).toBeGreaterThan(2);
  });

  /** The bytes of a document holding `attach`'s embedded file (compressed or not). */
  function pdfWith(attach: (doc: PDFKit.PDFDocument) => void, compress: boolean): Promise<Buffer> {
    useNativeWrites();
    const day = new Date('2026-06-15T00:00:00Z');
    const doc = new PDFDocument({ compress, autoFirstPage: false, font: '', info: { CreationDate: day, ModDate: day } });
    attach(doc);
    doc.end();
    return toBuffer(finishedPdf(doc));
  }

  it.each([true, false])('are embedded as the whole text would be, byte for byte (compressed: %s)', async (compress) => {
    const view = views['many lines, réductions, quotes and backslashes'];
    const whole = await pdfWith((doc) => attachData(doc, 'bordereau.json', 'Pièces', bordereauData(view), '2026-06-15'), compress);
    const pieces = await pdfWith((doc) => attachDataPieces(doc, 'bordereau.json', 'Pièces', bordereauJson(view), '2026-06-15'), compress);
    expect(pieces.equals(whole)).toBe(true);
    expect(JSON.parse(readEmbeddedFile(pieces, 'bordereau.json')!.toString('utf8'))).toEqual(bordereauData(view));
  });
});
