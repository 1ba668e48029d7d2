/**
 * The identifiers export-pes needs and the data contract leaves optional: one problem per missing
 * or malformed identifier, naming the config.json key or the communes.csv line. With titres to
 * export (each carries a PES_Facture ASAP), also what the ASAP needs: emetteur.pes.ref_bdf, the
 * centre d'encaissement, and addresses whose last line is « code postal ville ».
 * A commune without SIRET is not a problem (its titres go as Edition 01, identified by the SIREN);
 * an address without voie is a warning (its whole text goes in Adr2).
 */
import type { Commune, Config, PayingService } from '../engine/dataset.js';
import { problem, type Problem } from '../errors/problem.js';
import {
  isValidCodBud, isValidCodCol, isValidCodePostal, isValidCodeProduit, isValidFonction, isValidIdPost, isValidNature, isValidSiret,
} from '../engine/identifiers.js';
import { postalAddress, splitAddress } from './pes-address.js';
import { postalText } from './pes-text.js';

export interface PesPositions {
  configFile: string;
  communesFile: string;
}

const DEFAULT_POSITIONS: PesPositions = { configFile: 'config.json', communesFile: 'communes.csv' };

type Check = (v: string) => boolean;
/** Checks one identifier: PES_MISSING_IDENTIFIER when empty, PES_INVALID_IDENTIFIER when malformed. */
type CheckKey = (value: string | undefined, name: string, label: string, valid: Check, expected: string) => void;

export function checkPesRequirements(
  config: Config,
  communes: ReadonlyMap<string, Commune>,
  services: string[],
  codeInsees: string[],
  positions: PesPositions = DEFAULT_POSITIONS,
  withFactures = false,
): Problem[] {
  const problems: Problem[] = [];
  const at = { file: positions.configFile };
  const key: CheckKey = (value, name, label, valid, expected) => {
    if (value === undefined || value.trim() === '') {
      problems.push(problem('PES_MISSING_IDENTIFIER', `identifiant PES manquant : ${name} (${label})`, at));
    } else if (!valid(value)) {
      problems.push(problem('PES_INVALID_IDENTIFIER', `identifiant PES invalide : ${name} (${label}) vaut « ${value} », attendu ${expected}`, at));
    }
  };

  const issuer = config.emetteur;
  key(issuer.siret, 'emetteur.siret', 'SIRET du budget, IdColl', isValidSiret, '14 chiffres avec une clé de Luhn valide');
  if (issuer.siret !== undefined && isValidSiret(issuer.siret) && !issuer.siret.startsWith(issuer.siren)) {
    problems.push(problem('PES_SIRET_SIREN_MISMATCH', `le SIRET « ${issuer.siret} » (emetteur.siret) ne commence pas par le SIREN « ${issuer.siren} » de l'émetteur`, at));
  }
  const pes = issuer.pes ?? {};
  key(pes.idPost, 'emetteur.pes.id_post', 'poste comptable', isValidIdPost, '6 ou 7 chiffres (ou 02A/02B suivi de 3 ou 4 chiffres)');
  key(pes.codCol, 'emetteur.pes.cod_col', 'code collectivité', isValidCodCol, '3 chiffres');
  key(pes.codBud, 'emetteur.pes.cod_bud', 'code budget', isValidCodBud, 'un chiffre ou une majuscule suivi d\'un chiffre');
  if (withFactures) problems.push(...checkAsapIssuer(config, at));

  for (const id of unique(services)) {
    const service = config.services.get(id);
    if (service === undefined || service.gratuit) {
      const why = service === undefined ? 'inconnu dans config.json' : 'gratuit : il ne donne pas de titre';
      problems.push(problem('PES_UNKNOWN_SERVICE', `service « ${id} » ${why}`, at));
      continue;
    }
    checkImputation(service, key);
  }

  for (const code of unique(codeInsees)) {
    const commune = communes.get(code);
    if (commune === undefined) {
      problems.push(problem('PES_UNKNOWN_COMMUNE', `commune « ${code} » absente de ${positions.communesFile}`, { file: positions.communesFile }));
      continue;
    }
    problems.push(...checkCommune(commune, positions.communesFile));
  }
  return problems;
}

function checkImputation(service: PayingService, key: CheckKey): void {
  const base = `services.${service.id}.imputation`;
  key(service.imputation.nature, `${base}.nature`, 'compte nature M57', isValidNature, 'de 1 à 12 chiffres');
  key(service.imputation.code_produit, `${base}.code_produit`, 'code produit local, CodProdLoc', isValidCodeProduit, '1 à 4 lettres ou chiffres');
  const fonction = service.imputation.fonction;
  if (fonction !== undefined && fonction.trim() !== '') {
    key(fonction, `${base}.fonction`, 'compte fonction', isValidFonction, 'de 1 à 10 chiffres');
  }
}

function checkCommune(commune: Commune, file: string): Problem[] {
  const at = { file, line: commune.line };
  const who = `${commune.nom} (${commune.codeInsee})`;
  const out: Problem[] = [];
  if (commune.siret !== undefined && commune.siret.trim() !== '') {
    if (!isValidSiret(commune.siret)) {
      out.push(problem('PES_INVALID_IDENTIFIER', `SIRET invalide pour la commune ${who} : « ${commune.siret} », attendu 14 chiffres avec une clé de Luhn valide`, at));
    } else if (!commune.siret.startsWith(commune.siren)) {
      out.push(problem('PES_SIRET_SIREN_MISMATCH', `le SIRET « ${commune.siret} » de la commune ${who} ne commence pas par son SIREN « ${commune.siren} »`, at));
    }
  }
  if (!isValidCodePostal(commune.codePostal)) {
    out.push(problem('PES_INVALID_ADDRESS', `code postal invalide pour la commune ${who} : « ${commune.codePostal} », attendu 5 chiffres`, at));
  }
  if (postalText(commune.adresse) === '' || postalText(commune.ville) === '') {
    out.push(problem('PES_INVALID_ADDRESS', `adresse ou ville manquante pour la commune ${who}`, at));
  } else if (!splitAddress(commune.adresse).hasVoie) {
    out.push(problem(
      'PES_ADDRESS_NO_STREET',
      `l'adresse « ${commune.adresse} » de la commune ${who} n'a ni numéro ni voie : elle est transmise telle quelle comme voie (Adr2)`,
      at,
      'warning',
    ));
  }
  return out;
}

/** What the PES_Facture ASAP needs from config.json beyond the PES identifiers. */
function checkAsapIssuer(config: Config, at: { file: string }): Problem[] {
  const issuer = config.emetteur;
  const pes = issuer.pes ?? {};
  const out: Problem[] = [];
  if (pes.refBdf === undefined || pes.refBdf.trim() === '') {
    out.push(problem('PES_MISSING_IDENTIFIER', "identifiant PES manquant : emetteur.pes.ref_bdf (référence Banque de France du budget, RefBdf de l'avis des sommes à payer)", at));
  }
  const addresses: [string, readonly string[] | undefined, string][] = [
    ['emetteur.adresse', issuer.adresse, "adresse de l'émetteur"],
    ['emetteur.comptable.adresse', issuer.comptable.adresse, 'adresse du comptable public'],
    ['emetteur.pes.centre_encaissement', pes.centreEncaissement, "adresse du centre d'encaissement de la DGFiP (TSA, puis code postal et ville)"],
  ];
  for (const [name, lines, label] of addresses) {
    if (lines === undefined || lines.length === 0) {
      out.push(problem('PES_MISSING_IDENTIFIER', `identifiant PES manquant : ${name} (${label})`, at));
    } else if (postalAddress(lines) === undefined) {
      out.push(problem('PES_INVALID_ADDRESS', `${name} (${label}) : la dernière ligne « ${lines[lines.length - 1]} » doit être le code postal (5 chiffres) suivi de la ville`, at));
    }
  }
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
