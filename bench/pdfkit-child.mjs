// The floor: bare pdfkit writing the same number of documents as titres (2 A4 pages each, ~60
// lines of text per page, DejaVu Sans regular and bold embedded as subsets), one file per
// document, doc.pipe to a file stream, a few documents in flight at once like the CLI.
//   --fonts register: the idiomatic way, registerFont per document with the buffers read once
//                     (pdfkit parses the TTF again in every document);
//   --fonts shared:   the fonts parsed once for all documents, with titres' own shared-fonts.js
//                     (dist/), so the floor is comparable to what the CLI's renderer does.
//   node bench/pdfkit-child.mjs --count N --out DIR [--fonts shared|register] [--concurrency 4]
import { mkdirSync, createWriteStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { report } from './measure.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const count = Number(opt('--count', '1000'));
const outDir = opt('--out');
const concurrency = Number(opt('--concurrency', '4'));
const fontsMode = opt('--fonts', 'shared');
let shared;
if (fontsMode === 'shared') {
  const { createSharedFonts, FONT_REGULAR, FONT_BOLD } = await import('../dist/render/shared-fonts.js');
  const { loadPdfAssets } = await import('../dist/render/assets.js');
  shared = { fonts: createSharedFonts(loadPdfAssets()), R: FONT_REGULAR, B: FONT_BOLD };
}
const require = createRequire(import.meta.url);
const regular = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const bold = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));

const LINES = [
  'TITRE DE RECETTE EXÉCUTOIRE',
  'Métropole de Lyon — 20, rue du Lac — CS 33569 — 69505 Lyon Cedex 03',
  'Exercice 2026 — Titre n° {n} — Bordereau n° 1 — émis le 15 juin 2026',
  'Débiteur : commune de Saint-Étienne-sur-Saône {n}, Hôtel de ville, 1 place de la Mairie',
  'Objet : contribution au service laclasse.com, espace numérique de travail des écoles',
  'Population totale au 1er janvier 2026 : {n} habitants (source INSEE)',
  'Forfait 300,00 € + 0,06 € × population, indexé Syntec (réf. 2025-01, valeur 301,2)',
  'Montant à payer : {n},00 € (mille deux cent dix euros) — délai de paiement : 30 jours',
  'Comptable : Paierie métropolitaine de Lyon — IBAN FR76 3000 1006 9100 0069 0000 135',
  'Voies de recours : Tribunal administratif de Lyon, 184, rue Duguesclin, 69433 Lyon Cedex 03',
];

function writeOne(i) {
  return new Promise((resolveDone, reject) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, margin: 50, font: '' });
    let R = 'R';
    let B = 'B';
    if (shared) {
      shared.fonts.install(doc);
      ({ R, B } = shared);
    } else {
      doc.registerFont(R, regular);
      doc.registerFont(B, bold);
    }
    const file = createWriteStream(join(outDir, `doc-${String(i).padStart(6, '0')}.pdf`));
    file.on('finish', resolveDone);
    file.on('error', reject);
    doc.pipe(file);
    for (let page = 0; page < 2; page++) {
      doc.addPage();
      for (let l = 0; l < 60; l++) {
        const text = LINES[l % LINES.length].replace('{n}', String(1000 + i + l));
        doc.font(l % 10 === 0 ? B : R).fontSize(l % 10 === 0 ? 11 : 9).text(text, 50, 50 + l * 12, { lineBreak: false });
      }
    }
    doc.end();
  });
}

mkdirSync(outDir, { recursive: true });
let next = 0;
async function worker() {
  while (next < count) await writeOne(next++);
}
await Promise.all(Array.from({ length: concurrency }, worker));
report({ documents: count, fonts: fontsMode });
