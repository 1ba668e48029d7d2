// What the main thread holds for a batch, in bytes per titre, part by part (issue 12: flat memory):
// the dataset as read, the plan, the numbered plan; each measured as the heap kept after full
// collections plus the typed arrays' buffers (held outside the heap), on a synthetic dataset of N
// communes × 2 services (bench/generate-dataset.mjs).
//   node --expose-gc bench/plan-heap.mjs [--communes 35000] [--snapshot FILE.heapsnapshot]
// --snapshot writes the heap with all three held, for Chrome DevTools (Memory panel, Load) or a
// summary by constructor. Run after npm run build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { generateDataset } from './generate-dataset.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const communes = Number(option('--communes') ?? 35_000);
const snapshot = option('--snapshot');
if (typeof globalThis.gc !== 'function') throw new Error('lancer avec node --expose-gc bench/plan-heap.mjs');

const [{ readDataset }, { planExercice }, { numberPlan }, { EMPTY_HISTORY }] = await Promise.all([
  dist('io/read-dataset.js'),
  dist('engine/plan-exercice.js'),
  dist('engine/numbered-plan.js'),
  dist('engine/history.js'),
]);

const work = mkdtempSync(join(tmpdir(), 'titres-plan-heap-'));
try {
  const { dir } = generateDataset({ communes, dir: join(work, 'donnees') });
  // the V8 heap kept, and the typed arrays' buffers, which are outside it (the plan's columns)
  const held = () => {
    globalThis.gc();
    globalThis.gc();
    return getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
  };
  const start = held();
  const { dataset } = await readDataset(dir);
  const afterDataset = held();
  const plan = planExercice(dataset, EMPTY_HISTORY, { exercice: 2026, dateEmission: '2026-06-15' });
  const afterPlan = held();
  const numbered = numberPlan(plan, EMPTY_HISTORY, dataset.config.numerotation);
  const afterNumbered = held();
  const titres = plan.documents.length;
  const row = (label, bytes) =>
    `${label.padEnd(22)} ${(bytes / 1048576).toFixed(1).padStart(7)} Mo ${Math.round(bytes / titres).toString().padStart(7)} o/titre`;
  console.log(`${communes} communes, ${titres} titres : tas gardé après collectes complètes`);
  console.log(row('jeu de données', afterDataset - start));
  console.log(row('plan', afterPlan - afterDataset));
  console.log(row('plan numéroté', afterNumbered - afterPlan));
  console.log(row('total', afterNumbered - start));
  if (snapshot) console.log(`instantané : ${writeHeapSnapshot(snapshot)}`);
  globalThis.held = [dataset, plan, numbered]; // alive until the end of the measure
} finally {
  rmSync(work, { recursive: true, force: true });
}
