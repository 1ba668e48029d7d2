/**
 * The PES_Facture ASAP of one titre (NS_Facture, Class_PESFacture.xsd, TypeFact 09): a whole
 * PES_Aller document (Enveloppe, EnTetePES, PES_Facture) carried gzipped as the titre's PJ of type
 * 006. Hélios builds the avis des sommes à payer from it: on Chorus Pro under Edition 02, on paper
 * under Edition 01. The rules of the schema's documentation for an ASAP are followed:
 *   - Emetteur with its address (Adr2 required), InfoSuppl/RefBdf and the Signataire;
 *   - exactly one Tiers 25 (CENTRE D'ENCAISSEMENT / DES FINANCES PUBLIQUES, only Adr3 = TSA) and one
 *     Tiers 26 (the comptable, Adr2 required);
 *   - one FactureIndiv: the titre's date, NumeroFacture, Debiteur (the commune, its SIRET, Adr2),
 *     Objet, one LigneFacture per element of the liquidation (strictly positive amounts, no
 *     VAT), TotalAPayer, RefTitre (exercice, bordereau, titre, ligne 1), ModalitesReglement,
 *     ModalitesContestation, ModeRecouvrement 1 (avis sans TIP: the debtor is a public body);
 *   - fields the schema says not to fill for an ASAP (NatIdTiers, DateReglement, CodeProduit,
 *     Unite, DetailTVA, nomenclatures…) are left out.
 * Pure: the same input gives the same bytes (ISO-8859-1).
 */
import type { Commune, Config } from '../engine/dataset.js';
import type { IsoDate } from '../engine/dates.js';
import { Decimal, sum, toAmountString } from '../engine/money.js';
import { communeTiersName } from './commune-tiers-name.js';
import { postalAddress, splitAddress, type PesAddress, type PesPostalAddress } from './pes-address.js';
import { MAX, PES_ALLER_NAMESPACE, PES_SOFTWARE_VERSION, TIERS_COMMUNE, TYPE_FACT_ASAP } from './pes-constants.js';
import { hasValidSiret } from './pes-edition.js';
import { addEnTetePES, addEnveloppe } from './pes-header.js';
import type { InvoiceLine } from './pes-invoice.js';
import { encodeLatin1 } from './latin1.js';
import { fitText, pesText, postalText } from './pes-text.js';
import { documentText, leaf, optionalLeaf, rootElement, type PesNode } from './pes-xml.js';

export interface FactureInput {
  config: Config;
  commune: Commune;
  exercice: number;
  bordereau: number;
  numero: number;
  numeroFacture: string;
  dateEmission: IsoDate;
  dateGeneration: IsoDate;
  objet: string;
  lignes: InvoiceLine[];
  /** NomFic of the embedded file: the PJ's NomPJ. */
  fileName: string;
  softwareVersion?: string;
}

/** The issuer (Métropole): CatTiers 24 groupement de collectivités, NatJur 09, TypTiers 20 émetteur. */
const TIERS_EMETTEUR = { catTiers: '24', natJur: '09', typTiers: '20' } as const;
/** DGFiP centres: CatTiers 20 État, NatJur 07 organisme d'État; TypTiers 25 centre d'encaissement, 26 comptable. */
const TIERS_DGFIP = { catTiers: '20', natJur: '07', encaissement: '25', comptable: '26' } as const;

const text = (value: string, max: number): string => fitText(pesText(value), max, '...');

function addAdresse(parent: PesNode, a: PesAddress & { cp: string; ville: string }): void {
  const node = parent.ele('Adresse');
  leaf(node, 'TypAdr', '1');
  optionalLeaf(node, 'Adr1', a.adr1);
  optionalLeaf(node, 'Adr2', a.adr2);
  optionalLeaf(node, 'Adr3', a.adr3);
  leaf(node, 'CP', a.cp);
  leaf(node, 'Ville', a.ville);
  leaf(node, 'CodRes', '0');
}

function addInfoTiers(
  parent: PesNode,
  t: { idTiers?: string; catTiers: string; natJur: string; typTiers: string; nom: string; complNom?: string },
): void {
  const info = parent.ele('InfoTiers');
  optionalLeaf(info, 'IdTiers', t.idTiers);
  leaf(info, 'CatTiers', t.catTiers);
  leaf(info, 'NatJur', t.natJur);
  leaf(info, 'TypTiers', t.typTiers);
  leaf(info, 'Nom', fitText(postalText(t.nom), MAX.nom));
  optionalLeaf(info, 'ComplNom', t.complNom);
}

/** The address of config.json lines; checked beforehand by checkPesRequirements. */
function configAddress(lines: readonly string[], only3 = false): PesPostalAddress {
  const a = postalAddress(lines, only3);
  if (a === undefined) throw new Error(`address not checked: ${lines.join(' / ')}`);
  return a;
}

/** ModalitesReglement: config.json's sentence, or payment by transfer to the comptable. */
export function modalitesReglement(config: Config): string {
  const own = config.emetteur.pes?.modalitesReglement;
  const c = config.emetteur.comptable;
  const sentence =
    own ??
    `Prélèvement non proposé. Paiement par virement au comptable public (${c.nom}) : IBAN ${c.iban}, BIC ${c.bic}, en rappelant le numéro du titre.`;
  return text(sentence, MAX.modalitesReglement);
}

/** ModalitesContestation: the two-month recourse before the competent court (L. 1617-5 2° CGCT). */
export function modalitesContestation(config: Config): string {
  const t = config.emetteur.tribunal;
  return text(
    `Dans un délai de deux mois à compter de la réception du présent avis (article L. 1617-5 2° du code général des collectivités territoriales), le bien-fondé de la somme réclamée peut être contesté devant le ${t.nom} (${t.adresse}), y compris par l'application Télérecours (www.telerecours.fr).`,
    MAX.modalitesContestation,
  );
}

export function buildPesFacture(input: FactureInput): Buffer {
  const { config, commune } = input;
  const issuer = config.emetteur;
  const root = rootElement(PES_ALLER_NAMESPACE, 'n:PES_Aller');
  addEnveloppe(root, input.fileName, input.softwareVersion ?? PES_SOFTWARE_VERSION);
  addEnTetePES(root, config, input.dateGeneration);
  const facture = root.ele('PES_Facture');
  leaf(facture, 'IdVer', 2);
  leaf(facture, 'Annee', input.exercice);
  leaf(facture, 'TypeFact', TYPE_FACT_ASAP);
  leaf(facture, 'Date', input.dateEmission);
  leaf(facture, 'NatFacture', 'Titre de recette');

  const emetteur = facture.ele('Emetteur');
  addInfoTiers(emetteur, { idTiers: issuer.siret, ...TIERS_EMETTEUR, nom: issuer.nom });
  addAdresse(emetteur, configAddress(issuer.adresse));
  leaf(emetteur.ele('InfoSuppl'), 'RefBdf', issuer.pes?.refBdf ?? '');
  const signataire = emetteur.ele('Signataire');
  const personne = signataire.ele('Personne');
  leaf(personne, 'Nom', fitText(postalText(issuer.signataire.nom), MAX.nom));
  leaf(personne, 'Prenom', fitText(postalText(issuer.signataire.prenom), MAX.nom));
  leaf(signataire, 'Role', text(issuer.signataire.qualite, MAX.role));

  const encaissement = facture.ele('Tiers');
  addInfoTiers(encaissement, {
    catTiers: TIERS_DGFIP.catTiers, natJur: TIERS_DGFIP.natJur, typTiers: TIERS_DGFIP.encaissement,
    nom: "CENTRE D'ENCAISSEMENT", complNom: 'DES FINANCES PUBLIQUES',
  });
  addAdresse(encaissement, configAddress(issuer.pes?.centreEncaissement ?? [], true));
  const comptable = facture.ele('Tiers');
  addInfoTiers(comptable, {
    catTiers: TIERS_DGFIP.catTiers, natJur: TIERS_DGFIP.natJur, typTiers: TIERS_DGFIP.comptable, nom: issuer.comptable.nom,
  });
  addAdresse(comptable, configAddress(issuer.comptable.adresse));

  const indiv = facture.ele('FactureIndiv');
  leaf(indiv, 'DateEmission', input.dateEmission);
  leaf(indiv, 'NumeroFacture', input.numeroFacture);
  const debiteur = indiv.ele('Debiteur');
  addInfoTiers(debiteur, {
    ...(hasValidSiret(commune) ? { idTiers: commune.siret } : {}),
    catTiers: TIERS_COMMUNE.catTiers, natJur: TIERS_COMMUNE.natJur, typTiers: TIERS_COMMUNE.typTiers,
    nom: communeTiersName(commune.nom),
  });
  const { hasVoie: _, ...lines } = splitAddress(commune.adresse);
  addAdresse(debiteur, { ...lines, cp: commune.codePostal, ville: fitText(postalText(commune.ville), MAX.ville) });
  leaf(indiv, 'Objet', text(input.objet, MAX.objet));
  input.lignes.forEach((l, i) => addLigne(indiv, l, i + 1));
  const total = toAmountString(sum(input.lignes.map((l) => new Decimal(l.montant))));
  const totals = indiv.ele('TotalAPayer');
  leaf(totals, 'MtTotalHT', total);
  leaf(totals, 'MtTotalTVA', '0.00');
  leaf(totals, 'MtTotalTTC', total);
  const ref = indiv.ele('RefTitre');
  leaf(ref, 'Exercice', input.exercice);
  leaf(ref, 'NumBordereau', input.bordereau);
  leaf(ref, 'NumTitre', input.numero);
  leaf(ref, 'NumLigne', 1);
  leaf(indiv, 'ModalitesReglement', modalitesReglement(config));
  leaf(indiv, 'ModalitesContestation', modalitesContestation(config));
  leaf(indiv, 'ModeRecouvrement', '1');
  leaf(indiv, 'ConditionsGen', text(`Contribution due en application de la ${config.convention.reference}`, MAX.conditionsGen));
  facture.ele('Nomenclatures');

  return encodeLatin1(documentText(root));
}

function addLigne(parent: PesNode, l: InvoiceLine, ordre: number): void {
  const node = parent.ele('LigneFacture');
  leaf(node, 'DateDebut', l.dateDebut);
  leaf(node, 'DateFin', l.dateFin);
  leaf(node, 'Libelle', text(l.libelle, MAX.libelle));
  leaf(node, 'Quantite', '1');
  leaf(node, 'MtUnitaire', l.montant);
  leaf(node, 'MtHT', l.montant);
  leaf(node, 'TauxTVA', '0.00');
  leaf(node, 'MtTVA', '0.00');
  leaf(node, 'MtTTC', l.montant);
  leaf(node, 'Ordre', ordre);
}
