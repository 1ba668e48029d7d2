/**
 * Tiers of a piece line: the debtor commune, identified by its SIRET (NatIdTiers 01, needed for
 * the ASAP to public debtors), CatTiers 23 Communes, NatJur 09, TypTiers 01 débiteur principal.
 * Name and address follow the postal norm (upper case, no accents, 38 characters at most).
 */
import type { Commune } from '../engine/dataset.js';
import { communeTiersName } from './commune-tiers-name.js';
import { MAX, TIERS_COMMUNE } from './pes-constants.js';
import { fitText, postalText } from './pes-text.js';
import { leaf, type PesNode } from './pes-xml.js';

export function addCommuneTiers(ligne: PesNode, commune: Commune): void {
  const tiers = ligne.ele('Tiers');
  const info = tiers.ele('InfoTiers');
  leaf(info, 'IdTiers', commune.siret ?? '');
  leaf(info, 'NatIdTiers', TIERS_COMMUNE.natIdTiersSiret);
  leaf(info, 'CatTiers', TIERS_COMMUNE.catTiers);
  leaf(info, 'NatJur', TIERS_COMMUNE.natJur);
  leaf(info, 'TypTiers', TIERS_COMMUNE.typTiers);
  leaf(info, 'Nom', communeTiersName(commune.nom));

  const adresse = tiers.ele('Adresse');
  leaf(adresse, 'TypAdr', '1');
  leaf(adresse, 'Adr2', fitText(postalText(commune.adresse), MAX.adresse));
  leaf(adresse, 'CP', commune.codePostal);
  leaf(adresse, 'Ville', fitText(postalText(commune.ville), MAX.ville));
  leaf(adresse, 'CodRes', '0');
}
