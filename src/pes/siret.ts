/** SIRET check (14 digits, Luhn key), as Hélios verifies IdTiers with NatIdTiers 01 and IdColl. */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's establishments (SIREN 356000000) use a different key: the sum of the digits is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== '35600000000048') {
    const total = [...siret].reduce((s, c) => s + Number(c), 0);
    return total % 5 === 0;
  }
  return luhnValid(siret);
}
