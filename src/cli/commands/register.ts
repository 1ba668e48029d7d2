/** Declares every command, its options and examples; actions live one per file beside this one. */
import { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerRapport } from './rapport.js';

export interface CommandOutcome {
  exitCode: number;
}

function examples(lines: string[]): string {
  return '\nExemples :\n' + lines.map((l) => `  ${l}`).join('\n');
}

export function registerCommands(program: Command, io: CliIo, outcome: CommandOutcome): void {
  // Each command's module is loaded only when it runs: `titres --help` or `check` do not pay for
  // pdfkit and fonts.
  const action =
    <O>(load: () => Promise<(opts: O, io: CliIo) => Promise<number>>) =>
    async (opts: O) => {
      const fn = await load();
      outcome.exitCode = await fn(opts, io);
    };

  program
    .command('check')
    .description('valide un jeu de données et résume ce qu’il contient')
    .requiredOption('-d, --data <dossier>', 'dossier du jeu de données (config.json, communes.csv, …)')
    .option('-y, --year <exercice>', 'vérifie aussi que cet exercice peut être calculé')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText('after', examples(['titres check --data samples/metropole-de-lyon', 'titres check --data samples/metropole-de-lyon --year 2026']))
    .action(action(async () => (await import('./check.js')).checkCommand));

  program
    .command('issue')
    .description('calcule les titres d’un exercice et les émet (ou les montre, avec --dry-run)')
    .requiredOption('-d, --data <dossier>', 'dossier du jeu de données')
    .requiredOption('-y, --year <exercice>', 'exercice à facturer, ex. 2026')
    .option('-o, --out <dossier>', 'dossier de sortie (journal, titres, bordereaux, registres)')
    .option('-n, --dry-run', 'calcule et affiche le plan sans rien écrire ni numéroter')
    .option('--preview-dir <dossier>', 'avec --dry-run : écrit les PDF d’aperçu, sans numéro')
    .option('--date <AAAA-MM-JJ>', "date d'émission (défaut : aujourd'hui), du 1er janvier de l'exercice au 31 janvier suivant")
    .option('--allow-future-date', 'accepte une date postérieure à aujourd’hui : répétition sur une copie du dossier de sortie')
    .option('--json', 'sortie JSON du contrat de données sur stdout')
    .option('--excel', 'écrit aussi les classeurs Excel (.xlsx) : journal, registres, bordereaux')
    .option('-q, --quiet', 'rien sur la sortie standard sauf les erreurs')
    .addHelpText(
      'after',
      examples([
        'titres issue --data samples/metropole-de-lyon --year 2026 --dry-run',
        'titres issue --data samples/metropole-de-lyon --year 2026 --dry-run --preview-dir apercu',
        'titres issue --data samples/metropole-de-lyon --year 2026 --out sorties --date 2026-06-15',
        'titres issue --data samples/metropole-de-lyon --year 2026 --dry-run --json > plan.json',
      ]),
    )
    .action(action(async () => (await import('./issue.js')).issueCommand));

  program
    .command('verify')
    .description('vérifie un dossier de sortie : empreintes, numérotation, registres')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie à vérifier')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText('after', examples(['titres verify --out sorties']))
    .action(action(async () => (await import('./verify.js')).verifyCommand));

  program
    .command('cancel')
    .description('émet un titre d’annulation (tout) ou de réduction (une partie) d’un titre émis')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie où le titre a été émis')
    .requiredOption('-t, --titre <exercice-numero>', 'titre à corriger, ex. 2026-12')
    .requiredOption('-m, --motif <texte>', 'motif de la correction, imprimé sur le titre')
    .option('--montant <montant>', 'montant de la réduction (défaut : annulation du reste dû)')
    .option('-d, --data <dossier>', 'jeu de données (défaut : celui de la dernière émission)')
    .option('--date <AAAA-MM-JJ>', "date d'émission (défaut : aujourd'hui)")
    .option('--allow-future-date', 'accepte une date postérieure à aujourd’hui : répétition sur une copie du dossier de sortie')
    .option('--json', 'sortie JSON sur stdout')
    .option('--excel', 'écrit aussi les classeurs Excel (.xlsx) : journal, registres, bordereau')
    .addHelpText(
      'after',
      examples([
        'titres cancel --out sorties --titre 2026-12 --motif "Erreur de population"',
        'titres cancel --out sorties --titre 2026-12 --montant "100,00" --motif "Service interrompu en mai"',
      ]),
    )
    .action(action(async () => (await import('./cancel.js')).cancelCommand));

  program
    .command('export-pes')
    .description('exporte les bordereaux émis d’un exercice en flux PES V2 (PES_Aller) pour Hélios')
    .requiredOption('-o, --out <dossier>', 'dossier de sortie où les titres ont été émis')
    .requiredOption('-y, --year <exercice>', 'exercice à exporter')
    .option('-b, --bordereau <numéros...>', 'seulement ces bordereaux (défaut : tous ceux de l’exercice)')
    .option('-f, --file <fichier>', 'fichier XML à écrire (défaut : OUT/<exercice>/pes/<nom normalisé>.xml)')
    .option('-d, --data <dossier>', 'jeu de données (défaut : celui de la dernière émission)')
    .option('--date <AAAA-MM-JJ>', "date de génération du flux (défaut : aujourd'hui)")
    .option('--allow-future-date', 'accepte une date postérieure à aujourd’hui : répétition sur une copie du dossier de sortie')
    .option('--no-pj', 'sans les PDF des titres en pièces jointes PES_PJ')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText(
      'after',
      examples(['titres export-pes --out sorties --year 2026', 'titres export-pes --out sorties --year 2026 --bordereau 1 --file flux.xml']),
    )
    .action(action(async () => (await import('./export-pes.js')).exportPesCommand));

  program
    .command('simulate')
    .description('projette les contributions des exercices à venir (cible, plafond, montant, convergence)')
    .requiredOption('-d, --data <dossier>', 'dossier du jeu de données')
    .requiredOption('--from <exercice>', 'premier exercice projeté, ex. 2026')
    .requiredOption('--to <exercice>', 'dernier exercice projeté, ex. 2031 (20 ans au plus)')
    .option('--indice <taux>', 'évolution annuelle supposée de l’indice, ex. 0.02 ou 2% (défaut : dernière valeur connue)')
    .option('--population <taux>', 'évolution annuelle supposée des populations (défaut : derniers chiffres connus)')
    .option('--csv <fichier>', 'écrit la projection en CSV')
    .option('--excel <fichier>', 'écrit la projection en classeur Excel (.xlsx)')
    .option('--chart-dir <dossier>', 'écrit un graphique SVG de convergence par service payant')
    .option('--json', 'sortie JSON sur stdout')
    .addHelpText(
      'after',
      examples([
        'titres simulate --data samples/metropole-de-lyon --from 2026 --to 2031',
        'titres simulate --data samples/metropole-de-lyon --from 2026 --to 2031 --indice 2% --csv projection.csv --chart-dir graphiques',
        'titres simulate --data samples/metropole-de-lyon --from 2026 --to 2031 --excel projection.xlsx',
      ]),
    )
    .action(action(async () => (await import('./simulate.js')).simulateCommand));

  registerRapport(program, action, examples);
}
