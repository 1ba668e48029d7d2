// The benchmark (npm run bench, issue 12): in one run, on a synthetic national-scale dataset
// (N communes × 2 paying services = 2N titres),
//   - `titres issue` (the real CLI, default rendering threads), at N and at N/4 communes (memory);
//   - the floor: bare pdfkit writing as many one-page, 26-line titre-like documents with the
//     standard Helvetica, on one thread, then the same on two worker threads (bench/floor-child.mjs);
//   - the dry run of 35 000 communes (the whole of France);
//   - the journal integrity check on the issued output (hook: bench/integrity-child.mjs);
// and writes the figures to bench/RESULTS.md, which the README's performance section quotes.
//
//   node bench/run.mjs [--communes N | --quick] [--no-flat] [--single] [--keep] [--results FILE] [--json]
//
//   --communes N   communes (default 35 000, i.e. 70 000 titres)
//   --quick        400 communes (800 titres): about a minute of CPU in all (measured under load)
//   --no-flat      skip the memory-flatness run (the issue again on N/4 communes)
//   --single       also issue on one thread (TITRES_RENDER_THREADS=0) and check that the journal
//                  (every PDF's sha256) is byte-identical to the threaded run's (the N/4 and N
//                  runs are then on threads whatever their size)
//   --results FILE where to write the figures (default bench/RESULTS.md; "-" = do not write)
//   --keep         keep the temp folders (datasets and outputs) and print their paths
//
// Every measured step runs in its own child process, which reports its own getrusage (CPU
// user+system of all its threads, max RSS of the process, worker threads included) and sampled
// peaks (bench/measure.mjs). Wall times depend on the machine's load (printed at start and end):
// on a shared machine CPU ms per titre and the ratios within one run are the robust figures.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from './generate-dataset.mjs';
import { RESULT_PREFIX } from './measure.mjs';
import { titresNodeEnv, titresNodeFlags } from './node-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const has = (name) => args.includes(name);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const NATIONAL = 35_000;
/** RESULTS.md from this line on is not generated here: run.mjs keeps it. */
const KEPT_MARKER = '<!-- mesures ponctuelles : gardées par bench/run.mjs -->';
const communes = has('--quick') ? 400 : Number(opt('--communes') ?? NATIONAL);
const keep = has('--keep');
const flat = !has('--no-flat');
const single = has('--single');
const resultsFile = opt('--results') ?? join(ROOT, 'bench', 'RESULTS.md');
if (!Number.isInteger(communes) || communes < 4) throw new Error('--communes: entier ≥ 4 attendu');

/** Targets of issue 12 ("done when"). */
const TARGET = { floorRatio: 1.0, rssMb: 300, flatness: 1.1, dryRunS: 3, nationalS: 180 };

const work = mkdtempSync(join(tmpdir(), 'titres-bench-'));
const log = (s) => process.stderr.write(s + '\n');
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

function child(script, childArgs, label, env = {}) {
  return new Promise((resolveDone, reject) => {
    // the CLI's children run with bin/titres's node options and environment (issue-child.mjs would run itself again to get them)
    const cli = script === 'issue-child.mjs' || script === 'integrity-child.mjs';
    const nodeFlags = cli ? titresNodeFlags() : [];
    const p = spawn(process.execPath, [...nodeFlags, join(ROOT, 'bench', script), ...childArgs], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(cli ? titresNodeEnv() : {}), ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const line = stderr.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`${label}: exit ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`));
        return;
      }
      const result = JSON.parse(line.slice(RESULT_PREFIX.length));
      log(`  ${label} : ${(result.wallMs / 1000).toFixed(1)} s, CPU ${((result.userMs + result.systemMs) / 1000).toFixed(1)} s, RSS max ${(result.maxRssKb / 1024).toFixed(0)} Mo`);
      resolveDone({ ...result, label });
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
    log(`  jeu de données ${n} communes généré en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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
  return { ...r, titres, out };
}

async function floor(count, threads, label) {
  const out = join(work, `floor-${threads}`);
  const r = await child('floor-child.mjs', ['--count', String(count), '--out', out, '--threads', String(threads)], label);
  rmSync(out, { recursive: true, force: true });
  return { ...r, titres: count };
}

/** Dry runs measured (a few seconds each): the median is reported, with every run, since one run of 3 s moves with the machine's load. */
const DRY_RUNS = has('--quick') ? 1 : 3;

/** The dry run as a user runs it before issuing: its table of 70 000 rows (7 MB) written to a pipe, as cron's mail or `| less` take it. */
async function dryRun() {
  const data = dataset(NATIONAL);
  const runs = [];
  for (let i = 0; i < DRY_RUNS; i++) {
    runs.push(await child('issue-child.mjs', ['issue', '--data', data.dir, '--year', '2026', '--dry-run'], `titres issue --dry-run, ${NATIONAL} communes, tableau compris`));
  }
  const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
  return { ...median, walls: runs.map((r) => r.wallMs) };
}

/** Same inputs and --date ⇒ same journal, hence the same sha256 of every PDF it lists. */
const fileHash = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

const fmt = (x, d = 1) => x.toLocaleString('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d });
const cpuMs = (r) => r.userMs + r.systemMs;
const perTitre = (ms, r) => ms / r.titres;
const mb = (r) => r.maxRssKb / 1024;
const HEAD = ['', 'titres', 'mur s', 'mur ms/titre', 'CPU ms/titre', 'user', 'sys', 'RSS max Mo'];
function cells(r) {
  return [
    r.label,
    String(r.titres),
    fmt(r.wallMs / 1000),
    fmt(perTitre(r.wallMs, r), 2),
    fmt(perTitre(cpuMs(r), r), 2),
    fmt(perTitre(r.userMs, r), 2),
    fmt(perTitre(r.systemMs, r), 2),
    fmt(mb(r), 0),
  ];
}
function textTable(rows) {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}
function markdownTable(rows) {
  const line = (r) => `| ${r.join(' | ')} |`;
  return [line(HEAD), line(HEAD.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => line(cells(r)))].join('\n');
}
const check = (ok) => (ok ? 'oui' : 'NON');

const results = {};
// with --single, the runs compared with the in-thread one are on threads whatever the batch's size
// (small batches are rendered in-thread by default: src/render/batch-renderer.ts), N/4 as N
const threaded = single ? { TITRES_RENDER_THREADS: String(Math.max(2, cpus().length)) } : {};
const startedAt = new Date();
const loadBefore = load();
try {
  log(`titres bench : ${communes} communes → ${2 * communes} titres ; ${cpus().length} cœurs ; charge ${loadBefore}`);
  if (flat) {
    const quarter = Math.max(2, Math.round(communes / 4));
    log(`(1/6) émission, ${quarter} communes (mémoire à N/4)`);
    results.small = await issue(quarter, 'titres issue (N/4)', threaded);
  }
  log(`(2/6) émission, ${communes} communes`);
  results.issue = await issue(communes, 'titres issue', threaded);
  if (single) {
    log(`(2b) émission, ${communes} communes, rendu sur un seul fil`);
    results.single = await issue(communes, 'titres issue, un seul fil', { TITRES_RENDER_THREADS: '0' });
    results.identical = fileHash(join(results.issue.out, 'journal.csv')) === fileHash(join(results.single.out, 'journal.csv'));
  }
  log(`(3/6) plancher : pdfkit nu, Helvetica, 1 page, ${2 * communes} documents sur un fil`);
  results.floor = await floor(2 * communes, 0, 'plancher pdfkit, 1 fil');
  log(`(4/6) plancher sur deux fils`);
  results.floor2 = await floor(2 * communes, 2, 'plancher pdfkit, 2 fils');
  log(`(5/6) simulation (--dry-run) de ${NATIONAL} communes`);
  results.dryRun = await dryRun();
  log(`(6/6) contrôle d'intégrité du journal (${2 * communes} lignes)`);
  results.integrity = await child('integrity-child.mjs', ['--out', results.issue.out], "contrôle d'intégrité du journal");
} finally {
  if (keep) log(`dossiers gardés : ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const { issue: main, floor: f1, floor2: f2, small, dryRun: dry, integrity } = results;
const rows = [main, results.single, small, f1, f2].filter(Boolean);
const wallRatio = perTitre(main.wallMs, main) / perTitre(f1.wallMs, f1);
const lines = [];
lines.push(`Rapport titres issue / plancher 1 fil : temps mur par titre × ${fmt(wallRatio, 2)} (visé ≤ ${fmt(TARGET.floorRatio, 1)}), CPU par titre × ${fmt(cpuMs(main) / main.titres / (cpuMs(f1) / f1.titres), 2)}`);
lines.push(`Rapport titres issue / plancher 2 fils : temps mur par titre × ${fmt(perTitre(main.wallMs, main) / perTitre(f2.wallMs, f2), 2)}`);
if (small) {
  const flatness = mb(main) / mb(small);
  lines.push(
    `Mémoire : RSS max ${fmt(mb(small), 0)} Mo pour ${small.titres} titres, ${fmt(mb(main), 0)} Mo pour ${main.titres} titres ` +
      `(× ${fmt(flatness, 2)} pour × ${fmt(main.titres / small.titres, 1)} titres ; visé ≤ ${TARGET.rssMb} Mo et × ≤ ${fmt(TARGET.flatness, 2)}) : ` +
      `${check(mb(main) <= TARGET.rssMb && flatness <= TARGET.flatness)}`,
  );
}
if (small) {
  // The run's fixed costs (start, the 35 000-row population file, threads' warm-up, bordereaux)
  // weigh on a small batch; the cost of one more titre is what a national batch pays 70 000 times.
  const extra = main.titres - small.titres;
  const marginalWall = (main.wallMs - small.wallMs) / extra;
  const marginalCpu = (cpuMs(main) - cpuMs(small)) / extra;
  const national = (main.wallMs + marginalWall * (2 * NATIONAL - main.titres)) / 1000;
  lines.push(
    `Coût d\u2019un titre de plus (de ${small.titres} à ${main.titres} titres) : ${fmt(marginalWall, 2)} ms de temps mur, ` +
      `${fmt(marginalCpu, 2)} ms de CPU (× ${fmt(marginalWall / perTitre(f1.wallMs, f1), 2)} le temps mur par document du plancher 1 fil, ` +
      `démarrage du plancher compris) ; ` +
      `${2 * NATIONAL} titres en ${fmt(national, 0)} s à ce rythme (extrapolé ; visé < ${TARGET.nationalS} s)`,
  );
}
const dryRuns = dry.walls.length > 1 ? `, médiane de ${dry.walls.length} exécutions (${dry.walls.map((w) => fmt(w / 1000)).join(' ; ')} s)` : '';
lines.push(
  `Simulation (--dry-run) de ${NATIONAL} communes, tableau des titres écrit dans un tube compris : ${fmt(dry.wallMs / 1000)} s${dryRuns} ` +
    `(CPU ${fmt(cpuMs(dry) / 1000)} s ; visé ≤ ${TARGET.dryRunS} s) : ${check(dry.wallMs / 1000 <= TARGET.dryRunS)}`,
);
if (main.titres >= 2 * NATIONAL) lines.push(`${main.titres} titres en ${fmt(main.wallMs / 1000)} s (visé < ${TARGET.nationalS} s) : ${check(main.wallMs / 1000 < TARGET.nationalS)}`);
lines.push(
  integrity.skipped
    ? `Contrôle d'intégrité du journal : non mesuré (à brancher : le contrôle du journal chaîné, issue 10, n'est pas encore livré ; bench/integrity-child.mjs l'appellera)`
    : `Contrôle d'intégrité du journal (${main.titres} lignes) : ${fmt(integrity.checkMs / 1000, 2)} s` +
        (integrity.documentsMs === undefined ? '' : ` ; puis documents du journal pour le plan, faits à sa demande : ${fmt(integrity.documentsMs / 1000, 2)} s`),
);
if (results.single) lines.push(`Journal identique (empreintes de chaque PDF) avec et sans fils de rendu : ${check(results.identical)}`);
const loadAfter = load();

process.stdout.write('\n' + textTable(rows) + '\n\n' + lines.join('\n') + '\n');
process.stdout.write(`Charge de la machine : ${loadBefore} au début, ${loadAfter} à la fin (${cpus().length} cœurs)\n`);
if (has('--json')) process.stdout.write(JSON.stringify(results) + '\n');

if (resultsFile !== '-') {
  const command = `node bench/run.mjs ${args.filter((a) => a !== '--json').join(' ')}`.trim();
  const md = [
    '# Mesures de performance (`npm run bench`)',
    '',
    `Dernière exécution : ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, \`${command}\` ; ` +
      `${cpus().length} cœurs (${cpus()[0]?.model ?? '?'}), Node ${process.version} ; ` +
      `charge moyenne (1, 5, 15 min) ${loadBefore} au début, ${loadAfter} à la fin.`,
    '',
    `Jeu synthétique de ${communes} communes × 2 services payants = ${2 * communes} titres (bench/generate-dataset.mjs). ` +
      'Le plancher est pdfkit nu écrivant le même nombre de documents d\u2019une page de 26 lignes en Helvetica standard ' +
      '(ni police embarquée, ni PDF/A, ni balisage), un fichier par document (bench/floor-child.mjs). ' +
      'CPU = user + sys de tous les fils du processus ; RSS max = getrusage du processus, fils de rendu compris.',
    '',
    markdownTable(rows),
    '',
    ...lines.map((l) => `- ${l}`),
    '',
    'Sur une machine partagée, le temps mur dépend de la charge : comparer les lignes d\u2019une même exécution, et le CPU par titre.',
    '',
  ].join('\n');
  // measures of single steps written by hand below the marker (bench/integrity-check.mjs,
  // bench/input-size.mjs) are kept
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const kept = previous.indexOf(KEPT_MARKER);
  writeFileSync(resultsFile, kept >= 0 ? `${md}\n${previous.slice(kept)}` : md);
  log(`résultats écrits dans ${relative(process.cwd(), resultsFile) || resultsFile}`);
}
