/**
 * An output folder remembers the dataset it was issued from (OUT/.titres/donnees.json), so that
 * `cancel` and `export-pes` work with --out alone, as the issue describes them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { usageError } from '../errors/titres-error.js';

const FILE = path.join('.titres', 'donnees.json');

export async function rememberDataset(outDir: string, dataDir: string, cwd: string): Promise<void> {
  const body = JSON.stringify({ donnees: path.resolve(cwd, dataDir) }, null, 2) + '\n';
  await writeFileAtomic(path.join(outDir, FILE), body);
}

export async function recallDataset(outDir: string, given: string | undefined): Promise<string> {
  if (given) return given;
  try {
    const body = JSON.parse(await readFile(path.join(outDir, FILE), 'utf8')) as { donnees?: string };
    if (body.donnees) return body.donnees;
  } catch {
    /* fall through */
  }
  throw usageError('MISSING_OPTION', `--data est obligatoire : le dossier ${outDir} ne mémorise aucun jeu de données (aucune émission encore)`);
}
