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
import type { Commune, Config, Dataset, PesEdition } from '../engine/dataset.js';
import { isValidSiret } from '../engine/identifiers.js';

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

/** TypePJ of the titre's PDF joined to its ASAP: 008 under Edition 02, 011 under Edition 01. */
export const PDF_PJ_TYPE: Readonly<Record<PesEdition, string>> = { '02': '008', '01': '011' };

/** The Edition of a titre to this commune; undefined for an unknown commune (the plan refuses it). */
export function editionFor(dataset: Dataset, codeInsee: string): PesEdition | undefined {
  const commune = dataset.communes.get(codeInsee);
  return commune === undefined ? undefined : editionOf(dataset.config, commune);
}

/**
 * How many debtors' names the sentence lists: the communes whose ASAP the DGFiP prints are named for
 * the comptable to expect their letters, up to this count; past it the rest is counted (a national
 * batch without SIRETs would otherwise print 35 000 names on each bordereau and in the plan, issue
 * 12). The full list is the titres' Edition, in --json and in the PES flux.
 */
export const EDITION_NAMES_LISTED = 20;

/**
 * « Avis des sommes à payer : 20 sur Chorus Pro (ASAP CPP, édition 02) ; 2 à éditer et envoyer par
 * la DGFiP (édition 01) : Bron, Givors. », the names cut after EDITION_NAMES_LISTED (« … et 130
 * autres communes »).
 */
export function editionLine(titres: Iterable<{ edition?: PesEdition; commune: string }>): string {
  let cpp = 0;
  let paper = 0;
  const names = new Set<string>();
  for (const t of titres) {
    if (t.edition === '02') cpp++;
    else if (t.edition === '01') {
      paper++;
      names.add(t.commune);
    }
  }
  const parts: string[] = [];
  if (cpp > 0) parts.push(`${cpp} sur Chorus Pro (ASAP CPP, édition 02)`);
  if (paper > 0) parts.push(`${paper} à éditer et envoyer par la DGFiP (édition 01) : ${namesListed([...names])}`);
  return parts.length === 0 ? '' : `Avis des sommes à payer : ${parts.join(' ; ')}.\n`;
}

function namesListed(names: readonly string[]): string {
  if (names.length <= EDITION_NAMES_LISTED) return names.join(', ');
  const others = names.length - EDITION_NAMES_LISTED;
  const s = others > 1 ? 's' : '';
  return `${names.slice(0, EDITION_NAMES_LISTED).join(', ')} et ${others} autre${s} commune${s}`;
}
