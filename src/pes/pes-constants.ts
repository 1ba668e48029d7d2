/** Fixed values of the PES V2 recette flow (PES_Aller.xsd v5.30 and titre-de-recette.md §3). */

export const PES_ALLER_NAMESPACE = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller';

/** Enveloppe/Emetteur: Sigle (the software) and Adresse ("name version"). */
export const PES_SOFTWARE_NAME = 'TITRES';
/** Keep equal to package.json "version" (checked by test/pes/pes-constants.test.ts). */
export const PES_SOFTWARE_VERSION = '0.1.0';

/** TypBord: 01 ordinaire, 02 annulation/réduction. */
export const TYP_BORD = { titres: '01', reductions: '02' } as const;

/** TypPce / NatPce: 01/01 titre ordinaire de fonctionnement; 02/06 titre correctif annulation-réduction. */
export const TYP_PCE = { titre: '01', reduction: '02', annulation: '02' } as const;
export const NAT_PCE = { titre: '01', reduction: '06', annulation: '06' } as const;

/** Tiers of a commune: CatTiers 23 Communes, NatJur 09 collectivité territoriale, TypTiers 01 débiteur principal. */
export const TIERS_COMMUNE = { natIdTiersSiret: '01', natIdTiersSiren: '02', catTiers: '23', natJur: '09', typTiers: '01' } as const;

/** PES_PJ: TypePJ 006 « PES Facture » (the ASAP of a titre), Support 01 électronique. */
export const PJ_TYPE_FACTURE = '006';
export const PJ_SUPPORT = '01';
export const PJ_MIME_TYPE = 'application/pdf';
export const PJ_MIME_TYPE_XML = 'text/xml';

/** NS_Facture: PES_Facture of type 09 (ASAP), IdVer 2. */
export const TYPE_FACT_ASAP = '09';

/** XSD length limits used by the builder. */
export const MAX = {
  nom: 38, adresse: 38, ville: 38, libelleColBud: 38, objet: 160, description: 250, nomPj: 100, nomFic: 100,
  libelle: 200, modalitesReglement: 250, modalitesContestation: 420, conditionsGen: 250, role: 50, codeService: 100,
} as const;
