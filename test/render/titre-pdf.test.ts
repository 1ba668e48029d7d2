import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { config, LIQUIDATION_E2, reductionView, titreView } from './fixtures.js';
import {
  HAS_POPPLER,
  HAS_QPDF,
  normalise,
  pdfFonts,
  pdfInfo,
  pdfText,
  POPPLER_MISSING,
  QPDF_MISSING,
  qpdfCheck,
  scratch,
  sha256,
  toBuffer,
} from './pdf-tools.js';

const renderer = createPdfRenderer();
const tmp = scratch();

async function renderTitre(name: string, view = titreView()): Promise<{ file: string; bytes: Buffer }> {
  const bytes = await toBuffer(renderer.renderTitre(view));
  return { file: await tmp.write(name, bytes), bytes };
}

describe('titre de recette', () => {
  it('is a PDF', async () => {
    const { bytes } = await renderTitre('titre.pdf');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
  });

  it('is byte-identical when rendered twice, and differs when the view does', async () => {
    const first = sha256(await toBuffer(renderer.renderTitre(titreView())));
    await toBuffer(renderer.renderTitre(reductionView())); // another document in between
    const second = sha256(await toBuffer(renderer.renderTitre(titreView())));
    const fresh = sha256(await toBuffer(createPdfRenderer().renderTitre(titreView())));
    expect(second).toBe(first);
    expect(fresh).toBe(first);
    expect(sha256(await toBuffer(renderer.renderTitre(titreView({ numero: 13 }))))).not.toBe(first);
  });

  it.skipIf(!HAS_POPPLER)(`carries every mandatory mention, in reading order (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('mentions.pdf');
    const text = pdfText(file);
    const mentions = [
      'Métropole de Lyon',
      'SIREN 200046977',
      '20, rue du Lac',
      'Exercice 2026',
      'Titre n° 12',
      'Bordereau n° 3',
      'Émis et rendu exécutoire le 15/06/2026',
      'Date limite de paiement : 15/07/2026',
      'Titre de recette – Avis des sommes à payer',
      "Commune d'Écully",
      'SIREN 216900811',
      'Place de la Libération',
      '69130 Écully',
      "Contribution 2026 au service laclasse.com – commune d'Écully",
      config.convention.reference,
      config.convention.deliberation!,
      'Articles 10.1 à 10.3 de la convention-cadre et son annexe relative au service laclasse.com',
      ...LIQUIDATION_E2.flatMap((l) => [l.ref, normalise(l.libelle)]),
      '1 425,55',
      'Montant à payer : 1 210,00 €',
      'Arrêté à la somme de : mille deux cent dix euros.',
      'Opération non soumise à la TVA – article 256 B du CGI',
      'chapitre 74 – nature 74748 – fonction 20',
      'Paierie départementale du Rhône, 3, rue de la Charité, 69268 Lyon Cedex 02',
      'IBAN FR76 3000 1004 5200 0000 0000 123 – BIC BDFEFRPPCCT',
      'Référence à rappeler : « Exercice 2026 – titre n° 12 »',
      'Hélène GÉRAUD, vice-présidente déléguée aux finances, par délégation du Président (arrêté n° 2025-07-01-R-0456)',
      "Titre exécutoire en application de l'article L. 252 A du livre des procédures fiscales, pris, émis et rendu exécutoire conformément aux articles L. 1617-5 et D. 3665-3 du code général des collectivités territoriales.",
      'Dans un délai de deux mois à compter de la réception du présent avis (article L. 1617-5 2° du code général des collectivités territoriales)',
      'en saisissant le Tribunal administratif de Lyon (184, rue Duguesclin, 69433 Lyon Cedex 03)',
      'Télérecours',
    ];
    for (const mention of mentions) expect(text, `« ${mention} »`).toContain(mention);
    expect(text).not.toContain('PROJET');
    // Below the two-column header, the text reads in the document's order.
    const flow = ['Titre de recette', 'Débiteur', 'Objet', 'Fondement', 'Liquidation', ...LIQUIDATION_E2.map((l) => normalise(l.libelle)), 'Montant à payer', 'Imputation', 'Règlement', 'Ordonnateur', 'Force exécutoire', 'Voies et délais de recours'];
    const positions = flow.map((word) => text.indexOf(word));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((p) => p >= 0)).toBe(true);
  });

  it.skipIf(!HAS_POPPLER)(`fits on one A4 page, with fonts embedded and dated the issue day (${HAS_POPPLER ? 'pdfinfo, pdffonts' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('info.pdf');
    const info = pdfInfo(file);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(info.Tagged).toBe('yes');
    expect(info.CreationDate).toMatch(/^2026-06-15T00:00:00/);
    expect(info.ModDate).toMatch(/^2026-06-15T00:00:00/);
    expect(info.Title).toContain('Titre de recette');
    const fonts = pdfFonts(file).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(fonts.length).toBe(2);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it.skipIf(!HAS_QPDF)(`passes qpdf --check (${HAS_QPDF ? 'qpdf' : QPDF_MISSING})`, async () => {
    const { file } = await renderTitre('check.pdf');
    const { status, output } = qpdfCheck(file);
    expect(status, output).toBe(0);
    expect(output).toContain('No syntax or stream encoding errors');
  });

  it.skipIf(!HAS_POPPLER)(`continues on a second page when the liquidation is long (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const base = titreView();
    const liquidation = Array.from({ length: 30 }, (_, i) => ({ ref: `R${i}`, libelle: `Étape de liquidation n° ${i + 1} avec un libellé assez long pour occuper une ligne entière du tableau`, montant: '1.00' }));
    const { file } = await renderTitre('long.pdf', { ...base, document: { ...base.document, liquidation } });
    const pages = Number(pdfInfo(file).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(file);
    expect(text.split('Élément de liquidation').length - 1).toBe(pages); // table header repeated
    expect(text).toContain('Étape de liquidation n° 30');
    expect(text).toContain('page 2');
    expect(text).toContain('Référence à rappeler');
  });
});

describe('titre de réduction and titre d’annulation', () => {
  it.skipIf(!HAS_POPPLER)(`a reduction states the titre it reduces, the motif and the new balance (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('reduction.pdf', reductionView('reduction'));
    const text = pdfText(file);
    expect(text).toContain('Titre de réduction');
    expect(text).toContain('Titre n° 40');
    expect(text).toContain("Réduit le titre n° 12 de l'exercice 2026 émis le 15/06/2026 (montant initial 1 210,00 €, reste dû avant ce titre 1 210,00 €).");
    expect(text).toContain('Motif : résiliation pour manquement de la Métropole (art. 12.2)');
    expect(text).toContain('Nouveau reste dû sur le titre n° 12 : 905,01 €');
    expect(text).toContain('Montant de la réduction : 304,99 €');
    expect(text).toContain('trois cent quatre euros et quatre-vingt-dix-neuf centimes');
    expect(text).toContain("Réduction de la contribution 2026 au service laclasse.com – commune d'Écully");
    expect(text).not.toContain('Date limite de paiement');
    expect(text).not.toContain('IBAN');
    expect(text).not.toContain('Titre de recette – Avis des sommes à payer');
  });

  it.skipIf(!HAS_POPPLER)(`an annulation cancels the titre and leaves nothing due (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('annulation.pdf', reductionView('annulation'));
    const text = pdfText(file);
    expect(text).toContain("Titre d'annulation");
    expect(text).toContain("Annule le titre n° 12 de l'exercice 2026 émis le 15/06/2026");
    expect(text).toContain('Motif : erreur matérielle : double émission');
    expect(text).toContain('Nouveau reste dû sur le titre n° 12 : 0,00 €');
    expect(text).toContain('Montant annulé : 1 210,00 €');
    expect(text).not.toContain('Date limite de paiement');
  });
});

describe('preview', () => {
  const preview = () => titreView({ preview: true, numero: null, bordereau: null });

  it.skipIf(!HAS_POPPLER)(`prints « PROJET – non émis » instead of any number (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('preview.pdf', preview());
    const text = pdfText(file);
    expect(text).toContain('Titre n° PROJET – non émis');
    expect(text).toContain('Bordereau n° PROJET – non émis');
    expect(text).toContain('« Exercice 2026 – titre n° PROJET – non émis »');
    expect(text).not.toMatch(/Titre n° \d/);
    // The watermark is drawn as outlines: it does not break the text into fragments.
    expect(text).toContain('Titre de recette – Avis des sommes à payer Débiteur Commune');
  });

  it('hides the number even if the view carries one', async () => {
    const withNumber = await toBuffer(renderer.renderTitre(titreView({ preview: true })));
    const without = await toBuffer(renderer.renderTitre(preview()));
    expect(sha256(withNumber)).toBe(sha256(without));
  });

  it.skipIf(!HAS_POPPLER)(`draws a large watermark over the page (${HAS_POPPLER ? 'pdftoppm' : POPPLER_MISSING})`, async () => {
    const { file: issued } = await renderTitre('issued-image.pdf', titreView());
    const { file: draft } = await renderTitre('preview-image.pdf', preview());
    const grey = (file: string): number => greyPixels(file);
    // The watermark's diagonal adds thousands of grey pixels that the issued titre does not have.
    expect(grey(draft) - grey(issued)).toBeGreaterThan(2000);
  });
});

/** Pixels neither white nor dark in a 40-dpi greyscale rendering of page 1 (PGM from pdftoppm). */
function greyPixels(file: string): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', file], { maxBuffer: 1 << 24 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let count = 0;
  for (const p of pixels) if (p > 120 && p < 235) count++;
  return count;
}
