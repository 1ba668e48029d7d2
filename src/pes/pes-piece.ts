/**
 * One Piece (titre or titre correctif) with its single LigneDePiece: InfoLignePiece (imputation and
 * amount, no VAT: MtHT is the amount due), RattachPiece for réductions, and the commune's Tiers.
 *
 * A titre carries its Edition (pes-edition.ts), a PJRef to its PES_Facture (006) and, when joined,
 * to its PDF (008 under Edition 02, 011 under Edition 01); under Edition 02 also its NumeroFacture
 * and the debtor's Chorus Pro CodeService when config.json gives one.
 * A réduction or annulation carries no Edition (nothing to pay, hence no ASAP) and, when the titre it
 * corrects went to Chorus Pro, that titre's NumeroFacture, so that the correction names the invoice.
 */
import type { Commune, Imputation } from '../engine/dataset.js';
import { Decimal, toAmountString } from '../engine/money.js';
import { MAX, NAT_PCE, TYP_PCE } from './pes-constants.js';
import type { PesEdition } from './pes-edition.js';
import type { PesPiece } from './pes-input.js';
import { addPjRef, type PesAttachment } from './pes-pj.js';
import { fitText, pesText } from './pes-text.js';
import { addCommuneTiers } from './pes-tiers.js';
import { leaf, optionalLeaf, type PesNode } from './pes-xml.js';

export interface PieceContext {
  imputation: Imputation;
  commune: Commune;
  /** Titres: the Edition of the debtor; réductions: the Edition of the titre corrected. */
  edition: PesEdition;
  /** Titres: the piece's invoice number; réductions: the original titre's. */
  numeroFacture: string;
  codeService?: string;
  attachments: PesAttachment[];
}

/** ObjPce / ObjLignePce: Latin-1, one line, at most 160 characters, cut at a word with "...". */
export function pieceObjet(objet: string): string {
  return fitText(pesText(objet), MAX.objet, '...');
}

export function addPiece(bordereau: PesNode, piece: PesPiece, ctx: PieceContext): void {
  const node = bordereau.ele('Piece');
  const objet = pieceObjet(piece.objet);
  const titre = piece.type === 'titre';
  const cpp = ctx.edition === '02';

  const bloc = node.ele('BlocPiece');
  leaf(bloc, 'IdPce', piece.numero);
  leaf(bloc, 'TypPce', TYP_PCE[piece.type]);
  leaf(bloc, 'NatPce', NAT_PCE[piece.type]);
  if (titre) leaf(bloc, 'Edition', ctx.edition);
  optionalLeaf(bloc, 'ObjPce', objet);
  for (const pj of ctx.attachments) addPjRef(bloc, pj);
  if (cpp) leaf(bloc, 'NumeroFacture', ctx.numeroFacture);
  if (titre && cpp) optionalLeaf(bloc, 'CodeService', ctx.codeService && fitText(pesText(ctx.codeService), MAX.codeService));

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

  if (!titre && piece.titreOrigine !== undefined) {
    const rattach = blocLigne.ele('RattachPiece');
    leaf(rattach, 'NatPceOrig', '01');
    leaf(rattach, 'ExerRat', piece.titreOrigine.exercice);
    leaf(rattach, 'IdPceOrig', piece.titreOrigine.numero);
    leaf(rattach, 'IdLigneOrig', '1');
  }
  addCommuneTiers(ligne, ctx.commune);
}
