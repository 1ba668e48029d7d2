/**
 * Check keys of French identifiers: SIREN and SIRET (Luhn), IBAN and BIC (ibantools). The SIRET
 * check is also the one Hélios applies to IdColl and IdTiers (NatIdTiers 01): export-pes uses it.
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
