// Summarises a .cpuprofile (node --cpu-prof): self time by function and by package/folder, and
// inclusive time for a few frames of interest.
//   node bench/profile-summary.mjs FILE.cpuprofile [top=30]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function where(url) {
  if (!url) return '(native/gc)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  const d = url.match(/\/dist\/([^/]+)\//);
  if (d) return 'titres/' + d[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.split('/').slice(-2).join('/');
}
const key = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}${n.callFrame.url ? ':' + (n.callFrame.lineNumber + 1) : ''}`;
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + ' %';

const fnSelf = new Map();
const pkgSelf = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  fnSelf.set(key(n), (fnSelf.get(key(n)) ?? 0) + us);
  pkgSelf.set(where(n.callFrame.url), (pkgSelf.get(where(n.callFrame.url)) ?? 0) + us);
}
// Inclusive time per function name (counted once per sample stack).
const incl = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const seen = new Set();
  for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id);
    const k = `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + (dt[i] ?? 0));
  }
}
console.log(`total sampled ${(total / 1e6).toFixed(1)} s`);
console.log('\n== self time by package / folder');
for (const [k, v] of [...pkgSelf].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(v), k);
console.log(`\n== self time, top ${top} functions`);
for (const [k, v] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(v), k);
console.log(`\n== inclusive time, top ${top} functions`);
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(v), k);
