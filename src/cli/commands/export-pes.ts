/** `titres export-pes`: the issued bordereaux of an exercice as a PES_Aller file for Hélios. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readDataset } from '../../io/read-dataset.js';
import { readJournal } from '../../io/journal.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { buildPesAller } from '../../pes/build-pes-aller.js';
import { usageError } from '../../errors/titres-error.js';
import { documentDate, parseYear } from '../arguments.js';
import { recallDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { bordereauxFromJournal } from '../pes/bordereaux-from-journal.js';
import { titreLiquidations } from '../pes/titre-liquidations.js';
import { validatePesOutput } from '../../pes/validate-pes-output.js';
import { reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';

export interface ExportPesOptions {
  out: string;
  year: string;
  bordereau?: string[];
  file?: string;
  data?: string;
  date?: string;
  pj?: boolean;
  json?: boolean;
  allowFutureDate?: boolean;
}

export async function exportPesCommand(opts: ExportPesOptions, io: CliIo): Promise<number> {
  const exercice = parseYear(opts.year);
  const dateGeneration = documentDate(opts.date, { allowFuture: opts.allowFutureDate });
  const wanted = (opts.bordereau ?? []).flatMap((b) => b.split(',')).map((b) => {
    if (!/^\d+$/.test(b.trim())) throw usageError('INVALID_OPTION_VALUE', `--bordereau attend un numéro, reçu « ${b} »`);
    return Number(b);
  });
  const dataDir = await recallDataset(opts.out, opts.data);
  const { dataset, warnings } = await readDataset(dataDir);
  reportWarnings(io, warnings, false);
  const history = await readJournal(opts.out);
  const names = new Map([...dataset.communes.values()].map((c) => [c.codeInsee, c.nom]));
  const linesOf = titreLiquidations(dataset, history, exercice);
  let bordereaux = await bordereauxFromJournal(history, dataset.config, opts.out, exercice, names, opts.pj !== false, linesOf);
  if (wanted.length > 0) {
    const missing = wanted.filter((w) => !bordereaux.some((b) => b.numero === w));
    if (missing.length > 0) {
      throw usageError('INVALID_OPTION_VALUE', `bordereau(x) ${missing.join(', ')} absent(s) du journal de l'exercice ${exercice}`);
    }
    bordereaux = bordereaux.filter((b) => wanted.includes(b.numero));
  }
  if (bordereaux.length === 0) {
    throw usageError('INVALID_OPTION_VALUE', `aucun bordereau émis pour l'exercice ${exercice} dans ${opts.out}`);
  }
  const target = opts.file;
  const built = buildPesAller({
    config: dataset.config,
    communes: dataset.communes,
    dateGeneration,
    bordereaux,
    positions: { configFile: path.join(dataDir, 'config.json'), communesFile: path.join(dataDir, 'communes.csv') },
    ...(target !== undefined ? { fileName: path.basename(target) } : {}),
  });
  // Issue 9 item 6: the flux and each PES_Facture it carries are valid, or nothing is written.
  await validatePesOutput(built);
  reportWarnings(io, built.warnings, false);
  const file = target ?? path.join(opts.out, String(exercice), 'pes', built.fileName);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, built.xml);
  const pieces = bordereaux.reduce((n, b) => n + b.pieces.length, 0);
  if (opts.json) {
    io.stdout(JSON.stringify({ schema: 1, fichier: file, exercice, bordereaux: bordereaux.map((b) => b.numero), pieces }, null, 2) + '\n');
  } else {
    io.stdout(`PES_Aller écrit : ${file} (${bordereaux.length} bordereau(x), ${pieces} pièce(s)).\n`);
  }
  return EXIT.OK;
}
