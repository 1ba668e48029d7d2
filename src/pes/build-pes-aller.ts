/**
 * The PES V2 PES_Aller file of issued bordereaux (PES_RecetteAller domain, optional PES_PJ),
 * written with xmlbuilder2 and encoded in ISO-8859-1. Pure: no file system, no clock; the same
 * input gives the same bytes (bordereaux and pieces are written in ascending number order).
 * Throws a TitresError of kind 'data' listing every problem when the input cannot be exported.
 */
import iconv from 'iconv-lite';
import { create } from 'xmlbuilder2';
import type { PayingService } from '../engine/dataset.js';
import { TitresError } from '../errors/titres-error.js';
import { checkPesInput } from './check-pes-input.js';
import { checkPesRequirements } from './check-pes-requirements.js';
import { PES_ALLER_NAMESPACE, PES_SOFTWARE_VERSION } from './pes-constants.js';
import { addBordereau, sortedPieces } from './pes-bordereau.js';
import { compareBordereaux, pesFileName } from './pes-file-name.js';
import { addEnTetePES, addEnveloppe } from './pes-header.js';
import type { PesExportInput, PesPiece } from './pes-input.js';
import { addPesPj, pjDescription, pjFileName, pjIdUnique, type PesAttachment } from './pes-pj.js';

const PIECE_LABEL = { titre: 'Titre de recette', reduction: 'Titre de réduction', annulation: "Titre d'annulation" } as const;

export function buildPesAller(input: PesExportInput): { fileName: string; xml: Buffer } {
  const problems = [
    ...checkPesRequirements(
      input.config,
      input.communes,
      input.bordereaux.map((b) => b.service),
      input.bordereaux.flatMap((b) => b.pieces.map((p) => p.codeInsee)),
      input.positions,
    ),
    ...checkPesInput(input),
  ].filter((p) => p.severity === 'error');
  if (problems.length > 0) throw new TitresError('data', problems);

  const fileName = pesFileName(input.bordereaux, input.dateGeneration);
  const bordereaux = [...input.bordereaux].sort(compareBordereaux);
  const attachments = new Map<PesPiece, PesAttachment>();
  for (const b of bordereaux) {
    for (const p of sortedPieces(b)) {
      if (p.pdf === undefined) continue;
      attachments.set(p, {
        idUnique: pjIdUnique(input.config, b.exercice, p.numero),
        nomPj: pjFileName(p.pdf.fileName),
        description: pjDescription(PIECE_LABEL[p.type], p.numero, b.exercice, p.objet),
        pdf: p.pdf,
      });
    }
  }

  const doc = create({ version: '1.0', encoding: 'ISO-8859-1' });
  const root = doc.ele(PES_ALLER_NAMESPACE, 'n:PES_Aller');
  addEnveloppe(root, fileName, input.softwareVersion ?? PES_SOFTWARE_VERSION);
  addEnTetePES(root, input.config, input.dateGeneration);
  const recette = root.ele('PES_RecetteAller');
  recette.ele('EnTeteRecette').ele('IdVer').att('V', '2');
  for (const b of bordereaux) {
    const service = input.config.services.get(b.service) as PayingService;
    addBordereau(recette, b, { imputation: service.imputation, communes: input.communes, attachments });
  }
  addPesPj(root, [...attachments.values()]);

  const text = doc.end({ prettyPrint: true }) + '\n';
  return { fileName, xml: iconv.encode(text, 'latin1') };
}
