// The CPU of rendering a titre as `titres issue` does it, two builds side by side: as
// bench/render-ab.mjs, but each build renders in a rendering thread of its own threaded renderer
// (its worker's heap limits, the heap growth the CLI sets, the views sent and the PDFs posted
// back), one build at a time, in alternated batches. A thread's garbage collection runs partly on
// V8's helper threads, which process.cpuUsage counts (user+sys of the whole process): render-ab.mjs,
// rendering in its main thread with V8's default heap, does not see that part. Reports CPU ms per
// titre and B/A; the first titres are rendered by both and compared byte for byte.
//   node bench/render-ab-threaded.mjs JOBS_FILE A_ROOT B_ROOT [--rounds 8] [--batch 200] [--warmup 200]
// JOBS_FILE: from bench/render-capture.mjs. A_ROOT, B_ROOT: checkouts, each built (dist/); each
// thread loads its own copy of the modules, so they may share node_modules.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { abOptions, capturedViews, inFlight, measureAlternated } from './ab-harness.mjs';

const { file, aRoot, bRoot, rounds, batch, warmup } = abOptions('render-ab-threaded.mjs', { rounds: 8, batch: 200, warmup: 200 });

const COMPARED = 50;

const jobs = deserialize(readFileSync(file));
async function build(root) {
  const dist = pathToFileURL(join(resolve(root), 'dist')).href;
  const { createThreadedRenderer } = await import(`${dist}/render/threaded-renderer.js`);
  const { decodeView } = await import(`${dist}/render/view-codec.js`);
  const { boundHeapGrowth } = await import(`${dist}/cli/heap-growth.js`);
  boundHeapGrowth();
  const views = capturedViews(jobs, decodeView);
  const renderer = createThreadedRenderer({ threads: 1, workerUrl: new URL(`${dist}/render/render-worker.js`) });
  const render = async (index) => {
    const chunks = [];
    for await (const chunk of renderer.renderTitre(views[index % views.length])) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  const renderMany = inFlight(render);
  return { views, render, renderMany, close: () => renderer.close() };
}
const a = await build(aRoot);
const b = await build(bRoot);
let differ = 0;
for (let i = 0; i < COMPARED; i++) if (!(await a.render(i)).equals(await b.render(i))) differ++;
await a.renderMany(COMPARED, warmup);
await b.renderMany(COMPARED, warmup);
await measureAlternated({ rounds, batch, from: COMPARED + warmup }, a, b, { titres: a.views.length, comparedDiffering: differ });
await a.close();
await b.close();
