/**
 * `titres rapport`: the yearly balance of the convention for the comité de pilotage (art. 11), as
 * a PDF and a workbook in OUT/rapports/. The work is in src/report (loaded only when the command runs).
 */
import type { Command } from 'commander';
import type { IsoDate } from '../../engine/dates.js';
import { readDataset } from '../../io/read-dataset.js';
import { asDate, asYear, today } from '../arguments.js';
import { recallDataset } from '../dataset-memory.js';
import { EXIT } from '../exit-codes.js';
import { reportWarnings } from '../format/problems.js';
import type { CliIo } from '../io.js';
import { examples, type Run } from './command.js';

export interface RapportOptions {
  out: string;
  year: number;
  data?: string;
  date?: IsoDate;
}

export function registerRapport(program: Command, run: Run): void {
  program
    .command('rapport')
    .description('établit le bilan annuel de la convention pour le comité de pilotage (PDF et classeur Excel)')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie où les titres ont été émis')
    .requiredOption('-y, --year <exercice>', 'exercice du bilan, ex. 2026 (comparé à l’exercice précédent)', asYear())
    .option('-d, --data <dossier>', 'jeu de données (défaut : celui de la dernière émission)')
    .option('--date <AAAA-MM-JJ>', "date d'établissement du bilan (défaut : aujourd'hui)", asDate())
    .addHelpText(
      'after',
      examples(['titres rapport --out sorties --year 2026', 'titres rapport --out sorties --year 2026 --date 2027-03-15']),
    )
    .action(run(rapportCommand));
}

export async function rapportCommand(opts: RapportOptions, io: CliIo): Promise<number> {
  const year = opts.year;
  const date = opts.date ?? today();
  const dataDir = await recallDataset(opts.out, opts.data);
  const { dataset, warnings } = await readDataset(dataDir);
  reportWarnings(io, warnings, false);
  const { writeReport } = await import('../../report/run-report.js');
  const { withLockedOut } = await import('../../apply/out-session.js');
  // lock first, then the folder's check (a damaged folder is refused, exit 4), then the report
  const written = await withLockedOut(opts.out, { author: dataset.config.emetteur.nom }, (out) => writeReport(out, dataset, year, date));
  io.stdout(written.map((f) => `Écrit : ${opts.out}/${f}\n`).join(''));
  return EXIT.OK;
}
