// The folder check that issue, cancel and export-pes make under the lock before anything else
// (src/apply/check-out.ts: journal chain, numbering, presence and size of every journaled PDF,
// register of bordereaux), measured on a synthetic chained journal of N lines (default 70 000)
// with one small file per line. Issue 10 asks for under one second at 70 000 lines.
//
//   node bench/integrity-check.mjs [--lines N] [--keep]      (after npm run build)
//   node bench/integrity-check.mjs --out DIR                 (checks a folder kept by --keep: no
//                                                             setup, so the check runs cold)
//
// As a module: `measureIntegrityCheck({ lines })` returns { lines, ms, cpuMs, mainCpuMs, documentsMs, setupMs, load }
// (documentsMs: the journal's documents, which the check does not make, made after it as a run's plan asks for them);
// bench/run.mjs can call it and print the figure beside the others. The check runs once, cold, as
// in a run of the tool. On a shared machine the wall time follows the load (printed): the CPU time
// (user + system, GC threads and the worker that stats the PDFs included) is the steadier figure;
// the main thread's CPU (Linux) is the check's critical path.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withTitresNodeFlags } from './node-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);

export async function measureIntegrityCheck({ lines = 70_000, keep = false } = {}) {
  const [{ checkOutFolder }, { formatJournal, readJournalContents }, { dec }, { journalGroups, bordereauKey }, { formatRegister }, { BORDEREAU_REGISTER, registerRow }] =
    await Promise.all([
      dist('apply/check-out.js'),
      dist('io/journal.js'),
      dist('engine/money.js'),
      dist('engine/bordereaux.js'),
      dist('io/chained-register.js'),
      dist('io/bordereau-register.js'),
    ]);
  const out = mkdtempSync(join(tmpdir(), 'titres-bench-check-'));
  try {
    const setup = performance.now();
    const services = ['laclasse', 'toodego'];
    const docs = [];
    const perService = Math.ceil(lines / services.length);
    for (let i = 0; i < lines; i++) {
      const service = services[Math.floor(i / perService)];
      const code = String(1000 + (i % perService)).padStart(5, '0');
      const folder = `2026/titres/${service}/${code}-commune-${code}`;
      const fichier = `${folder}/titre-2026-${String(i + 1).padStart(5, '0')}.pdf`;
      mkdirSync(join(out, folder), { recursive: true });
      const content = `%PDF-bench ${i}\n`;
      writeFileSync(join(out, fichier), content);
      docs.push({
        exercice: 2026,
        numero: i + 1,
        bordereau: services.indexOf(service) + 1,
        dateEmission: '2026-06-15',
        type: 'titre',
        codeInsee: code,
        service,
        montant: dec('1234.56'),
        regime: 'cible',
        contributionCible: dec('1234.56'),
        converge: true,
        fichier,
        sha256: 'a'.repeat(64),
        taille: Buffer.byteLength(content),
        ledgerSha256: 'b'.repeat(64),
      });
    }
    writeFileSync(join(out, 'journal.csv'), formatJournal(docs));
    const journal = await readJournalContents(out);
    const chainOf = new Map(journal.entries.map((e) => [e.doc.numero, e.chain]));
    const rows = journalGroups(journal.entries.map((e) => e.doc)).map((g) => {
      const fichier = `2026/bordereaux/bordereau-${bordereauKey(g)}.pdf`;
      mkdirSync(join(out, '2026/bordereaux'), { recursive: true });
      writeFileSync(join(out, fichier), '%PDF-bench-bordereau\n');
      const last = g.documents[g.documents.length - 1];
      const total = g.documents.reduce((t, d) => t.plus(d.montant), dec('0')).toFixed(2);
      return registerRow({ ...g, pieces: g.documents.length, total, fichier, sha256: 'c'.repeat(64), taille: 21, chaineJournal: chainOf.get(last.numero) });
    });
    writeFileSync(join(out, BORDEREAU_REGISTER.file), formatRegister(BORDEREAU_REGISTER, rows));
    const setupMs = performance.now() - setup;
    return { ...(await timeCheck(checkOutFolder, out, lines)), setupMs };
  } finally {
    if (keep) console.log(`dossier gardé : ${out}`);
    else rmSync(out, { recursive: true, force: true });
  }
}

/** CPU ms of this process's main thread (Linux; undefined elsewhere), at 10 ms resolution. */
function mainThreadCpuMs() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** One cold check of OUT, timed: wall, CPU of the process, CPU of the main thread. */
async function timeCheck(checkOutFolder, out, lines) {
  const load = loadavg()[0];
  const main = mainThreadCpuMs();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const state = await checkOutFolder(out);
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const mainCpuMs = main === undefined ? undefined : mainThreadCpuMs() - main;
  // the journal's documents, which the check does not make: a run's plan asks for them after it (src/io/journal-lines.ts)
  const documentsStart = performance.now();
  const documents = state.history.documents.length;
  const documentsMs = performance.now() - documentsStart;
  if (lines !== undefined && documents !== lines) throw new Error(`check read ${documents} lines, ${lines} expected`);
  return { lines: documents, ms, cpuMs: (user + system) / 1000, mainCpuMs, documentsMs, load };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // as the check runs in the tool: with bin/titres's node options (bench/node-flags.mjs)
  withTitresNodeFlags(import.meta.url);
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const kept = option('--out');
  const { lines, ms, cpuMs, mainCpuMs, documentsMs, setupMs, load } = kept
    ? await timeCheck((await dist('apply/check-out.js')).checkOutFolder, kept)
    : await measureIntegrityCheck({ lines: Number(option('--lines') ?? 70_000), keep: args.includes('--keep') });
  console.log(
    `contrôle du dossier (chaîne, numérotation, présence et taille des PDF, registre) : ${lines} lignes en ${ms.toFixed(0)} ms ` +
      `(CPU ${cpuMs.toFixed(0)} ms${mainCpuMs === undefined ? '' : `, dont fil principal ${mainCpuMs.toFixed(0)} ms`} ; ` +
      `charge ${load.toFixed(1)} sur ${cpus().length} cœurs${setupMs === undefined ? ' ; dossier existant' : ` ; préparation ${(setupMs / 1000).toFixed(1)} s`})` +
      ` ; puis documents du journal, faits quand le plan les demande : ${documentsMs.toFixed(0)} ms`,
  );
}
