/**
 * The PES V2 PES_Aller file of issued bordereaux (PES_RecetteAller domain, PES_PJ), written with
 * xmlbuilder2 and encoded in ISO-8859-1. Pure: no file system, no clock; the same input gives the
 * same bytes (bordereaux and pieces are written in ascending number order).
 *
 * Each titre travels with its ASAP: a PES_Facture (pes-facture.ts) as PJ 006, under the Edition of
 * its debtor (pes-edition.ts), and its PDF when given (008 under Edition 02, 011 under Edition 01).
 * The embedded PES_Facture documents are returned beside the flux so that the caller can validate
 * each one against the schemas, as it does the flux.
 *
 * Throws a TitresError of kind 'data' listing every problem when the input cannot be exported;
 * returns the warnings (an address without voie) otherwise.
 */
import iconv from 'iconv-lite';
import { create } from 'xmlbuilder2';
import type { Commune, PayingService } from '../engine/dataset.js';
import type { Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { checkPesInput } from './check-pes-input.js';
import { checkPesRequirements } from './check-pes-requirements.js';
import { MAX, PES_ALLER_NAMESPACE, PES_SOFTWARE_VERSION, PJ_MIME_TYPE, PJ_MIME_TYPE_XML, PJ_TYPE_FACTURE } from './pes-constants.js';
import { addBordereau, sortedPieces } from './pes-bordereau.js';
import { codeServiceOf, editionOf, PDF_PJ_TYPE } from './pes-edition.js';
import { buildPesFacture } from './pes-facture.js';
import { compareBordereaux, pesFileName } from './pes-file-name.js';
import { addEnTetePES, addEnveloppe } from './pes-header.js';
import type { PesBordereau, PesExportInput, PesPiece } from './pes-input.js';
import { invoiceNumber } from './pes-invoice.js';
import type { PieceContext } from './pes-piece.js';
import { addPesPj, pjDescription, pjFileName, pjIdUnique, type PesAttachment } from './pes-pj.js';
import { toAmountString, Decimal } from '../engine/money.js';
import { firstDayOfYear, lastDayOfYear } from '../engine/dates.js';
import { fitText, pesText } from './pes-text.js';

const PIECE_LABEL = { titre: 'Titre de recette', reduction: 'Titre de réduction', annulation: "Titre d'annulation" } as const;

export interface PesAllerOutput {
  fileName: string;
  xml: Buffer;
  /** Each titre's PES_Facture as embedded (before gzip), for validation and tests. */
  factures: { numero: number; exercice: number; numeroFacture: string; nomPj: string; xml: Buffer }[];
  warnings: Problem[];
}

export function buildPesAller(input: PesExportInput): PesAllerOutput {
  const pieces = input.bordereaux.flatMap((b) => b.pieces);
  const found = [
    ...checkPesRequirements(
      input.config,
      input.communes,
      input.bordereaux.map((b) => b.service),
      pieces.map((p) => p.codeInsee),
      input.positions,
      pieces.some((p) => p.type === 'titre'),
    ),
    ...checkPesInput(input),
  ];
  const problems = found.filter((p) => p.severity === 'error');
  if (problems.length > 0) throw new TitresError('data', problems);

  const fileName = input.fileName !== undefined ? fitText(pesText(input.fileName), MAX.nomFic) : pesFileName(input.bordereaux, input.dateGeneration);
  const bordereaux = [...input.bordereaux].sort(compareBordereaux);
  const contexts = new Map<PesPiece, Omit<PieceContext, 'imputation'>>();
  const factures: PesAllerOutput['factures'] = [];
  for (const b of bordereaux) {
    for (const p of sortedPieces(b)) {
      const commune = input.communes.get(p.codeInsee) as Commune;
      const context = pieceContext(input, b, p, commune);
      contexts.set(p, context);
      const facture = context.attachments.find((a) => a.typePj === PJ_TYPE_FACTURE);
      if (facture !== undefined) {
        factures.push({ numero: p.numero, exercice: b.exercice, numeroFacture: context.numeroFacture, nomPj: facture.nomPj, xml: facture.content });
      }
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
    addBordereau(recette, b, { imputation: service.imputation, pieces: contexts });
  }
  addPesPj(root, [...contexts.values()].flatMap((c) => c.attachments));

  const text = doc.end({ prettyPrint: true }) + '\n';
  return { fileName, xml: iconv.encode(text, 'latin1'), factures, warnings: found.filter((p) => p.severity === 'warning') };
}

function pieceContext(input: PesExportInput, b: PesBordereau, p: PesPiece, commune: Commune): Omit<PieceContext, 'imputation'> {
  const { config } = input;
  const edition = editionOf(config, commune);
  const origine = p.titreOrigine ?? { exercice: b.exercice, numero: p.numero };
  const numeroFacture = invoiceNumber(origine.exercice, origine.numero);
  const attachments: PesAttachment[] = [];
  if (p.type === 'titre') {
    const nomPj = `facture-${numeroFacture}.xml`;
    const xml = buildPesFacture({
      config,
      commune,
      exercice: b.exercice,
      bordereau: b.numero,
      numero: p.numero,
      numeroFacture,
      dateEmission: b.dateEmission,
      dateGeneration: input.dateGeneration,
      objet: p.objet,
      lignes: p.lignes ?? [
        { libelle: p.objet, montant: toAmountString(new Decimal(p.montant)), dateDebut: firstDayOfYear(b.exercice), dateFin: lastDayOfYear(b.exercice) },
      ],
      fileName: nomPj,
      ...(input.softwareVersion !== undefined ? { softwareVersion: input.softwareVersion } : {}),
    });
    attachments.push({
      idUnique: pjIdUnique(config, b.exercice, p.numero, 'F'),
      nomPj,
      typePj: PJ_TYPE_FACTURE,
      description: pjDescription(`Avis des sommes à payer (facture ${numeroFacture}) du titre`, p.numero, b.exercice, p.objet),
      mimeType: PJ_MIME_TYPE_XML,
      content: xml,
    });
  }
  if (p.pdf !== undefined) {
    attachments.push({
      idUnique: pjIdUnique(config, b.exercice, p.numero),
      nomPj: pjFileName(p.pdf.fileName),
      ...(p.type === 'titre' ? { typePj: PDF_PJ_TYPE[edition] } : {}),
      description: pjDescription(PIECE_LABEL[p.type], p.numero, b.exercice, p.objet),
      mimeType: PJ_MIME_TYPE,
      content: p.pdf.content,
    });
  }
  const codeService = codeServiceOf(config, commune);
  return { commune, edition, numeroFacture, ...(codeService !== undefined ? { codeService } : {}), attachments };
}
