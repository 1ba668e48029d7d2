/**
 * Tiers of a piece line: the debtor commune, identified by its SIRET (NatIdTiers 01, required for
 * an ASAP CPP) or, without one, by its SIREN (NatIdTiers 02); CatTiers 23 Communes, NatJur 09,
 * TypTiers 01 débiteur principal. Name and address follow the postal norm (upper case, no
 * accents, 38 characters at most); the address is split into Adr1/Adr2/Adr3 (pes-address.ts).
 */
import type { Commune } from '../engine/dataset.js';
import { communeTiersName } from './commune-tiers-name.js';
import { splitAddress } from './pes-address.js';
import { MAX, TIERS_COMMUNE } from './pes-constants.js';
import { hasValidSiret } from './pes-edition.js';
import { fitText, postalText } from './pes-text.js';
import { leaf, optionalLeaf, type PesNode } from './pes-xml.js';

export function addCommuneTiers(ligne: PesNode, commune: Commune): void {
  const tiers = ligne.ele('Tiers');
  const info = tiers.ele('InfoTiers');
  const siret = hasValidSiret(commune);
  leaf(info, 'IdTiers', siret ? commune.siret : commune.siren);
  leaf(info, 'NatIdTiers', siret ? TIERS_COMMUNE.natIdTiersSiret : TIERS_COMMUNE.natIdTiersSiren);
  leaf(info, 'CatTiers', TIERS_COMMUNE.catTiers);
  leaf(info, 'NatJur', TIERS_COMMUNE.natJur);
  leaf(info, 'TypTiers', TIERS_COMMUNE.typTiers);
  leaf(info, 'Nom', communeTiersName(commune.nom));

  const { adr1, adr2, adr3 } = splitAddress(commune.adresse);
  const adresse = tiers.ele('Adresse');
  leaf(adresse, 'TypAdr', '1');
  optionalLeaf(adresse, 'Adr1', adr1);
  leaf(adresse, 'Adr2', adr2 ?? '');
  optionalLeaf(adresse, 'Adr3', adr3);
  leaf(adresse, 'CP', commune.codePostal);
  leaf(adresse, 'Ville', fitText(postalText(commune.ville), MAX.ville));
  leaf(adresse, 'CodRes', '0');
}
