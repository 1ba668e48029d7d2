/** `titres export-pes`: the issued bordereaux of an exercice as a PES_Aller file for Hélios. */
import path from 'node:path';
import type { Command } from 'commander';
import type { LockedOut } from '../../apply/out-session.js';
import { TYP_BORD, type BordereauNature } from '../../engine/bordereaux.js';
import type { IsoDate } from '../../engine/dates.js';
import { usageError } from '../../errors/titres-error.js';
import type { StreamWriteResult } from '../../io/atomic-write.js';
import { PES_REGISTER, registerWrittenFile } from '../../io/file-registers.js';
import { readDataset } from '../../io/read-dataset.js';
import type { PesBordereau } from '../../pes/pes-input.js';
import { asDate, asYear, documentDate } from '../arguments.js';
import { recallDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';
import { bordereauxFromJournal } from '../pes/bordereaux-from-journal.js';
import { titreLiquidations } from '../pes/titre-liquidations.js';
import { examples, type Run } from './command.js';

/** A bordereau asked for by `--bordereau`: its number, and its type when given. */
export interface WantedBordereau {
  nature?: BordereauNature;
  numero: number;
  text: string;
}

export interface ExportPesOptions {
  out: string;
  year: number;
  bordereau?: WantedBordereau[];
  file?: string;
  data?: string;
  date?: IsoDate;
  pj?: boolean;
  json?: boolean;
  allowFutureDate?: boolean;
  /** Pieces per validated part of the flux (tests: any size gives the same bytes). */
  partPieces?: number;
}

/**
 * `--bordereau` values, each one or several separated by commas, added to those before: `3` (when
 * only one type has it), `01-3` / `titres-3`, `02-1` / `reductions-1`.
 */
function parseWanted(value: string, previous: WantedBordereau[] = []): WantedBordereau[] {
  const wanted = value.split(',').map((raw) => {
    const text = raw.trim();
    const m = /^(?:(01|02|titres|reductions|réductions)-)?(\d+)$/.exec(text);
    if (!m) throw usageError('INVALID_OPTION_VALUE', `--bordereau attend un numéro (ex. 3, 01-3 pour les titres, 02-1 pour les réductions), reçu « ${raw} »`);
    const nature: BordereauNature | undefined = m[1] === undefined ? undefined : m[1] === '01' || m[1] === 'titres' ? 'titres' : 'reductions';
    return { ...(nature ? { nature } : {}), numero: Number(m[2]), text };
  });
  return [...previous, ...wanted];
}

export function registerExportPes(program: Command, run: Run): void {
  program
    .command('export-pes')
    .description('exporte les bordereaux émis d’un exercice en flux PES V2 (PES_Aller) pour Hélios')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie où les titres ont été émis')
    .requiredOption('-y, --year <exercice>', 'exercice à exporter', asYear())
    .option('-b, --bordereau <numéros...>', 'seulement ces bordereaux (défaut : tous ceux de l’exercice)', parseWanted)
    .option('-f, --file <fichier>', 'fichier XML à écrire (défaut : OUT/<exercice>/pes/<nom normalisé>.xml)')
    .option('-d, --data <dossier>', 'jeu de données (défaut : celui de la dernière émission)')
    .option('--date <AAAA-MM-JJ>', "date de génération du flux (défaut : aujourd'hui)", asDate())
    .option('--allow-future-date', 'accepte une date postérieure à aujourd’hui : répétition sur une copie du dossier de sortie')
    .option('--no-pj', 'sans les PDF des titres en pièces jointes PES_PJ')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText(
      'after',
      examples(['titres export-pes --out sorties --year 2026', 'titres export-pes --out sorties --year 2026 --bordereau 1 --file flux.xml']),
    )
    .action(run(exportPesCommand));
}

export async function exportPesCommand(opts: ExportPesOptions, io: CliIo): Promise<number> {
  const exercice = opts.year;
  const dateGeneration = documentDate(opts.date, { allowFuture: opts.allowFutureDate });
  const wanted = opts.bordereau ?? [];
  const dataDir = await recallDataset(opts.out, opts.data);
  const { dataset, warnings } = await readDataset(dataDir);
  reportWarnings(io, warnings, false);
  const names = new Map([...dataset.communes.values()].map((c) => [c.codeInsee, c.nom]));
  const { withLockedOut } = await import('../../apply/out-session.js');
  const { pesAllerParts, planPesAller } = await import('../../pes/build-pes-aller.js');
  const { writePesAller } = await import('../pes/write-pes-aller.js');
  // lock first: take the lock, read and check the journal, then build, validate and write the flux
  // part by part (issue 12: never whole in memory), and register it
  const { target: file, bordereaux } = await withLockedOut(opts.out, {}, async (locked) => {
    // no variable holds the exercice's liquidations (a plan of the whole exercice): they are let go
    // once the pieces have their lines, not kept while the flux is written (issue 12)
    let bordereaux = bordereauxFromJournal(locked.history, dataset.config, opts.out, exercice, names, opts.pj !== false, titreLiquidations(dataset, locked.history, exercice));
    if (wanted.length > 0) {
      const chosen = new Set<PesBordereau>();
      const problems: string[] = [];
      for (const w of wanted) {
        const matches = bordereaux.filter((b) => b.numero === w.numero && (w.nature === undefined || b.nature === w.nature));
        if (matches.length === 0) problems.push(`bordereau ${w.text} absent du journal de l'exercice ${exercice}`);
        else if (matches.length > 1) problems.push(`bordereau ${w.text} ambigu : précisez 01-${w.numero} (titres) ou 02-${w.numero} (réductions)`);
        else chosen.add(matches[0]);
      }
      if (problems.length > 0) throw usageError('INVALID_OPTION_VALUE', problems.join(' ; '));
      bordereaux = bordereaux.filter((b) => chosen.has(b));
    }
    if (bordereaux.length === 0) {
      throw usageError('INVALID_OPTION_VALUE', `aucun bordereau émis pour l'exercice ${exercice} dans ${opts.out}`);
    }
    const plan = planPesAller({
      config: dataset.config,
      communes: dataset.communes,
      dateGeneration,
      bordereaux,
      positions: { configFile: path.join(dataDir, 'config.json'), communesFile: path.join(dataDir, 'communes.csv') },
      ...(opts.file !== undefined ? { fileName: path.basename(opts.file) } : {}),
    });
    reportWarnings(io, plan.warnings, false);
    const target = opts.file ?? path.join(opts.out, String(exercice), 'pes', plan.fileName);
    // Issue 9 item 6: the flux and each PES_Facture it carries are valid, or nothing is written.
    const written = await writePesAller(target, plan.fileName, pesAllerParts(plan, opts.partPieces));
    await registerPesExport(locked, target, written, { exercice, dateGeneration, bordereaux });
    return { target, bordereaux };
  });
  const pieces = bordereaux.reduce((n, b) => n + b.pieces.length, 0);
  if (opts.json) {
    const types = bordereaux.map((b) => TYP_BORD[b.nature]);
    io.stdout(JSON.stringify({ schema: 1, fichier: file, exercice, bordereaux: bordereaux.map((b) => b.numero), types_bordereaux: types, pieces }, null, 2) + '\n');
  } else {
    io.stdout(`PES_Aller écrit : ${file} (${bordereaux.length} bordereau(x), ${pieces} pièce(s)).\n`);
  }
  return EXIT.OK;
}

/** Registers an export written under OUT (exports-pes.csv); one written elsewhere is not ours. */
async function registerPesExport(
  out: LockedOut,
  target: string,
  written: StreamWriteResult,
  what: { exercice: number; dateGeneration: string; bordereaux: readonly PesBordereau[] },
): Promise<void> {
  const relative = path.relative(path.resolve(out.outDir), path.resolve(target));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return;
  await registerWrittenFile(out.outDir, PES_REGISTER, {
    fichier: relative.split(path.sep).join('/'),
    sha256: written.sha256,
    bytes: written.bytes,
    chaineJournal: out.journal.head,
    fields: {
      exercice: String(what.exercice),
      date_generation: what.dateGeneration,
      bordereaux: what.bordereaux.map((b) => `${TYP_BORD[b.nature]}-${b.numero}`).join(' '),
      pieces: String(what.bordereaux.reduce((n, b) => n + b.pieces.length, 0)),
    },
  });
}
