/**
 * PES_PJ attachments: each file gzipped then base64-encoded (Class_PJ.xsd: « compressés avec Gzip
 * puis convertis en Base64 »), referenced from the piece's BlocPiece by PJRef (same IdUnique,
 * NomPJ and TypePJ).
 */
import { gzipSync } from 'node:zlib';
import type { Config } from '../engine/dataset.js';
import { MAX, PJ_SUPPORT } from './pes-constants.js';
import { stripDiacritics } from './latin1.js';
import { fitText, pesText } from './pes-text.js';
import { leaf, optionalLeaf, type PesNode } from './pes-xml.js';

export interface PesAttachment {
  idUnique: string;
  nomPj: string;
  /** TypePJ (TPJ): 006 PES Facture, 008/011 document joined to the ASAP; absent for other documents. */
  typePj?: string;
  description: string;
  mimeType: string;
  /**
   * The file, read or built only when its PJ is written (build-pes-aller.ts): a national flux
   * never holds more than a part's attachments in memory.
   */
  content: () => Buffer | Promise<Buffer>;
}

/**
 * IdUnique (Base_Alphanum50, unique for ever in Hélios): « TITRES », exercice, CodCol, CodBud,
 * a letter for the kind of file (N the PDF of the piece, F its PES_Facture) and the piece number,
 * e.g. TITRES202612301N42 (exercice 2026, CodCol 123, CodBud 01, PDF of n° 42).
 */
export function pjIdUnique(config: Config, exercice: number, numero: number, kind: 'N' | 'F' = 'N'): string {
  const pes = config.emetteur.pes ?? {};
  return `TITRES${exercice}${pes.codCol ?? ''}${pes.codBud ?? ''}${kind}${numero}`;
}

/** NomPJ (Base_NomPJ): ASCII letters, digits, . _ - only, with its extension, at most 100 characters. */
export function pjFileName(fileName: string, extension = 'pdf'): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(new RegExp(`\\.${extension}$`, 'i'), '');
  const clean = stripDiacritics(base)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  return `${(clean || 'piece').slice(0, MAX.nomPj - extension.length - 1)}.${extension}`;
}

export function pjDescription(kind: string, numero: number, exercice: number, objet: string): string {
  return fitText(pesText(`${kind} n° ${numero}, exercice ${exercice} : ${objet}`), MAX.description, '...');
}

/** Gzip with a fixed header (mtime 0, OS byte 3 = Unix) so the bytes do not depend on the platform. */
function gzipBase64(content: Buffer): string {
  const gz = gzipSync(content, { level: 9 });
  gz[9] = 3;
  return gz.toString('base64');
}

/** BlocPiece/PJRef for an attachment carried in the same file (Support 01 électronique). */
export function addPjRef(parent: PesNode, pj: PesAttachment): void {
  const ref = parent.ele('PJRef');
  leaf(ref, 'Support', PJ_SUPPORT);
  leaf(ref, 'IdUnique', pj.idUnique);
  leaf(ref, 'NomPJ', pj.nomPj);
  optionalLeaf(ref, 'TypePJ', pj.typePj);
}

/** The head of the PES_PJ domain (its PJ follow, written apart). */
export function addEnTetePesPj(domain: PesNode): void {
  leaf(domain.ele('EnTetePES_PJ'), 'IdVer', 1);
}

/** One PJ of the PES_PJ domain, carrying `content` (the attachment's file). */
export function addPj(domain: PesNode, pj: PesAttachment, content: Buffer): void {
  const node = domain.ele('PJ');
  node.ele('Contenu').ele('Fichier').att('MIMEType', pj.mimeType).txt(gzipBase64(content));
  leaf(node, 'IdUnique', pj.idUnique);
  leaf(node, 'NomPJ', pj.nomPj);
  optionalLeaf(node, 'TypePJ', pj.typePj);
  leaf(node, 'Description', pj.description);
}
