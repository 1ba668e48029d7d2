/**
 * PES_PJ attachments: each piece's PDF, gzipped then base64-encoded (Class_PJ.xsd: « compressés
 * avec Gzip puis convertis en Base64 »), referenced from the piece's BlocPiece by PJRef.
 */
import { gzipSync } from 'node:zlib';
import type { Config } from '../engine/dataset.js';
import { MAX, PJ_MIME_TYPE, PJ_SUPPORT, PJ_TYPE } from './pes-constants.js';
import type { PesPdf } from './pes-input.js';
import { stripDiacritics } from './latin1.js';
import { fitText, pesText } from './pes-text.js';
import { leaf, type PesNode } from './pes-xml.js';

export interface PesAttachment {
  idUnique: string;
  nomPj: string;
  description: string;
  pdf: PesPdf;
}

/**
 * IdUnique (Base_Alphanum50, unique for ever in Hélios): « TITRES », exercice, CodCol, CodBud,
 * « N » and the piece number, e.g. TITRES202612301N42 (exercice 2026, CodCol 123, CodBud 01, n° 42).
 */
export function pjIdUnique(config: Config, exercice: number, numero: number): string {
  const pes = config.emetteur.pes ?? {};
  return `TITRES${exercice}${pes.codCol ?? ''}${pes.codBud ?? ''}N${numero}`;
}

/** NomPJ (Base_NomPJ): ASCII letters, digits, . _ - only, ending in .pdf, at most 100 characters. */
export function pjFileName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.pdf$/i, '');
  const clean = stripDiacritics(base)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  return `${(clean || 'piece').slice(0, MAX.nomPj - 4)}.pdf`;
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
  leaf(ref, 'TypePJ', PJ_TYPE);
}

/** The PES_PJ domain; nothing when there is no attachment. */
export function addPesPj(root: PesNode, attachments: PesAttachment[]): void {
  if (attachments.length === 0) return;
  const domain = root.ele('PES_PJ');
  leaf(domain.ele('EnTetePES_PJ'), 'IdVer', 1);
  for (const pj of attachments) {
    const node = domain.ele('PJ');
    node.ele('Contenu').ele('Fichier').att('MIMEType', PJ_MIME_TYPE).txt(gzipBase64(pj.pdf.content));
    leaf(node, 'IdUnique', pj.idUnique);
    leaf(node, 'NomPJ', pj.nomPj);
    leaf(node, 'TypePJ', PJ_TYPE);
    leaf(node, 'Description', pj.description);
  }
}
