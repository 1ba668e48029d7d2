// The benchmark (npm run bench): generates a synthetic national-scale dataset (N communes × 2
// paying services = 2N titres), issues it with the real CLI in a child process, and measures, in
// the same run and the same way, bare pdfkit writing as many documents of the same size.
//
//   node bench/run.mjs [--communes N | --quick] [--no-flat] [--no-single] [--naive-sample K] [--keep]
//
//   --communes N       communes (default 35 000, i.e. 70 000 titres)
//   --quick            2 000 communes
//   --no-flat          skip the memory-flatness run (the issue again on N/4 communes)
//   --no-single        skip the single-thread run (TITRES_RENDER_THREADS=0), the before of the
//                      worker-thread rendering
//   --naive-sample K   documents for the registerFont-per-document pdfkit baseline (default 500;
//                      0 skips it); per-titre figures are comparable, totals are not
//   --keep             keep the temp folders (datasets and outputs) and print their paths
//
// Every measured step runs in its own child process, which reports its own getrusage (CPU
// user+system, max RSS) and sampled RSS/heap peaks (bench/measure.mjs). Wall times depend on the
// machine's load (printed); CPU ms per titre is the robust figure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from './generate-dataset.mjs';
import { RESULT_PREFIX } from './measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const has = (name) => args.includes(name);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const communes = has('--quick') ? 2000 : Number(opt('--communes') ?? 35_000);
const naiveSample = Number(opt('--naive-sample') ?? 500);
const keep = has('--keep');
const flat = !has('--no-flat');
const single = !has('--no-single');
if (!Number.isInteger(communes) || communes < 4) throw new Error('--communes: entier ≥ 4 attendu');

const work = mkdtempSync(join(tmpdir(), 'titres-bench-'));
const log = (s) => process.stderr.write(s + '\n');

function child(script, childArgs, label, env = {}) {
  return new Promise((resolveDone, reject) => {
    const started = process.hrtime.bigint();
    const p = spawn(process.execPath, [join(ROOT, 'bench', script), ...childArgs], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stderr.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`${label}: exit ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`));
        return;
      }
      const result = JSON.parse(line.slice(RESULT_PREFIX.length));
      log(`  ${label} : ${(result.wallMs / 1000).toFixed(1)} s, CPU ${((result.userMs + result.systemMs) / 1000).toFixed(1)} s, RSS max ${(result.maxRssKb / 1024).toFixed(0)} Mo`);
      resolveDone({ ...result, spawnWallMs: wallMs });
    });
  });
}

function countFiles(dir, suffix) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countFiles(join(dir, e.name), suffix);
    else if (e.name.endsWith(suffix)) n++;
  }
  return n;
}

const datasets = new Map();
function dataset(n) {
  if (!datasets.has(n)) {
    const t0 = Date.now();
    datasets.set(n, generateDataset({ communes: n, dir: join(work, `data-${n}`) }));
    log(`  jeu de données ${n} communes généré en ${((Date.now() - t0) / 1000).toFixed(1)} s (${datasets.get(n).dir})`);
  }
  return datasets.get(n);
}

async function issue(n, label, env = {}) {
  const data = dataset(n);
  const out = join(work, `out-${n}-${Object.values(env).join('-') || 'defaut'}`);
  const r = await child(
    'issue-child.mjs',
    ['issue', '--data', data.dir, '--year', '2026', '--out', out, '--date', '2026-06-15', '--quiet'],
    label,
    env,
  );
  const titres = countFiles(join(out, '2026', 'titres'), '.pdf');
  if (titres !== data.titres) throw new Error(`${label}: ${titres} PDF de titres, ${data.titres} attendus`);
  return { ...r, label, titres };
}

async function bare(count, fonts, label) {
  const out = join(work, `pdfkit-${fonts}`);
  const r = await child('pdfkit-child.mjs', ['--count', String(count), '--out', out, '--fonts', fonts], label);
  if (!keep) rmSync(out, { recursive: true, force: true });
  return { ...r, label, titres: count };
}

const fmt = (x, d = 1) => x.toLocaleString('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d });
function row(r) {
  const cpuMs = r.userMs + r.systemMs;
  return [
    r.label,
    String(r.titres),
    fmt(r.wallMs / 1000),
    fmt(r.titres / (r.wallMs / 1000)),
    fmt(cpuMs / r.titres, 2),
    fmt(r.userMs / r.titres, 2),
    fmt(r.systemMs / r.titres, 2),
    fmt(r.maxRssKb / 1024, 0),
    fmt(r.sampledPeakHeapMb, 0),
  ];
}
function table(rows) {
  const head = ['', 'titres', 'mur s', 'titres/s', 'CPU ms/titre', 'user', 'sys', 'RSS max Mo', 'tas max Mo'];
  const all = [head, ...rows.map(row)];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

const results = {};
try {
  log(`titres bench : ${communes} communes → ${2 * communes} titres ; ${cpus().length} cœurs ; charge ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (flat) {
    const quarter = Math.max(2, Math.round(communes / 4));
    log(`(1/4) émission, ${quarter} communes (mémoire : petite taille)`);
    results.small = await issue(quarter, `titres issue (N/4)`);
  }
  log(`(2/4) émission, ${communes} communes`);
  results.issue = await issue(communes, `titres issue`);
  if (single) {
    log(`(2b) émission, ${communes} communes, rendu sur un seul fil (avant les fils de rendu)`);
    results.single = await issue(communes, `titres issue, un seul fil`, { TITRES_RENDER_THREADS: '0' });
  }
  log(`(3/4) pdfkit nu, ${2 * communes} documents de 2 pages (polices analysées une fois)`);
  results.bare = await bare(2 * communes, 'shared', 'pdfkit nu, polices partagées');
  if (naiveSample > 0) {
    log(`(4/4) pdfkit nu, registerFont par document, échantillon de ${naiveSample} documents`);
    results.naive = await bare(naiveSample, 'register', 'pdfkit nu, registerFont/doc');
  }

  const rows = [results.issue, results.single, results.bare, results.naive, results.small].filter(Boolean);
  const cpu = (r) => (r.userMs + r.systemMs) / r.titres;
  process.stdout.write('\n' + table(rows) + '\n\n');
  process.stdout.write(
    `Rapport titres / pdfkit nu (polices partagées) : CPU par titre × ${fmt(cpu(results.issue) / cpu(results.bare), 2)}, ` +
      `temps mur × ${fmt(results.issue.wallMs / results.bare.wallMs, 2)}\n`,
  );
  if (results.single) {
    process.stdout.write(
      `Fils de rendu (un par cœur) / un seul fil : temps mur × ${fmt(results.single.wallMs / results.issue.wallMs, 2)} plus rapide\n`,
    );
  }
  if (results.naive) {
    process.stdout.write(`pdfkit nu avec registerFont par document : ${fmt(cpu(results.naive), 2)} ms CPU par document\n`);
  }
  if (results.small) {
    const s = results.small;
    const b = results.issue;
    process.stdout.write(
      `Mémoire : RSS max ${fmt(s.maxRssKb / 1024, 0)} Mo pour ${s.titres} titres, ${fmt(b.maxRssKb / 1024, 0)} Mo pour ${b.titres} titres ` +
        `(× ${fmt(b.maxRssKb / s.maxRssKb, 2)} pour × ${fmt(b.titres / s.titres, 1)} titres) ; ` +
        `tas max ${fmt(s.sampledPeakHeapMb, 0)} → ${fmt(b.sampledPeakHeapMb, 0)} Mo\n`,
    );
  }
  process.stdout.write(`Charge de la machine à la fin : ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${cpus().length} cœurs)\n`);
  if (has('--json')) process.stdout.write(JSON.stringify(results) + '\n');
} finally {
  if (keep) log(`dossiers gardés : ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
