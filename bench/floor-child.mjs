// The floor (issue 12): bare pdfkit writing a one-page, 26-line titre-like document with the
// standard Helvetica (no font embedded, nothing tagged, no PDF/A), one file per document, as many
// documents as titres. Either sequentially in this thread, or spread over worker threads (each
// renders every k-th document), to compare with `titres issue`, which renders on every core.
//   node bench/floor-child.mjs --count N --out DIR [--threads K]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import PDFDocument from 'pdfkit';

const LINES = [
  ['Métropole de Lyon', 'B', 14],
  ['SIREN 200 046 977 — 20, rue du Lac — CS 33569 — 69505 Lyon Cedex 03', 'R', 9],
  ['Exercice 2026 — Titre n° {n} — Bordereau n° 1', 'B', 11],
  ['Date d’émission : 15/06/2026 — échéance : 15/07/2026', 'R', 9],
  ['TITRE DE RECETTE EXÉCUTOIRE', 'B', 16],
  ['Débiteur : commune de Saint-Étienne-sur-Saône {n}', 'R', 9],
  ['SIREN 216 900 811 — Hôtel de ville, 1 place de la Mairie, 69130 Écully', 'R', 9],
  ['Objet : contribution {n} au service laclasse.com, espace numérique de travail', 'B', 9],
  ['Fondement : convention-cadre signée le 20/11/2025, art. 10.1 et 10.2', 'R', 9],
  ['Délibération n° CP-2025-4074 de la Commission permanente du 14 avril 2025', 'R', 9],
  ['Liquidation', 'B', 11],
  ['R3 – art. 10.1  Population totale en vigueur au 01/01/2026 : {n} habitants', 'R', 8],
  ['R4 – art. 10.1  Indice Syntec 10/2025 = 322,2 ; référence 01/2025 = 315,2', 'R', 8],
  ['R4 – annexe §6  Contribution-cible : (300,00 € + 0,06 € × {n} hab.) × 1,022208', 'R', 8],
  ['R5 – art. 10.2  Montant antérieur 1 100,00 € ; plafond 2026 = 1 210,00 €', 'R', 8],
  ['R5 – art. 10.2  Montant dû = min(1 425,55 € ; 1 210,00 €) = 1 210,00 €', 'R', 8],
  ['Montant à payer : {n},00 €', 'B', 13],
  ['Arrêté à la somme de mille deux cent dix euros — TVA non applicable (art. 256 B du CGI)', 'R', 9],
  ['Imputation : chapitre 74 — nature 74748 — fonction 20', 'R', 9],
  ['Comptable : Paierie départementale du Rhône, 3, rue de la Charité, 69268 Lyon Cedex 02', 'R', 9],
  ['Virement : IBAN FR76 3000 1004 5200 0000 0000 123 — BIC BDFEFRPPCCT', 'R', 9],
  ['Référence à rappeler : 2026-{n}', 'R', 9],
  ['Pour le Président et par délégation, Hélène Géraud, vice-présidente', 'B', 9],
  ['Le présent titre est exécutoire (art. L. 1617-5 du CGCT)', 'R', 9],
  ['Recours : Tribunal administratif de Lyon, 184, rue Duguesclin, 69433 Lyon Cedex 03, deux mois', 'R', 8],
  ['Métropole de Lyon – Exercice 2026 – Titre n° {n} – page 1', 'R', 7],
];
const FONT = { R: 'Helvetica', B: 'Helvetica-Bold' };

/** One document, as one buffer (pdfkit writes it synchronously on end()). */
function render(i) {
  const doc = new PDFDocument({ size: 'A4', margin: 50 });
  let y = 50;
  for (const [text, font, size] of LINES) {
    doc.font(FONT[font]).fontSize(size).text(text.replaceAll('{n}', String(1000 + i)), 50, y, { width: 495 });
    y = doc.y + 6;
  }
  doc.end();
  const chunks = [];
  for (let c = doc.read(); c !== null; c = doc.read()) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Yields to the event loop after each document, so that pdfkit's stream ends and is collected. */
async function renderRange(first, step, count, outDir) {
  for (let i = first; i < count; i += step) {
    writeFileSync(join(outDir, `doc-${String(i).padStart(6, '0')}.pdf`), render(i));
    await new Promise(setImmediate);
  }
}

if (isMainThread) {
  const { report } = await import('./measure.mjs');
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  const count = Number(opt('--count', '1000'));
  const outDir = opt('--out');
  const threads = Number(opt('--threads', '0'));
  mkdirSync(outDir, { recursive: true });
  if (threads > 0) {
    await Promise.all(
      Array.from({ length: threads }, (_, k) => new Promise((resolveDone, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { first: k, step: threads, count, outDir } });
        w.on('error', reject);
        w.on('exit', (code) => (code === 0 ? resolveDone() : reject(new Error(`worker exit ${code}`))));
      })),
    );
  } else {
    await renderRange(0, 1, count, outDir);
  }
  report({ documents: count, threads });
} else {
  const { first, step, count, outDir } = workerData;
  await renderRange(first, step, count, outDir);
  parentPort?.close();
}
