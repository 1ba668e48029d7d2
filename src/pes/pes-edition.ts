/**
 * Edition of a titre (PES BlocPiece/Edition, Class_TitreAller.xsd): how the DGFiP handles the avis
 * des sommes à payer (ASAP) of a titre.
 *   02 ASAP CPP: deposited on Chorus Pro for a public debtor. Requires a single debtor identified
 *      by its SIRET (NatIdTiers 01), a PJ of type 006 (PES_Facture of type 09) and a NumeroFacture;
 *      a PDF joined to it is announced as type 008.
 *   01 ASAP à éditer: printed and mailed by the DGFiP. A PJ is required (the PES_Facture 006);
 *      a PDF merged with it is announced as type 011 (Class_PJReference.xsd).
 * Default: 02 for a commune with a valid SIRET, unless config.json says 01 (for all communes,
 * `emetteur.pes.edition`, or for one, `emetteur.pes.communes.<code INSEE>.edition`); 01 without SIRET.
 */
import type { Commune, Config, PesEdition } from '../engine/dataset.js';
import { isValidSiret } from '../io/values/identifiers.js';

export type { PesEdition };

export function hasValidSiret(commune: Commune): commune is Commune & { siret: string } {
  return commune.siret !== undefined && isValidSiret(commune.siret);
}

export function editionOf(config: Config, commune: Commune): PesEdition {
  if (!hasValidSiret(commune)) return '01';
  const pes = config.emetteur.pes;
  return pes?.communes?.get(commune.codeInsee)?.edition ?? pes?.edition ?? '02';
}

/** The Chorus Pro service code of the commune, when config.json gives one (Edition 02 only). */
export function codeServiceOf(config: Config, commune: Commune): string | undefined {
  return config.emetteur.pes?.communes?.get(commune.codeInsee)?.codeService;
}

/** How the edition is said to a finance officer (dry run, bordereau, docs). */
export const EDITION_LABEL: Readonly<Record<PesEdition, string>> = {
  '02': 'ASAP CPP (Chorus Pro)',
  '01': 'ASAP à éditer (courrier)',
};

/** TypePJ of the titre's PDF joined to its ASAP: 008 under Edition 02, 011 under Edition 01. */
export const PDF_PJ_TYPE: Readonly<Record<PesEdition, string>> = { '02': '008', '01': '011' };
