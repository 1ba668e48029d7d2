import type { Issuer, IssuingService, PesCommune, PesEdition, PesIdentifiers } from '../../engine/dataset.js';
import { COD_BUD, COD_COL, ID_POST, isValidBic, isValidIban, isValidSiren, isValidSiret } from '../../engine/identifiers.js';
import type { JsonFields, Scope } from './json-fields.js';

/** config.json `emetteur`: the Métropole, its signatory, comptable and competent court. */
export function readIssuer(f: JsonFields, root: Scope): Issuer | undefined {
  const e = f.object(root, 'emetteur', true);
  if (!e) return undefined;
  const nom = f.string(e, 'nom', true);
  const siren = f.string(e, 'siren', true);
  if (siren !== undefined && !isValidSiren(siren)) {
    f.sink.add('INVALID_SIREN', `« emetteur.siren » : SIREN invalide « ${siren} » (9 chiffres avec une clé de Luhn valide)`, f.node(e, 'siren', false));
  }
  const adresse = f.strings(e, 'adresse', true);
  const s = f.object(e, 'signataire', true);
  const signataire = s && {
    prenom: f.string(s, 'prenom', true),
    nom: f.string(s, 'nom', true),
    qualite: f.string(s, 'qualite', true),
    delegation: f.string(s, 'delegation', false),
    arreteDelegation: f.string(s, 'arrete_delegation', false),
  };
  const c = f.object(e, 'comptable', true);
  const comptable = c && {
    nom: f.string(c, 'nom', true),
    adresse: f.strings(c, 'adresse', true),
    iban: f.string(c, 'iban', true),
    bic: f.string(c, 'bic', true),
  };
  if (c && comptable?.iban !== undefined && !isValidIban(comptable.iban)) {
    f.sink.add('INVALID_IBAN', `« emetteur.comptable.iban » : IBAN invalide « ${comptable.iban} » (clé de contrôle fausse ou format incorrect)`, f.node(c, 'iban', false));
  }
  if (c && comptable?.bic !== undefined && !isValidBic(comptable.bic)) {
    f.sink.add('INVALID_BIC', `« emetteur.comptable.bic » : BIC invalide « ${comptable.bic} » (8 ou 11 caractères)`, f.node(c, 'bic', false));
  }
  const t = f.object(e, 'tribunal', true);
  const tribunal = t && { nom: f.string(t, 'nom', true), adresse: f.string(t, 'adresse', true) };
  const service = readIssuingService(f, e);
  const siret = readSiret(f, e, siren);
  const pes = readPes(f, e);
  if (nom === undefined || siren === undefined || adresse === undefined || !signataire || !comptable || !tribunal) return undefined;
  const { prenom, nom: nomSignataire, qualite, delegation, arreteDelegation } = signataire;
  if (prenom === undefined || nomSignataire === undefined || qualite === undefined) return undefined;
  if (comptable.nom === undefined || comptable.adresse === undefined || comptable.iban === undefined || comptable.bic === undefined) return undefined;
  if (tribunal.nom === undefined || tribunal.adresse === undefined) return undefined;
  return {
    nom,
    siren,
    adresse,
    signataire: {
      prenom,
      nom: nomSignataire,
      qualite,
      ...(delegation !== undefined ? { delegation } : {}),
      ...(arreteDelegation !== undefined ? { arreteDelegation } : {}),
    },
    comptable: { nom: comptable.nom, adresse: comptable.adresse, iban: comptable.iban, bic: comptable.bic },
    tribunal: { nom: tribunal.nom, adresse: tribunal.adresse },
    ...(service !== undefined ? { service } : {}),
    ...(siret !== undefined ? { siret } : {}),
    ...(pes !== undefined ? { pes } : {}),
  };
}

/** Optional `emetteur.service`: the issuing service and whom to call about a titre. */
function readIssuingService(f: JsonFields, e: Scope): IssuingService | undefined {
  const s = f.object(e, 'service', false);
  if (!s) return undefined;
  const nom = f.string(s, 'nom', true);
  const interlocuteur = f.string(s, 'interlocuteur', false);
  const telephone = f.string(s, 'telephone', false);
  const courriel = f.string(s, 'courriel', false);
  if (nom === undefined) return undefined;
  return {
    nom,
    ...(interlocuteur !== undefined ? { interlocuteur } : {}),
    ...(telephone !== undefined ? { telephone } : {}),
    ...(courriel !== undefined ? { courriel } : {}),
  };
}

function readSiret(f: JsonFields, e: Scope, siren: string | undefined): string | undefined {
  const siret = f.string(e, 'siret', false);
  if (siret === undefined) return undefined;
  if (!isValidSiret(siret)) {
    f.sink.add('INVALID_SIRET', `« emetteur.siret » : SIRET invalide « ${siret} » (14 chiffres avec une clé de Luhn valide)`, f.node(e, 'siret', false));
  } else if (siren !== undefined && !siret.startsWith(siren)) {
    f.sink.add('SIRET_SIREN_MISMATCH', `« emetteur.siret » « ${siret} » ne commence pas par le SIREN « ${siren} »`, f.node(e, 'siret', false));
  }
  return siret;
}

/** Optional PES V2 identifiers (required only by export-pes), checked against the XSD patterns. */
function readPes(f: JsonFields, e: Scope): PesIdentifiers | undefined {
  const p = f.object(e, 'pes', false);
  if (!p) return undefined;
  const idPost = f.pattern(p, 'id_post', false, ID_POST, 'codique du poste comptable : 6 ou 7 chiffres');
  const codCol = f.pattern(p, 'cod_col', false, COD_COL, '3 chiffres');
  const codBud = f.pattern(p, 'cod_bud', false, COD_BUD, '2 caractères, par exemple 01');
  const libelleColBud = f.pattern(p, 'libelle_col_bud', false, /^.{1,38}$/, '38 caractères au plus');
  const edition = f.has(p, 'edition') ? f.enumeration(p, 'edition', EDITIONS) : undefined;
  const refBdf = f.pattern(p, 'ref_bdf', false, REF_BDF, '1 à 13 lettres ou chiffres (ICS ou numéro émetteur Banque de France du budget)');
  const centreEncaissement = f.strings(p, 'centre_encaissement', false);
  const modalitesReglement = f.pattern(p, 'modalites_reglement', false, /^[^\n]{1,250}$/, '250 caractères au plus, sur une ligne');
  const communes = readPesCommunes(f, p);
  return {
    ...(idPost !== undefined ? { idPost } : {}),
    ...(codCol !== undefined ? { codCol } : {}),
    ...(codBud !== undefined ? { codBud } : {}),
    ...(libelleColBud !== undefined ? { libelleColBud } : {}),
    ...(edition !== undefined ? { edition } : {}),
    ...(refBdf !== undefined ? { refBdf } : {}),
    ...(centreEncaissement !== undefined ? { centreEncaissement } : {}),
    ...(modalitesReglement !== undefined ? { modalitesReglement } : {}),
    ...(communes !== undefined ? { communes } : {}),
  };
}

/** Editions a titre to a commune can take (PES BlocPiece/Edition): 02 ASAP CPP (default), 01 ASAP à éditer. */
const EDITIONS: readonly PesEdition[] = ['02', '01'];
/** RefBdf (Base_Alphanum13). */
const REF_BDF = /^(?=.*[^0])[0-9A-Za-z]{1,13}$/;
/** CodeService (Base_Texte100_Light): one line of at most 100 characters. */
const CODE_SERVICE = /^[^\n]{1,100}$/;

/** `emetteur.pes.communes`: { "<code INSEE>": { "edition": "01", "code_service": "…" } }. */
function readPesCommunes(f: JsonFields, p: Scope): Map<string, PesCommune> | undefined {
  const scope = f.object(p, 'communes', false);
  if (!scope) return undefined;
  const out = new Map<string, PesCommune>();
  for (const entry of scope.node.entries) {
    const one = f.object(scope, entry.key, true);
    if (!/^(\d{5}|2[AB]\d{3})$/.test(entry.key)) {
      f.sink.add('CONFIG_INVALID_VALUE', `« ${f.path(scope, entry.key)} » : la clé doit être un code INSEE de commune (5 caractères)`, entry.value);
      continue;
    }
    if (!one) continue;
    const edition = f.has(one, 'edition') ? f.enumeration(one, 'edition', EDITIONS) : undefined;
    const codeService = f.pattern(one, 'code_service', false, CODE_SERVICE, '100 caractères au plus, sur une ligne');
    out.set(entry.key, { ...(edition !== undefined ? { edition } : {}), ...(codeService !== undefined ? { codeService } : {}) });
  }
  return out;
}
