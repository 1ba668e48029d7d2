/**
 * Adoption of a folder written before the chained journal (no `chaine` column), once, by the first
 * command that writes into it, under the lock:
 * 1. `verify` must find it conforme (every PDF's sha256, numbering, registers, ledgers); else
 *    nothing is written and the command stops (exit 4): restore the folder first;
 * 2. journal.csv is rewritten with the new columns, every value kept as it was: `type_bordereau`
 *    empty (its bordereau numbers belong to the one series both types shared), `taille` the PDF's
 *    size now, `empreinte_registre` empty, and the chain computed from the first line. From then
 *    on, any edit of these lines shows; an edit made BEFORE the adoption is what step 1 checks;
 * 3. bordereaux.csv gets its new columns the same way (type, size, journal anchor, chain), and the
 *    PES exports already under OUT are registered in exports-pes.csv.
 * Each file is replaced atomically; a crash between them leaves a folder that the next run adopts
 * again (its journal already chained, the registers are then completed from it).
 */
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { journalGroups, bordereauKey } from '../engine/bordereaux.js';
import { problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { BORDEREAU_REGISTER, registerRow } from '../io/bordereau-register.js';
import { formatRegister, readRegister } from '../io/chained-register.js';
import { formatJournal, readJournalContents } from '../io/journal.js';
import { journalPath, resolveOut } from '../io/output-layout.js';
import { PES_REGISTER } from '../io/file-registers.js';
import { verifyOut } from '../verify/verify-out.js';
import { checkOutFolder, type OutState } from './check-out.js';

export async function adoptLegacyFolder(state: OutState): Promise<OutState> {
  const { outDir } = state;
  const report = await verifyOut(outDir, { lockHeld: true });
  const errors = report.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new TitresError('state', [
      ...errors,
      problem(
        'LEGACY_NOT_ADOPTED',
        `le dossier « ${outDir} », écrit par une version antérieure, n’est pas conforme : il n’a pas été repris (rien n’a été écrit) ; ` +
          'restaurez-le depuis la sauvegarde, puis relancez',
        { file: journalPath(outDir) },
      ),
    ]);
  }
  if (state.journal.legacy) {
    const docs = state.journal.entries.map((e) => ({ ...e.doc, legacySeries: true as const, taille: statSync(resolveOut(outDir, e.doc.fichier)).size }));
    await writeFileAtomic(journalPath(outDir), formatJournal(docs));
  }

  // each bordereau is anchored on the journal line of its last document (a run journals in plan order)
  const chained = await readJournalContents(outDir);
  const chainOf = new Map(chained.entries.map((e) => [e.doc, e.chain]));
  const lastChain = new Map<string, string>();
  for (const group of journalGroups(chained.entries.map((e) => e.doc))) {
    const last = group.documents.reduce((a, d) => (d.numero > a.numero ? d : a));
    lastChain.set(bordereauKey(group), chainOf.get(last) ?? '');
  }
  const rows = state.register.entries.map(({ bordereau: b }) =>
    registerRow({ ...b, taille: statSync(resolveOut(outDir, b.fichier)).size, chaineJournal: lastChain.get(bordereauKey(b)) }),
  );
  await writeFileAtomic(resolveOut(outDir, BORDEREAU_REGISTER.file), formatRegister(BORDEREAU_REGISTER, rows));

  const pes = await readRegister(outDir, PES_REGISTER);
  if (!pes.exists) {
    const exports = [];
    for (const year of (await readdir(outDir)).filter((n) => /^\d{4}$/.test(n)).sort()) {
      const names = await readdir(resolveOut(outDir, `${year}/pes`)).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith('.xml')).sort()) {
        const fichier = `${year}/pes/${name}`;
        const content = await readFile(resolveOut(outDir, fichier));
        exports.push({
          exercice: year,
          fichier,
          sha256: createHash('sha256').update(content).digest('hex'),
          taille: String(content.length),
          chaine_journal: chained.head,
        });
      }
    }
    if (exports.length > 0) await writeFileAtomic(resolveOut(outDir, PES_REGISTER.file), formatRegister(PES_REGISTER, exports));
  }
  return checkOutFolder(outDir);
}
