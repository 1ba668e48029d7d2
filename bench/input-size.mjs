// Memory and time of `titres issue --dry-run` on huge input files (issue 10: "memory bounded
// whatever the input, a 50 MB file must not take gigabytes", and no hang). Builds, from the
// sample dataset, one dataset per case (a 50 MB adhesions.csv, refused at once above the input
// cap; files just under the cap, 31 MB, of bad rows and of well-formed rows that the checks
// reject, for adhesions.csv and populations/2026.csv), runs the CLI on each under /usr/bin/time -v
// and prints exit code, wall time, CPU and peak RSS.
//
//   node bench/input-size.mjs [--mb N] [--keep]      (after npm run build; N: size under the cap, default 31)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = join(ROOT, 'samples', 'metropole-de-lyon');
const args = process.argv.slice(2);
const mbUnderCap = args.includes('--mb') ? Number(args[args.indexOf('--mb') + 1]) : 31;

const ADHESIONS = 'code_insee,service,date_signature,date_debut,montant_anterieur,date_fin,motif_fin,date_preavis,options\n';
const POPULATIONS = 'code_insee,population_municipale,population_totale\n';
const code = (i) => String(10000 + (i % 89999));
const CASES = [
  { name: 'adhesions.csv, 50 Mo de lignes fausses', file: 'adhesions.csv', mb: 50, header: ADHESIONS, row: (i) => `${69000 + (i % 1000)},laclasse,2026-13-45,x,2500.005,,,,\n` },
  { name: `adhesions.csv, ${mbUnderCap} Mo de lignes fausses`, file: 'adhesions.csv', mb: mbUnderCap, header: ADHESIONS, row: (i) => `${69000 + (i % 1000)},laclasse,2026-13-45,x,2500.005,,,,\n` },
  { name: `adhesions.csv, ${mbUnderCap} Mo de lignes bien formées (communes inconnues)`, file: 'adhesions.csv', mb: mbUnderCap, header: ADHESIONS, row: (i) => `${code(i)},laclasse,2025-12-18,,1100.00,,,,\n` },
  { name: `adhesions.csv, ${mbUnderCap} Mo de lignes au mauvais nombre de cellules`, file: 'adhesions.csv', mb: mbUnderCap, header: ADHESIONS, row: () => '69081,laclasse,2025-12-18,,1100.00\n' },
  { name: `populations/2026.csv, ${mbUnderCap} Mo de lignes fausses`, file: 'populations/2026.csv', mb: mbUnderCap, header: POPULATIONS, row: (i) => `${code(i)},-${i},abc\n` },
  { name: `populations/2026.csv, ${mbUnderCap} Mo de lignes bien formées`, file: 'populations/2026.csv', mb: mbUnderCap, header: POPULATIONS, row: (i) => `${code(i)},${1000 + i},${2000 + i}\n` },
];

function build(dir, c) {
  cpSync(SAMPLES, dir, { recursive: true });
  const parts = [c.header];
  let size = c.header.length;
  for (let i = 0; size < c.mb * 1024 * 1024; i++) {
    const line = c.row(i);
    parts.push(line);
    size += line.length;
  }
  writeFileSync(join(dir, c.file), parts.join(''));
  return parts.length - 1;
}

const time = existsSync('/usr/bin/time');
const work = mkdtempSync(join(tmpdir(), 'titres-bench-input-'));
console.log(`${cpus().length} cœurs ; charge ${loadavg().map((l) => l.toFixed(1)).join(' ')} ; ${time ? '/usr/bin/time -v' : 'sans /usr/bin/time : temps mur seul'}`);
try {
  for (const [i, c] of CASES.entries()) {
    const dir = join(work, `case-${i}`);
    const rows = build(dir, c);
    const cli = [join(ROOT, 'bin', 'titres'), 'issue', '--data', dir, '--year', '2026', '--dry-run'];
    const start = performance.now();
    const r = time ? spawnSync('/usr/bin/time', ['-v', ...cli], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(cli[0], cli.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wall = (performance.now() - start) / 1000;
    const field = (label) => Number((r.stderr.match(new RegExp(`${label}: ([0-9.]+)`)) ?? [])[1]);
    const cpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
    const rss = field('Maximum resident set size \\(kbytes\\)') / 1024;
    const shown = (r.stdout + r.stderr).split('\n').filter((l) => / erreur | avertissement /.test(l)).length;
    console.log(
      `${c.name} (${rows} lignes) : code ${r.status}, ${wall.toFixed(1)} s` +
        (time ? `, CPU ${cpu.toFixed(1)} s, RSS max ${rss.toFixed(0)} Mo` : '') +
        `, ${shown} problèmes affichés ; charge ${loadavg()[0].toFixed(1)}`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  if (args.includes('--keep')) console.log(`dossier gardé : ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
