// The CPU of rendering a titre in a rendering thread, for two sizes of the thread's semi-spaces,
// side by side in one process: thread A is made with --max-semi-space-size=SEMI_A, thread B with
// SEMI_B (V8 reads the flag when it makes a thread's heap), both from this checkout's build and
// with the heap growth the CLI sets, then they render the same titres in alternated batches (A,B
// then B,A, …), so that a shared machine's load weighs on both alike. Reports CPU ms per titre
// (process.cpuUsage: user+sys of every thread, the collectors' helpers included) and B/A.
//   node bench/render-semi-space.mjs JOBS_FILE SEMI_A SEMI_B [--rounds 8] [--batch 200] [--warmup 300]
// JOBS_FILE: from bench/render-capture.mjs. Run after npm run build.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deserialize, setFlagsFromString } from 'node:v8';
import { capturedViews, inFlight, measureAlternated } from './ab-harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const rounds = option('rounds', 8);
const batch = option('batch', 200);
const warmup = option('warmup', 300);
const [file, semiA, semiB] = args;
if (!file || !semiA || !semiB) throw new Error('usage: node bench/render-semi-space.mjs JOBS_FILE SEMI_A SEMI_B [--rounds N] [--batch N] [--warmup N]');

const dist = pathToFileURL(join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist')).href;
const { createThreadedRenderer } = await import(`${dist}/render/threaded-renderer.js`);
const { decodeView } = await import(`${dist}/render/view-codec.js`);
const { boundHeapGrowth } = await import(`${dist}/cli/heap-growth.js`);
boundHeapGrowth();
const views = capturedViews(deserialize(readFileSync(file)), decodeView);

/** A rendering thread whose heap is made with semi-spaces of `semi` MB. */
function thread(semi) {
  setFlagsFromString(`--max-semi-space-size=${semi}`);
  const renderer = createThreadedRenderer({ threads: 1, workerUrl: new URL(`${dist}/render/render-worker.js`) });
  const render = async (index) => {
    for await (const chunk of renderer.renderTitre(views[index % views.length])) void chunk;
  };
  const renderMany = inFlight(render);
  return { renderMany, close: () => renderer.close() };
}
const a = thread(semiA);
await a.renderMany(0, warmup); // its heap is made before B's flag is set
const b = thread(semiB);
await b.renderMany(0, warmup);
await measureAlternated({ rounds, batch, from: warmup }, a, b, { semiA, semiB });
await a.close();
await b.close();
