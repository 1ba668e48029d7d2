/**
 * One Piece (titre or titre correctif) with its single LigneDePiece: InfoLignePiece (imputation and
 * amount, no VAT: MtHT is the amount due), RattachPiece for réductions, and the commune's Tiers.
 */
import type { Commune, Imputation } from '../engine/dataset.js';
import { Decimal, toAmountString } from '../engine/money.js';
import { EDITION_TITRE, MAX, NAT_PCE, TYP_PCE } from './pes-constants.js';
import type { PesPiece } from './pes-input.js';
import { addPjRef, type PesAttachment } from './pes-pj.js';
import { fitText, pesText } from './pes-text.js';
import { addCommuneTiers } from './pes-tiers.js';
import { leaf, optionalLeaf, type PesNode } from './pes-xml.js';

export interface PieceContext {
  imputation: Imputation;
  commune: Commune;
  attachment?: PesAttachment;
}

/** ObjPce / ObjLignePce: Latin-1, one line, at most 160 characters, cut at a word with "...". */
function pieceObjet(objet: string): string {
  return fitText(pesText(objet), MAX.objet, '...');
}

export function addPiece(bordereau: PesNode, piece: PesPiece, ctx: PieceContext): void {
  const node = bordereau.ele('Piece');
  const objet = pieceObjet(piece.objet);

  const bloc = node.ele('BlocPiece');
  leaf(bloc, 'IdPce', piece.numero);
  leaf(bloc, 'TypPce', TYP_PCE[piece.type]);
  leaf(bloc, 'NatPce', NAT_PCE[piece.type]);
  if (piece.type === 'titre') leaf(bloc, 'Edition', EDITION_TITRE);
  optionalLeaf(bloc, 'ObjPce', objet);
  if (ctx.attachment !== undefined) addPjRef(bloc, ctx.attachment);

  const ligne = node.ele('LigneDePiece');
  const blocLigne = ligne.ele('BlocLignePiece');
  const info = blocLigne.ele('InfoLignePiece');
  leaf(info, 'IdLigne', 1);
  optionalLeaf(info, 'ObjLignePce', objet);
  leaf(info, 'CodProdLoc', ctx.imputation.code_produit ?? '');
  leaf(info, 'Nature', ctx.imputation.nature ?? '');
  optionalLeaf(info, 'Fonction', ctx.imputation.fonction?.trim());
  leaf(info, 'Majo', '0');
  leaf(info, 'TvaIntraCom', '0');
  leaf(info, 'MtHT', toAmountString(new Decimal(piece.montant)));

  if (piece.type !== 'titre' && piece.titreOrigine !== undefined) {
    const rattach = blocLigne.ele('RattachPiece');
    leaf(rattach, 'NatPceOrig', '01');
    leaf(rattach, 'ExerRat', piece.titreOrigine.exercice);
    leaf(rattach, 'IdPceOrig', piece.titreOrigine.numero);
    leaf(rattach, 'IdLigneOrig', '1');
  }
  addCommuneTiers(ligne, ctx.commune);
}
