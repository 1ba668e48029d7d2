import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { closedRegularisationView, config, etatView, LIQUIDATION_E2, reductionView, regularisationView, titreView } from './fixtures.js';
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
  wordBoxes,
  linesOf,
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
      "Direction de l'innovation numérique et des systèmes d'information",
      'Affaire suivie par Dominique Lefèvre',
      'Tél. 04 78 63 40 00',
      'Courriel : titres-numerique@grandlyon.example',
      'Avis des sommes à payer',
      'Titre de recette exécutoire',
      'Exercice 2026',
      'Titre n° 12',
      'Bordereau n° 3 (titres)', // the series of its type (R9, PES TypBord 01)
      'Émis et rendu exécutoire le 15/06/2026',
      'Date limite de paiement : 15/07/2026',
      'Madame, Monsieur le Maire',
      "Commune d'Écully",
      'SIREN 216900811',
      'Place de la Libération',
      '69130 Écully',
      "Contribution 2026 de la commune d'Écully au service laclasse.com",
      config.convention.reference,
      config.convention.deliberation!,
      'Articles 10.1 à 10.3 de la convention-cadre et son annexe relative au service laclasse.com',
      ...LIQUIDATION_E2.map((l) => normalise(l.libelle)),
      'Convention, art. 10.1',
      'Annexe laclasse.com, § 6',
      'Convention, art. 10.2',
      '1 394,58 € × 322,2 / 315,2 = 1 425,55 €',
      'Montant à payer 1 210,00',
      'Arrêté à la somme de mille deux cent dix euros.',
      'Opération non soumise à la TVA (article 256 B du code général des impôts)',
      'chapitre 74 – nature 74748 – fonction 20',
      'Paierie départementale du Rhône, 3, rue de la Charité, 69268 Lyon Cedex 02',
      'IBAN FR76 3000 1004 5200 0000 0000 123 – BIC BDFEFRPPCCT',
      'Référence à rappeler : exercice 2026, titre n° 12',
      'Pour le Président et par délégation, Hélène GÉRAUD, vice-présidente déléguée aux finances',
      'Délégation de signature : arrêté n° 2025-07-01-R-0456 du 1er juillet 2025.',
      "Titre exécutoire en application de l'article L. 252 A du livre des procédures fiscales, pris, émis et rendu exécutoire conformément aux articles L. 1617-5 et D. 3665-3 du code général des collectivités territoriales.",
      'Dans un délai de deux mois à compter de la réception du présent avis (article L. 1617-5 2° du code général des collectivités territoriales)',
      'en saisissant le Tribunal administratif de Lyon (184, rue Duguesclin, 69433 Lyon Cedex 03)',
      'Télérecours',
    ];
    for (const mention of mentions) expect(text, `« ${mention} »`).toContain(mention);
    expect(text).not.toContain('PROJET');
    // Below the header, the text reads in the document's order.
    const flow = ['Objet', 'Fondement', ...LIQUIDATION_E2.map((l) => normalise(l.libelle)), 'Montant à payer 1 210,00', 'Imputation', 'Règlement', 'Ordonnateur', 'Force exécutoire', 'Voies et délais de recours'];
    const positions = flow.map((word) => text.indexOf(word));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((p) => p >= 0)).toBe(true);
  });

  it.skipIf(!HAS_POPPLER)(`the liquidation's amount column adds up to the total (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('column.pdf');
    const boxes = wordBoxes(file);
    const head = boxes.find((b) => b.text === 'Élément')!;
    const total = boxes.find((b) => b.text === 'Arrêté')!;
    // The amount column: right of the last 62 pt of the text width, between the header and the words.
    const column = linesOf(boxes.filter((b) => b.xMin > 595.28 - 42.5 - 62 && b.yMin > head.yMax && b.yMax < total.yMin)).map((l) => l.text);
    // Only the step that gives the amount carries it in the column, then the total row.
    expect(column).toEqual(['1 210,00', '1 210,00']);
  });

  it.skipIf(!HAS_POPPLER)(`fits on one A4 page, with fonts embedded and dated the issue day (${HAS_POPPLER ? 'pdfinfo, pdffonts' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('info.pdf');
    const info = pdfInfo(file);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(info.Tagged).toBe('yes');
    expect(info.CreationDate).toMatch(/^2026-06-15T00:00:00/);
    expect(info.ModDate).toMatch(/^2026-06-15T00:00:00/);
    expect(info.Title).toBe('Avis des sommes à payer – exercice 2026 – titre n° 12 – Écully – laclasse.com');
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
    expect(text).toContain('Voies et délais de recours');
  });
});

describe('titre de réduction, d’annulation, de régularisation, état des annulations (their own template)', () => {
  it.skipIf(!HAS_POPPLER)(`a reduction states the titre it reduces, the motif and the effect whether paid or not (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('reduction.pdf', reductionView('reduction'));
    const text = pdfText(file);
    for (const mention of [
      'Titre de réduction',
      "Rectifie le titre de recette n° 12 de l'exercice 2026",
      'Titre de réduction n° 40',
      'Bordereau n° 5 (réductions)',
      "Titre rectifié : n° 12 de l'exercice 2026, émis le 15/06/2026, montant 1 210,00 €",
      'Motif : Résiliation pour manquement de la Métropole (art. 12.2)',
      'Montant de la réduction : 304,99 €',
      'Montant du titre n° 12 après la présente correction : 905,01 €',
      'Le présent titre ne vous réclame aucune somme',
      "Si vous n'avez pas encore réglé ce titre, vous n'en devez plus que 905,01 €.",
      'Si vous avez déjà réglé, la somme de 304,99 € vous sera remboursée par le comptable public.',
      'trois cent quatre euros et quatre-vingt-dix-neuf centimes',
      "Réduction de la contribution 2026 de la commune d'Écully au service laclasse.com",
      'Pour le Président et par délégation, Hélène GÉRAUD',
      'Si vous contestez la présente décision',
    ]) {
      expect(text, mention).toContain(mention);
    }
    // Nothing is claimed: no date limite, no payment details, no formule exécutoire, no « reste dû ».
    for (const absent of ['Date limite de paiement', 'IBAN', 'Titre exécutoire', 'Avis des sommes à payer', 'somme réclamée', 'reste dû']) {
      expect(text, absent).not.toContain(absent);
    }
  });

  it.skipIf(!HAS_POPPLER)(`an annulation cancels the titre, refunds what was paid (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('annulation.pdf', reductionView('annulation'));
    const text = pdfText(file);
    expect(text).toContain("Titre d'annulation n° 40");
    expect(text).toContain('Motif : Erreur matérielle : double émission');
    expect(text).toContain('Montant annulé : 1 210,00 €');
    expect(text).toContain('il annule le titre n° 12, dont vous ne devez plus rien. Si vous avez déjà réglé, la somme versée vous sera remboursée par le comptable public.');
    expect(text).toContain("Titre d'origine");
    for (const absent of ['Date limite de paiement', 'Titre exécutoire', 'somme réclamée']) expect(text, absent).not.toContain(absent);
  });

  it.skipIf(!HAS_POPPLER)(`a régularisation has its title and cites the titre it reduces (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('regularisation.pdf', regularisationView());
    const text = pdfText(file);
    expect(text).toContain('Titre de réduction – régularisation');
    expect(text).toContain("Rectifie le titre de recette n° 31 de l'exercice 2027");
    expect(text).toContain('Titre de réduction n° 44'); // the piece's number names its type, not the régularisation
    expect(text).toContain('Motif : Régularisation : plafond recalculé après la réduction du titre 2026-12');
    expect(text).toContain('Montant de la réduction : 63,00 €');
    expect(text).toContain('Montant 2027 recalculé sur le montant 2026 net des réductions (titre n° 12) : 1 207,50 € ; excédent 1 270,50 € − 1 207,50 € = 63,00 €');
    expect(text).toContain('Si vous avez déjà réglé, la somme de 63,00 € vous sera remboursée');
    expect(text).toContain('Convention, art. 10.2');
    for (const absent of ['Date limite de paiement', 'Titre exécutoire', 'somme réclamée', 'IBAN']) expect(text, absent).not.toContain(absent);
  });

  it.skipIf(!HAS_POPPLER)(`the statement of a closed exercice (compte 673) names the titre it corrects, its own number, no bordereau, nothing claimed (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('etat.pdf', etatView());
    const text = pdfText(file);
    for (const mention of [
      'État des annulations',
      "Rectifie le titre de recette n° 12 de l'exercice clos 2026",
      'Exercice 2027',
      'État n° 1',
      'Établi le 01/09/2027',
      "Titre rectifié : n° 12 de l'exercice 2026, émis le 15/06/2026, montant 1 210,00 €",
      'Motif : Erreur de tarif',
      "Correction, sur exercice clos, de la contribution 2026 de la commune d'Écully au service laclasse.com : mandat de l'exercice 2027 au compte 673",
      'Montant annulé sur exercice clos : 50,00 €',
      'Montant du titre n° 12 après la présente correction : 1 160,00 €',
      "Le présent état ne vous réclame aucune somme. L'exercice 2026 étant clos, la réduction de 50,00 € du titre n° 12 est constatée par un mandat de l'exercice 2027 au compte 673",
      "Si vous n'avez pas encore réglé ce titre, vous n'en devez plus que 1 160,00 €.",
      'Si vous avez déjà réglé, la somme de 50,00 € vous sera remboursée par le comptable public.',
      'Instruction M57, compte 673',
      "Exercice 2026 clos le 31/01/2027",
      "Compte 673 « Titres annulés (sur exercices antérieurs) », budget de l'exercice 2027 (instruction budgétaire et comptable M57)",
      'cinquante euros',
      'Pour le Président et par délégation, Hélène GÉRAUD',
      'Métropole de Lyon – Exercice 2027 – État n° 1 – page 1',
    ]) {
      expect(text, mention).toContain(mention);
    }
    // A statement supporting a mandat: no bordereau, nothing claimed, no formule exécutoire.
    for (const absent of ['Bordereau', 'Date limite de paiement', 'IBAN', 'Titre exécutoire', 'rendu exécutoire', 'somme réclamée', 'reste dû', 'chapitre 74']) {
      expect(text, absent).not.toContain(absent);
    }
    expect(pdfInfo(file).Title).toBe('État des annulations – exercice 2027 – n° 1 – Écully – laclasse.com');
  });

  it.skipIf(!HAS_POPPLER)(`the knock-on onto a closed exercice is a statement of compte 673 of the current exercice, not a réduction (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('etat-regularisation.pdf', closedRegularisationView());
    const text = pdfText(file);
    for (const mention of [
      'État des annulations',
      "Rectifie le titre de recette n° 31 de l'exercice clos 2027",
      'État n° 2',
      'Établi le 01/03/2028',
      'Motif : Régularisation : plafond recalculé après la réduction du titre 2026-12',
      'Exercice 2027 clos le 31/01/2028',
      'Montant 2027 recalculé sur le montant 2026 net des réductions (titre n° 12) : 1 207,50 €',
      "L'exercice 2027 étant clos, la réduction de 63,00 € du titre n° 31 est constatée par un mandat de l'exercice 2028 au compte 673",
      "Compte 673 « Titres annulés (sur exercices antérieurs) », budget de l'exercice 2028",
    ]) {
      expect(text, mention).toContain(mention);
    }
    for (const absent of ['Bordereau', 'Titre de réduction', 'Date limite de paiement', 'rendu exécutoire']) expect(text, absent).not.toContain(absent);
  });

  it.skipIf(!HAS_POPPLER)(`a statement for the whole net amount says nothing is left due (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const text = pdfText((await renderTitre('etat-annulation.pdf', etatView('1210.00'))).file);
    expect(text).toContain("l'annulation du titre n° 12 est constatée par un mandat de l'exercice 2027 au compte 673, que le présent état justifie : vous ne devez plus rien sur ce titre.");
    expect(text).toContain('Montant du titre n° 12 après la présente correction : 0,00 €');
    expect(text).not.toContain("vous n'en devez plus que");
  });
});

describe('preview', () => {
  const preview = () => titreView({ preview: true, numero: null, bordereau: null });

  it.skipIf(!HAS_POPPLER)(`carries no number and no date limite, only « Projet – non émis » (${HAS_POPPLER ? 'pdftotext' : POPPLER_MISSING})`, async () => {
    const { file } = await renderTitre('preview.pdf', preview());
    const text = pdfText(file);
    expect(text).toContain('Projet – non émis');
    expect(text).not.toMatch(/(Titre|Bordereau|titre) n° /);
    expect(text).not.toContain('Date limite');
    expect(text).not.toContain('15/07/2026');
    expect(pdfInfo(file).Title).toBe("Projet d'avis des sommes à payer – exercice 2026 – Écully – laclasse.com");
    // The watermark is drawn as outlines: it does not break the text into fragments.
    expect(text).toContain('Madame, Monsieur le Maire');
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
    expect(grey(draft) - grey(issued)).toBeGreaterThan(1500);
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
