/**
 * The issued bordereaux of an exercice, rebuilt from the journal for the PES export: pieces with
 * the amounts, numbers and debtors the journal holds, the PDFs it names, and MtCumulAnnuel.
 * A PDF is read, and a titre's invoice lines are made, only when its PJ is written (issue 12: a
 * national export with its PDFs is GB, never held in memory; the exercice's liquidations take ~4
 * times less memory than the lines made from them).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../engine/dataset.js';
import type { History, IssuedDocument } from '../../engine/history.js';
import { journalGroups } from '../../engine/bordereaux.js';
import { Decimal, ZERO, toAmountString } from '../../engine/money.js';
import type { PesBordereau, PesPieceType } from '../../pes/pes-input.js';
import { invoiceNumber } from '../../pes/pes-invoice.js';
import type { LinesOf } from './titre-liquidations.js';

const PES_TYPES: ReadonlySet<string> = new Set(['titre', 'reduction', 'annulation']);

function isPesPiece(doc: IssuedDocument): doc is IssuedDocument & { type: PesPieceType } {
  return PES_TYPES.has(doc.type);
}

export function bordereauxFromJournal(
  history: History,
  config: Config,
  outDir: string,
  exercice: number,
  communeNames: ReadonlyMap<string, string>,
  withPdf: boolean,
  linesOf: LinesOf = () => undefined,
): PesBordereau[] {
  const cumul = { titres: ZERO, reductions: ZERO };
  const result: PesBordereau[] = [];
  // one bordereau per exercice, type and number in its type's series (engine/bordereaux.ts)
  // Only titres and their corrections travel in the PES recette flux; any other document of the
  // journal (the closed-exercice statement supporting a mandat on 673) stays out (issue 14).
  const documents = history.documents.filter(isPesPiece);
  for (const { numero, nature, service, documents: docs } of journalGroups(documents, exercice)) {
    const total = docs.reduce((t, d) => t.plus(d.montant), new Decimal(0));
    cumul[nature] = cumul[nature].plus(total);
    const pieces = [];
    for (const d of docs) {
      const objet = objetOf(d, config, communeNames.get(d.codeInsee) ?? d.codeInsee);
      pieces.push({
        numero: d.numero,
        type: d.type,
        codeInsee: d.codeInsee,
        montant: toAmountString(d.montant),
        objet,
        ...(d.type === 'titre' ? { lignes: () => linesOf(d, objet) } : {}),
        ...(d.titreOrigine ? { titreOrigine: d.titreOrigine } : {}),
        ...(withPdf ? { pdf: { fileName: path.basename(d.fichier), content: () => readFile(path.join(outDir, d.fichier)) } } : {}),
      });
    }
    result.push({
      exercice,
      numero,
      nature,
      service,
      dateEmission: docs[0].dateEmission,
      pieces,
      cumulAnnuel: toAmountString(cumul[nature]),
    });
  }
  return result;
}

function objetOf(d: IssuedDocument, config: Config, commune: string): string {
  const service = config.services.get(d.service)?.libelle ?? d.service;
  if (d.type === 'titre') return `Contribution ${d.exercice} au service ${service} – ${commune}`;
  const origine = d.titreOrigine
    ? `${d.titreOrigine.exercice}-${d.titreOrigine.numero} (facture ${invoiceNumber(d.titreOrigine.exercice, d.titreOrigine.numero)})`
    : '';
  const kind = d.type === 'annulation' ? 'Annulation' : 'Réduction';
  return `${kind} du titre ${origine} – ${service} – ${commune}${d.motif ? ` – ${d.motif}` : ''}`;
}
