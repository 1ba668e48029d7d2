// The CPU cost of rendering a titre, two builds side by side in one process: the titres captured
// by bench/render-capture.mjs are rendered by build A and by build B in alternated batches
// (A,B then B,A, …), so that a shared machine's load weighs on both alike. Reports CPU ms per
// titre (process.cpuUsage: user+sys of every thread, the GC's helpers included) and B/A; the
// warm-up titres are rendered by both and compared byte for byte.
//   node bench/render-ab.mjs JOBS_FILE A_ROOT B_ROOT [--rounds 20] [--batch 100] [--warmup 200]
// A_ROOT and B_ROOT are checkouts, each built (dist/) and with its own node_modules: both builds
// patch pdfkit's prototypes, so they must not load the same copy of pdfkit (checked).
import { realpathSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { abOptions, capturedViews, measureAlternated } from './ab-harness.mjs';

const { file, aRoot, bRoot, rounds, batch, warmup } = abOptions('render-ab.mjs', { rounds: 20, batch: 100, warmup: 200 });
const pdfkitOf = (root) => realpathSync(createRequire(join(resolve(root), 'dist', 'x.js')).resolve('pdfkit'));
if (pdfkitOf(aRoot) === pdfkitOf(bRoot)) throw new Error(`A and B load the same pdfkit (${pdfkitOf(aRoot)}): give each its own node_modules`);

const jobs = deserialize(readFileSync(file));
async function build(root) {
  const dist = pathToFileURL(join(resolve(root), 'dist')).href;
  const { createPdfRenderer } = await import(`${dist}/render/pdf-renderer.js`);
  const { decodeView } = await import(`${dist}/render/view-codec.js`);
  const views = capturedViews(jobs, decodeView);
  const renderer = createPdfRenderer();
  const render = async (index) => {
    const chunks = [];
    for await (const chunk of renderer.renderTitre(views[index % views.length])) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  const renderMany = async (from, count) => {
    for (let i = 0; i < count; i++) await render(from + i);
  };
  return { views, render, renderMany };
}
const a = await build(aRoot);
const b = await build(bRoot);
let differ = 0;
for (let i = 0; i < warmup; i++) if (!(await a.render(i)).equals(await b.render(i))) differ++;
await measureAlternated({ rounds, batch, from: warmup }, a, b, { titres: a.views.length, warmupDiffering: differ });
