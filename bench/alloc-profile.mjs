// What rendering a titre allocates, function by function: the titres captured by
// bench/render-capture.mjs are rendered in this thread under V8's sampling heap profiler, the
// objects already collected included (minor and major collections), since it is the garbage, not
// what stays, that makes a run collect. Prints kilobytes allocated per titre: in all, by function
// (its own allocations), and by function with all it calls, for this checkout's render/ and engine/
// and for pdfkit.
//   node --max-semi-space-size=4 bench/alloc-profile.mjs JOBS_FILE [--titres 400] [--warmup 200] [--top 25] [--out FILE.heapprofile] [--promoted]
// --out keeps the profile for Chrome DevTools (Memory panel, Load). --promoted leaves out what the
// young generation's collections freed: what is left is what survived them, promoted to the old
// generation (then freed by its collections, or still alive), which makes the full collections.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { deserialize } from 'node:v8';
import { capturedViews } from './ab-harness.mjs';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/alloc-profile.mjs JOBS_FILE [--titres 400] [--warmup 200] [--top 25] [--out FILE]');
const option = (name, fallback) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : fallback;
};
const titres = Number(option('--titres', '400'));
const warmup = Number(option('--warmup', '200'));
const top = Number(option('--top', '25'));
const out = option('--out', undefined);
const promoted = rest.includes('--promoted');

const { createPdfRenderer } = await import('../dist/render/pdf-renderer.js');
const { decodeView } = await import('../dist/render/view-codec.js');
const views = capturedViews(deserialize(readFileSync(file)), decodeView);
const renderer = createPdfRenderer();
const render = async (view) => {
  for await (const chunk of renderer.renderTitre(view)) void chunk;
};
// Warm: the fixed subsets, the caches of recurring wording and the compiled code are a run's, not a titre's.
for (let i = 0; i < warmup; i++) await render(views[i % views.length]);

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 512,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: !promoted,
});
for (let i = 0; i < titres; i++) await render(views[(warmup + i) % views.length]);
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();
if (out) writeFileSync(out, JSON.stringify(profile));

const name = ({ functionName, url, lineNumber }) => {
  const where = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? url.match(/\/dist\/(.+)$/)?.[1] ?? url.split('/').pop();
  return `${functionName || '(anonyme)'}  ${where || '(natif)'}${url ? `:${lineNumber + 1}` : ''}`;
};
const self = new Map();
const inclusive = new Map();
let total = 0;
/** Adds a node's allocations to its function, and its subtree's to each function on the path once. */
function walk(node, onPath) {
  const key = name(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  const first = !onPath.has(key);
  if (first) onPath.add(key);
  let sum = node.selfSize;
  for (const child of node.children) sum += walk(child, onPath);
  if (first) {
    onPath.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
  }
  return sum;
}
walk(profile.head, new Set());

const kb = (bytes) => (bytes / titres / 1024).toFixed(1).padStart(8);
const ranked = (map, keep) => [...map].filter(([key]) => keep(key)).sort((a, b) => b[1] - a[1]).slice(0, top);
const print = (title, rows) => console.log(`\n== ${title}\n${rows.map(([key, bytes]) => `${kb(bytes)}  ${key}`).join('\n')}`);
console.log(`${titres} titres (après ${warmup} pour chauffer) : ${kb(total).trim()} Ko ${promoted ? 'promus (survivants des collectes de la jeune génération)' : 'alloués'} par titre`);
print('Ko par titre, allocations propres', ranked(self, () => true));
print('Ko par titre, appels compris : render/ et engine/', ranked(inclusive, (key) => /\s(render|engine)\//.test(key)));
print('Ko par titre, appels compris : pdfkit', ranked(inclusive, (key) => /\spdfkit:/.test(key)));
