/**
 * Identifiers and their formats, read by the config and data readers (src/io) and by the PES
 * export (src/pes), which both check them:
 * - French identifiers with their check keys: SIREN and SIRET (Luhn; the SIRET check is also the
 *   one Hélios applies to IdColl and IdTiers, NatIdTiers 01), IBAN and BIC (ibantools), INSEE code;
 * - formats of the PES identifiers taken from the configuration (Simple_Type.xsd v5.30);
 *   V_BaseAlphanum also forbids values made only of zeros.
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSiren(text: string): boolean {
  return /^\d{9}$/.test(text) && luhnValid(text);
}

const LA_POSTE = '356000000';

/** 14 digits with a Luhn key; La Poste's establishments use a digit sum divisible by 5 instead. */
export function isValidSiret(text: string): boolean {
  if (!/^\d{14}$/.test(text)) return false;
  if (text.startsWith(LA_POSTE) && text !== '35600000000048') {
    return [...text].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  }
  return luhnValid(text);
}

/**
 * IBAN (ISO 13616: the country's length and format, and the mod-97 key) and BIC (ISO 9362), by
 * ibantools, which keeps the registry of the countries' IBAN formats; spaces allowed in an IBAN.
 */
export function isValidIban(text: string): boolean {
  const iban = electronicFormatIBAN(text);
  return iban !== null && isValidIBAN(iban);
}

export function isValidBic(text: string): boolean {
  return isValidBIC(text);
}

/** INSEE commune code: 5 characters, digits or 2A/2B (Corsica) followed by 3 digits. */
export function isValidCodeInsee(text: string): boolean {
  return /^(\d{5}|2[AB]\d{3})$/.test(text);
}

/** IdPost (Base_TexteCodique7): 6 or 7 digits, or 02A/02B followed by 3 or 4 digits. */
export const ID_POST = /^(02[AB]\d{3,4}|\d{6,7})$/;
/** CodCol (Base_CodeCol3): exactly 3 digits. */
export const COD_COL = /^\d{3}$/;
/** CodBud (Base_CodeBud2): a digit or upper-case letter, then a digit. */
export const COD_BUD = /^[0-9A-Z][0-9]$/;
/** CodProdLoc (Base_Alphanum4): 1 to 4 letters or digits. */
export const CODE_PRODUIT = /^[0-9A-Za-z]{1,4}$/;

const notOnlyZeros = (v: string): boolean => /[^0]/.test(v);

export function isValidIdPost(v: string): boolean {
  return ID_POST.test(v) && notOnlyZeros(v);
}

export function isValidCodCol(v: string): boolean {
  return COD_COL.test(v) && notOnlyZeros(v);
}

export function isValidCodBud(v: string): boolean {
  return COD_BUD.test(v);
}

export function isValidCodeProduit(v: string): boolean {
  return CODE_PRODUIT.test(v) && notOnlyZeros(v);
}

/** Nature (Base_Num12): 1 to 12 digits, not zero. */
export function isValidNature(v: string): boolean {
  return /^\d{1,12}$/.test(v) && notOnlyZeros(v);
}

/** Fonction (Base_Num10_Light): 1 to 10 digits. */
export function isValidFonction(v: string): boolean {
  return /^\d{1,10}$/.test(v);
}

/** CP (Base_Num5_Light, 5 digits required by Hélios). */
export function isValidCodePostal(v: string): boolean {
  return /^\d{5}$/.test(v);
}
