/**
 * One Bordereau: BlocBordereau (TypBord 01 titres / 02 réductions-annulations, NbrPce, MtBordHt =
 * exact sum of the pieces) then its pieces in ascending number order (build-pes-aller.ts writes
 * them one part at a time after this head).
 */
import { Decimal, sum, toAmountString } from '../engine/money.js';
import { TYP_BORD } from './pes-constants.js';
import type { PesBordereau, PesPiece } from './pes-input.js';
import { leaf, type PesNode } from './pes-xml.js';

/** MtBordHt: the sum of the pieces' amounts, exact, with 2 decimals. */
function bordereauTotal(b: PesBordereau): string {
  return toAmountString(sum(b.pieces.map((p) => new Decimal(p.montant))));
}

export function sortedPieces(b: PesBordereau): PesPiece[] {
  return [...b.pieces].sort((x, y) => x.numero - y.numero);
}

/** The BlocBordereau of `b`: the head of its Bordereau, whose pieces are written one by one after it. */
export function addBlocBordereau(node: PesNode, b: PesBordereau): void {
  const bloc = node.ele('BlocBordereau');
  leaf(bloc, 'Exer', b.exercice);
  leaf(bloc, 'IdBord', b.numero);
  leaf(bloc, 'DteBordEm', b.dateEmission);
  leaf(bloc, 'TypBord', TYP_BORD[b.nature]);
  leaf(bloc, 'NbrPce', b.pieces.length);
  if (b.cumulAnnuel !== undefined) leaf(bloc, 'MtCumulAnnuel', toAmountString(new Decimal(b.cumulAnnuel)));
  leaf(bloc, 'MtBordHt', bordereauTotal(b));
}
