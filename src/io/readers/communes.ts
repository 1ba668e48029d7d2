import { CommuneTable } from '../../engine/commune-table.js';
import type { Problem } from '../../errors/problem.js';
import { FileProblems } from '../csv/file-problems.js';
import { eachRow } from '../csv/table.js';
import type { Cell } from '../csv/table.js';
import { MAX_NAME_LENGTH, textProblem } from '../cell-values.js';
import type { SourceFile } from '../read-input-file.js';
import { KeptStrings } from './kept-strings.js';
import { isValidCodeInsee, isValidSiren, isValidSiret } from '../../engine/identifiers.js';

const REQUIRED = ['code_insee', 'nom', 'siren', 'adresse', 'code_postal', 'ville'] as const;

/** A name, a town or an address line: required, and short enough for a titre, a PES flow and a file name. */
function name(sink: FileProblems, cell: Cell, column: string): string | undefined {
  const value = sink.required(cell, column);
  if (value === undefined) return undefined;
  const bad = textProblem(value, MAX_NAME_LENGTH);
  if (bad) sink.add(bad.code, `colonne « ${column} » : ${bad.message}`, cell);
  return value;
}

/** communes.csv: the debtors (data contract), keyed by code INSEE. */
export function parseCommunes(
  text: string,
  source: SourceFile,
  kept: KeptStrings = new KeptStrings(),
): { communes: CommuneTable; problems: Problem[] } {
  const sink = new FileProblems(source.path);
  const communes = new CommuneTable();
  const firstLine = new Map<string, number>();
  eachRow(text, source.path, REQUIRED, ['siret'], sink.csv, (row) => {
    const codeCell = row.cell('code_insee');
    const code = sink.required(codeCell, 'code_insee');
    if (code !== undefined && !isValidCodeInsee(code)) {
      sink.add('INVALID_CODE_INSEE', `code INSEE invalide « ${code} » : 5 caractères attendus (chiffres, ou 2A/2B suivi de 3 chiffres)`, codeCell);
    }
    const nom = name(sink, row.cell('nom'), 'nom');
    const adresse = name(sink, row.cell('adresse'), 'adresse');
    const ville = name(sink, row.cell('ville'), 'ville');
    const sirenCell = row.cell('siren');
    const siren = sink.required(sirenCell, 'siren');
    const sirenOk = siren !== undefined && isValidSiren(siren);
    if (siren !== undefined && !sirenOk) {
      sink.add('INVALID_SIREN', `SIREN invalide « ${siren} » : 9 chiffres avec une clé de Luhn valide attendus`, sirenCell);
    }
    const siretCell = row.cell('siret');
    const siret = siretCell.value;
    if (siret !== undefined && !isValidSiret(siret)) {
      sink.add('INVALID_SIRET', `SIRET invalide « ${siret} » : 14 chiffres avec une clé de Luhn valide attendus`, siretCell);
    } else if (siret !== undefined && sirenOk && !siret.startsWith(siren)) {
      sink.add('SIRET_SIREN_MISMATCH', `le SIRET « ${siret} » ne commence pas par le SIREN « ${siren} » de la commune`, siretCell);
    }
    const cpCell = row.cell('code_postal');
    const codePostal = sink.required(cpCell, 'code_postal');
    if (codePostal !== undefined && !/^\d{5}$/.test(codePostal)) {
      sink.add('INVALID_POSTAL_CODE', `code postal invalide « ${codePostal} » : 5 chiffres attendus`, cpCell);
    }
    if (code === undefined) return;
    const previous = firstLine.get(code);
    if (previous !== undefined) {
      sink.add('DUPLICATE_COMMUNE', `commune « ${code} » déjà décrite ligne ${previous}`, codeCell);
      return;
    }
    firstLine.set(code, row.line);
    const codeInsee = kept.of(code); // comes back in adhesions.csv and the populations
    const ownNom = kept.own(nom ?? '');
    communes.add({
      codeInsee,
      nom: ownNom,
      siren: kept.own(siren ?? ''),
      ...(siret !== undefined ? { siret: kept.own(siret) } : {}),
      adresse: kept.of(adresse ?? ''), // « Hôtel de ville », « Mairie » come back
      codePostal: kept.of(codePostal ?? ''),
      ville: ville === nom ? ownNom : kept.own(ville ?? ''), // most often the commune's own name
      line: row.line,
    });
  });
  return { communes, problems: sink.problems };
}
