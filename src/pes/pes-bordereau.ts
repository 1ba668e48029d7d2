/**
 * One Bordereau: BlocBordereau (TypBord 01 titres / 02 réductions-annulations, NbrPce, MtBordHt =
 * exact sum of the pieces) then its pieces in ascending number order.
 */
import type { Imputation } from '../engine/dataset.js';
import { Decimal, sum, toAmountString } from '../engine/money.js';
import { TYP_BORD } from './pes-constants.js';
import type { PesBordereau, PesPiece } from './pes-input.js';
import { addPiece, type PieceContext } from './pes-piece.js';
import { leaf, type PesNode } from './pes-xml.js';

export interface BordereauContext {
  imputation: Imputation;
  /** Debtor, edition, invoice number and attachments of each piece. */
  pieces: Map<PesPiece, Omit<PieceContext, 'imputation'>>;
}

/** MtBordHt: the sum of the pieces' amounts, exact, with 2 decimals. */
function bordereauTotal(b: PesBordereau): string {
  return toAmountString(sum(b.pieces.map((p) => new Decimal(p.montant))));
}

export function sortedPieces(b: PesBordereau): PesPiece[] {
  return [...b.pieces].sort((x, y) => x.numero - y.numero);
}

export function addBordereau(domain: PesNode, b: PesBordereau, ctx: BordereauContext): void {
  const node = domain.ele('Bordereau');
  const bloc = node.ele('BlocBordereau');
  leaf(bloc, 'Exer', b.exercice);
  leaf(bloc, 'IdBord', b.numero);
  leaf(bloc, 'DteBordEm', b.dateEmission);
  leaf(bloc, 'TypBord', TYP_BORD[b.nature]);
  leaf(bloc, 'NbrPce', b.pieces.length);
  if (b.cumulAnnuel !== undefined) leaf(bloc, 'MtCumulAnnuel', toAmountString(new Decimal(b.cumulAnnuel)));
  leaf(bloc, 'MtBordHt', bordereauTotal(b));
  for (const piece of sortedPieces(b)) {
    const context = ctx.pieces.get(piece);
    if (context === undefined) throw new Error(`piece ${piece.numero} not prepared`);
    addPiece(node, piece, { imputation: ctx.imputation, ...context });
  }
}
