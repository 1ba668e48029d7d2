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

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const rounds = opt('--rounds', 20);
const batch = opt('--batch', 100);
const warmup = opt('--warmup', 200);
const [file, aRoot, bRoot] = args;
if (!file || !aRoot || !bRoot) throw new Error('usage: node bench/render-ab.mjs JOBS_FILE A_ROOT B_ROOT [--rounds N] [--batch N] [--warmup N]');
const pdfkitOf = (root) => realpathSync(createRequire(join(resolve(root), 'dist', 'x.js')).resolve('pdfkit'));
if (pdfkitOf(aRoot) === pdfkitOf(bRoot)) throw new Error(`A and B load the same pdfkit (${pdfkitOf(aRoot)}): give each its own node_modules`);

const jobs = deserialize(readFileSync(file));
async function build(root) {
  const dist = pathToFileURL(join(resolve(root), 'dist')).href;
  const { createPdfRenderer } = await import(`${dist}/render/pdf-renderer.js`);
  const { decodeView } = await import(`${dist}/render/view-codec.js`);
  let config;
  const views = [];
  for (const job of jobs) {
    if (job.config !== undefined) config = decodeView(job.config);
    if (job.kind === 'titre') views.push({ ...decodeView(job.view), config });
  }
  const renderer = createPdfRenderer();
  const render = async (index) => {
    const chunks = [];
    for await (const chunk of renderer.renderTitre(views[index % views.length])) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  return { views, render };
}
const a = await build(aRoot);
const b = await build(bRoot);
let differ = 0;
for (let i = 0; i < warmup; i++) if (!(await a.render(i)).equals(await b.render(i))) differ++;
const cpu = { A: 0, B: 0 };
let next = warmup;
for (let round = 0; round < rounds; round++) {
  for (const [name, r] of round % 2 === 0 ? [['A', a], ['B', b]] : [['B', b], ['A', a]]) {
    const start = process.cpuUsage();
    for (let i = 0; i < batch; i++) await r.render(next + i);
    const used = process.cpuUsage(start);
    cpu[name] += used.user + used.system;
  }
  next += batch;
}
const titres = rounds * batch;
console.log(
  JSON.stringify({
    titres: a.views.length,
    renderedEach: titres,
    warmupDiffering: differ,
    aCpuMsPerTitre: +(cpu.A / 1000 / titres).toFixed(3),
    bCpuMsPerTitre: +(cpu.B / 1000 / titres).toFixed(3),
    ratio: +(cpu.B / cpu.A).toFixed(3),
  }),
);
