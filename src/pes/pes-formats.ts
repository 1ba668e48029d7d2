/**
 * Formats of the identifiers the export takes from the configuration (Simple_Type.xsd v5.30).
 * V_BaseAlphanum also forbids values made only of zeros. The patterns are shared with the
 * config.json reader (src/io/config), which checks them when the dataset is read.
 */

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
