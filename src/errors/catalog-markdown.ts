/** The catalogue as the Markdown table of docs/codes-erreur.md (kept in step by a golden test). */
import { CATALOG, PROBLEM_CODES } from './catalog.js';

export function catalogMarkdown(): string {
  const escape = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = PROBLEM_CODES.map((code) => `| \`${code}\` | ${escape(CATALOG[code].sens)} | ${escape(CATALOG[code].correction)} |`);
  return [
    '# Codes d’erreur et d’avertissement de `titres`',
    '',
    'Chaque problème signalé par `titres` porte un code stable, affiché ainsi :',
    '`FICHIER:LIGNE:COLONNE: erreur CODE: message` (ou `avertissement`). Ce tableau est produit à partir',
    'du catalogue du code source (`src/errors/codes-*.ts`) ; un test vérifie qu’il est à jour.',
    '',
    '| code | sens | correction |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
