/**
 * The PES V2 PES_Aller file of issued bordereaux (PES_RecetteAller domain, PES_PJ), encoded in
 * ISO-8859-1 by its writer. No file system, no clock; the same input gives the same bytes
 * (bordereaux and pieces are written in ascending number order).
 *
 * Each titre travels with its ASAP: a PES_Facture (pes-facture.ts) as PJ 006, under the Edition of
 * its debtor (pes-edition.ts), and its PDF when given (008 under Edition 02, 011 under Edition 01).
 *
 * Issue 12: the flux is never held whole. planPesAller checks the input and prepares each piece
 * (its debtor, edition, attachments' names, not their contents); pesAllerParts then yields the
 * flux's text in order, one bounded part at a time: the header, then each bordereau's pieces
 * `partPieces` at a time, then the PES_PJ of `partPieces` pieces at a time (fewer when their PDFs
 * make the part larger than PART_CHARS), each piece's context made, and each PJ's file built
 * (PES_Facture) or read (PDF), only then. A part of pieces or PJs comes with a standalone PES_Aller
 * document to validate it in (write-pes-aller.ts): the same Enveloppe and EnTetePES, the part's
 * bordereau head and pieces, or the part's PJ, and every container around them, so that every byte
 * of the flux is validated in some part. The schemas (schemas/schemas_pes_v5.30) have no identity
 * constraint (no xs:unique, xs:key or xs:keyref), the flux writes no xs:ID attribute and every list
 * that parts split (Bordereau, Piece, PJ) is unbounded: validating the parts one by one accepts
 * exactly what validating the whole flux would. What the schemas do not check across pieces
 * (numbers unique, totals) is checked beforehand on the input (check-pes-input.ts).
 *
 * Throws a TitresError of kind 'data' listing every problem when the input cannot be exported;
 * the plan carries the warnings (an address without voie) otherwise.
 */
import type { Commune, PayingService } from '../engine/dataset.js';
import type { Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import { checkPesInput, emptyPdf } from './check-pes-input.js';
import { checkPesRequirements } from './check-pes-requirements.js';
import { MAX, PES_ALLER_NAMESPACE, PES_SOFTWARE_VERSION, PJ_MIME_TYPE, PJ_MIME_TYPE_XML, PJ_TYPE_FACTURE } from './pes-constants.js';
import { addBlocBordereau, sortedPieces } from './pes-bordereau.js';
import { codeServiceOf, editionOf, PDF_PJ_TYPE } from './pes-edition.js';
import { buildPesFacture } from './pes-facture.js';
import { compareBordereaux, pesFileName } from './pes-file-name.js';
import { addEnTetePES, addEnveloppe } from './pes-header.js';
import type { PesBordereau, PesExportInput, PesPiece } from './pes-input.js';
import { invoiceNumber } from './pes-invoice.js';
import { addPiece, type PieceContext } from './pes-piece.js';
import { addEnTetePesPj, addPj, pjDescription, pjFileName, pjIdUnique, type PesAttachment } from './pes-pj.js';
import { toAmountString, Decimal } from '../engine/money.js';
import { firstDayOfYear, lastDayOfYear } from '../engine/dates.js';
import { encodeLatin1 } from './latin1.js';
import { fitText, pesText } from './pes-text.js';
import { container, documentText, fragmentText, rootElement, type ContainerText } from './pes-xml.js';

const PIECE_LABEL = { titre: 'Titre de recette', reduction: 'Titre de réduction', annulation: "Titre d'annulation" } as const;

/**
 * Pieces per part: a part of 32 pieces is ~100 KB of XML, their PJ without PDF ~200 KB, whatever
 * the size of the flux (the parts' validation costs the same in total for any size from ~8 up).
 */
export const PART_PIECES = 32;

/** A part of PJ ends once it holds this many characters (~8 MB: about 10 PDFs of titres). */
const PART_CHARS = 8 * 1024 * 1024;

const ROOT = 'n:PES_Aller';

interface PlannedBordereau {
  bordereau: PesBordereau;
  /** Its pieces in number order; their context (debtor, attachments) is made when written. */
  pieces: PesPiece[];
}

export interface PesAllerPlan {
  fileName: string;
  bordereaux: PlannedBordereau[];
  /** The XML declaration, the root's opening tag, Enveloppe and EnTetePES; then the root's closing tag. */
  root: ContainerText;
  warnings: Problem[];
  /** The context of a piece: made when the piece is written, then again for its PJ (never held for the whole flux). */
  context(b: PesBordereau, p: PesPiece): PieceContext;
}

/** Checks the input (TitresError listing every problem) and prepares each piece, contents left unread. */
export function planPesAller(input: PesExportInput): PesAllerPlan {
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
  const bordereaux = [...input.bordereaux].sort(compareBordereaux).map((b) => ({ bordereau: b, pieces: sortedPieces(b) }));
  const header = rootElement(PES_ALLER_NAMESPACE, ROOT);
  addEnveloppe(header, fileName, input.softwareVersion ?? PES_SOFTWARE_VERSION);
  addEnTetePES(header, input.config, input.dateGeneration);
  const root = container(documentText(header));
  const context = (b: PesBordereau, p: PesPiece): PieceContext => ({
    imputation: (input.config.services.get(b.service) as PayingService).imputation,
    ...pieceContext(input, b, p, input.communes.get(p.codeInsee) as Commune),
  });
  return { fileName, bordereaux, root, warnings: found.filter((p) => p.severity === 'warning'), context };
}

/** Where a line of a part's document is in the flux, and the piece or PJ it belongs to. */
export interface PartLocation {
  /** The line in the flux; absent for a closing line written later in the flux than the part. */
  line?: number;
  /** « pièce n° 42 du bordereau 01-3 », « pièce jointe facture-2026-00042.xml ». */
  item?: string;
}

/** A PES_Facture carried by a part, to validate as a document of its own. */
export interface PartFacture {
  nomPj: string;
  xml: Buffer;
}

/** How to validate a part: in the standalone PES_Aller `before + text + after`. */
export interface PartCheck {
  before: string;
  after: string;
  /** Where line `line` (1-based) of the part's document is in the flux. */
  locate(line: number): PartLocation;
  /** The XPath of an element of the part's document as it is in the flux (the indices of Bordereau, Piece, PJ). */
  xpath(path: string): string;
  factures: PartFacture[];
  /** What reading the part's PDFs found (an empty PDF). */
  problems: Problem[];
}

/** The next text of the flux, with how to validate it when it holds pieces or PJs. */
export interface PesPart {
  text: string;
  check?: PartCheck;
}

const lineCount = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/** `/Name` or `/Name[i]` in `path` → the flux's index (libxml2 writes [i] only among same-named siblings). */
function reindex(path: string, name: string, first: number, total: number): string {
  return path.replace(new RegExp(`/${name}(?:\\[(\\d+)\\])?(?=/|$)`, 'g'), (_, i: string | undefined) => {
    const index = first + (i === undefined ? 1 : Number(i)) - 1;
    return `/${name}${total > 1 ? `[${index}]` : ''}`;
  });
}

/**
 * The segments of a part's document, in order: lines each at a known place in the flux (`line`),
 * or written elsewhere (`line` undefined); the part's own text is split into its items.
 */
interface Segment {
  lines: number;
  line?: number;
  item?: string;
}

function locator(segments: Segment[]): (line: number) => PartLocation {
  return (line) => {
    let start = 1;
    for (const s of segments) {
      if (line < start + s.lines) {
        return { ...(s.line !== undefined ? { line: s.line + (line - start) } : {}), ...(s.item !== undefined ? { item: s.item } : {}) };
      }
      start += s.lines;
    }
    return {};
  };
}

/** The items of a part's text (each a piece or a PJ, with its text), as segments starting at flux line `line`. */
function itemSegments(items: { text: string; item: string }[], line: number): Segment[] {
  const out: Segment[] = [];
  for (const { text, item } of items) {
    const lines = lineCount(text);
    out.push({ lines, line, item });
    line += lines;
  }
  return out;
}

/**
 * The flux as parts, in order: concatenated, their texts are the whole file. Pieces and PJs come
 * `partPieces` pieces at a time (a piece's PJ: its PES_Facture, its PDF).
 */
export async function* pesAllerParts(plan: PesAllerPlan, partPieces = PART_PIECES): AsyncGenerator<PesPart> {
  if (!Number.isInteger(partPieces) || partPieces < 1) throw new Error(`partPieces must be a positive integer: ${partPieces}`);
  const { open: head, close: closeRoot } = plan.root;
  const { open: openRecette, close: closeRecette } = container(
    fragmentText(1, (root) => root.ele('PES_RecetteAller').ele('EnTeteRecette').ele('IdVer').att('V', '2')),
  );
  const { open: openPj, close: closePj } = container(fragmentText(1, (root) => addEnTetePesPj(root.ele('PES_PJ'))));
  const allPieces = plan.bordereaux.flatMap(({ bordereau: b, pieces }) => pieces.map((piece) => ({ b, piece })));
  const totalPj = allPieces.reduce((n, { piece }) => n + attachmentCount(piece), 0);
  const emptyPj = totalPj > 0 ? `${openPj}${closePj}` : '';

  const headLines = lineCount(head);
  const recetteLine = 1 + headLines;
  let line = recetteLine + lineCount(openRecette);
  yield { text: head + openRecette };

  for (const [bi, { bordereau: b, pieces }] of plan.bordereaux.entries()) {
    const { open: openBordereau, close: closeBordereau } = container(fragmentText(2, (recette) => addBlocBordereau(recette.ele('Bordereau'), b)));
    const bordereauLine = line;
    line += lineCount(openBordereau);
    yield { text: openBordereau };
    const before = head + openRecette + openBordereau;
    const after = closeBordereau + closeRecette + emptyPj + closeRoot;
    const label = `${b.nature === 'titres' ? '01' : '02'}-${b.numero}`;
    for (let start = 0; start < pieces.length; start += partPieces) {
      const items = pieces.slice(start, start + partPieces).map((piece) => ({
        text: fragmentText(3, (bordereau) => addPiece(bordereau, piece, plan.context(b, piece))),
        item: `pièce n° ${piece.numero} du bordereau ${label}`,
      }));
      const text = items.map((i) => i.text).join('');
      const segments = [
        { lines: headLines, line: 1 },
        { lines: lineCount(openRecette), line: recetteLine },
        { lines: lineCount(openBordereau), line: bordereauLine },
        ...itemSegments(items, line),
        { lines: lineCount(after) },
      ];
      line += lineCount(text);
      const first = start + 1;
      yield {
        text,
        check: {
          before,
          after,
          locate: locator(segments),
          xpath: (path) => reindex(reindex(path, 'Bordereau', bi + 1, plan.bordereaux.length), 'Piece', first, pieces.length),
          factures: [],
          problems: [],
        },
      };
    }
    line += 1;
    yield { text: closeBordereau };
  }
  if (totalPj === 0) {
    yield { text: closeRecette + closeRoot };
    return;
  }
  yield { text: closeRecette + openPj };
  line += lineCount(closeRecette);
  const pjLine = line;
  line += lineCount(openPj);
  const before = head + openPj;
  const after = closePj + closeRoot;
  let firstPj = 1;
  let group: { factures: PartFacture[]; problems: Problem[]; items: { text: string; item: string }[]; pieces: number; chars: number } | undefined;
  const part = (g: NonNullable<typeof group>): PesPart => {
    const text = g.items.map((i) => i.text).join('');
    const segments = [{ lines: headLines, line: 1 }, { lines: lineCount(openPj), line: pjLine }, ...itemSegments(g.items, line), { lines: lineCount(after) }];
    line += lineCount(text);
    const first = firstPj;
    firstPj += g.items.length;
    return { text, check: { before, after, locate: locator(segments), xpath: (path) => reindex(path, 'PJ', first, totalPj), factures: g.factures, problems: g.problems } };
  };
  for (const { b, piece } of allPieces) {
    group ??= { factures: [], problems: [], items: [], pieces: 0, chars: 0 };
    for (const a of plan.context(b, piece).attachments) {
      const content = await a.content();
      if (a.typePj === PJ_TYPE_FACTURE) group.factures.push({ nomPj: a.nomPj, xml: content });
      else if (content.length === 0 && piece.pdf !== undefined) group.problems.push(emptyPdf(b, piece.numero, piece.pdf.fileName));
      const text = fragmentText(2, (domain) => addPj(domain, a, content));
      group.items.push({ text, item: `pièce jointe ${a.nomPj}` });
      group.chars += text.length;
    }
    group.pieces++;
    // a part of PJ also ends at PART_CHARS: the PDFs make them ~200 times larger than a piece
    if (group.pieces >= partPieces || group.chars >= PART_CHARS) {
      yield part(group);
      group = undefined;
    }
  }
  if (group !== undefined) yield part(group);
  yield { text: closePj + closeRoot };
}

/** The whole flux at once, for a small input (tests): its bytes and the PES_Factures it carries. */
export async function buildPesAller(
  input: PesExportInput,
  partPieces = PART_PIECES,
): Promise<{ fileName: string; xml: Buffer; factures: PartFacture[]; warnings: Problem[] }> {
  const plan = planPesAller(input);
  const texts: string[] = [];
  const factures: PartFacture[] = [];
  for await (const part of pesAllerParts(plan, partPieces)) {
    texts.push(part.text);
    factures.push(...(part.check?.factures ?? []));
  }
  return { fileName: plan.fileName, xml: encodeLatin1(texts.join('')), factures, warnings: plan.warnings };
}

/** How many PJ a piece carries: its PES_Facture (a titre), its PDF (when joined); as pieceContext makes them. */
function attachmentCount(p: PesPiece): number {
  return (p.type === 'titre' ? 1 : 0) + (p.pdf !== undefined ? 1 : 0);
}

function pieceContext(input: PesExportInput, b: PesBordereau, p: PesPiece, commune: Commune): Omit<PieceContext, 'imputation'> {
  const { config } = input;
  const edition = editionOf(config, commune);
  const origine = p.titreOrigine ?? { exercice: b.exercice, numero: p.numero };
  const numeroFacture = invoiceNumber(origine.exercice, origine.numero);
  const attachments: PesAttachment[] = [];
  if (p.type === 'titre') {
    const nomPj = `facture-${numeroFacture}.xml`;
    attachments.push({
      idUnique: pjIdUnique(config, b.exercice, p.numero, 'F'),
      nomPj,
      typePj: PJ_TYPE_FACTURE,
      description: pjDescription(`Avis des sommes à payer (facture ${numeroFacture}) du titre`, p.numero, b.exercice, p.objet),
      mimeType: PJ_MIME_TYPE_XML,
      content: () =>
        buildPesFacture({
          config,
          commune,
          exercice: b.exercice,
          bordereau: b.numero,
          numero: p.numero,
          numeroFacture,
          dateEmission: b.dateEmission,
          dateGeneration: input.dateGeneration,
          objet: p.objet,
          lignes: (typeof p.lignes === 'function' ? p.lignes() : p.lignes) ?? [
            { libelle: p.objet, montant: toAmountString(new Decimal(p.montant)), dateDebut: firstDayOfYear(b.exercice), dateFin: lastDayOfYear(b.exercice) },
          ],
          fileName: nomPj,
          ...(input.softwareVersion !== undefined ? { softwareVersion: input.softwareVersion } : {}),
        }),
    });
  }
  if (p.pdf !== undefined) {
    const pdf = p.pdf.content;
    attachments.push({
      idUnique: pjIdUnique(config, b.exercice, p.numero),
      nomPj: pjFileName(p.pdf.fileName),
      ...(p.type === 'titre' ? { typePj: PDF_PJ_TYPE[edition] } : {}),
      description: pjDescription(PIECE_LABEL[p.type], p.numero, b.exercice, p.objet),
      mimeType: PJ_MIME_TYPE,
      content: Buffer.isBuffer(pdf) ? () => pdf : pdf,
    });
  }
  const codeService = codeServiceOf(config, commune);
  return { commune, edition, numeroFacture, ...(codeService !== undefined ? { codeService } : {}), attachments };
}
