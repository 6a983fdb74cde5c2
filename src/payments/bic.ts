/** ISO 9362 business identifier codes and account identifiers. */

/**
 * True for an 8- or 11-character BIC: 4 alphanumerics institution (ISO 9362:2014), 2 letters country,
 * 2 location, optional branch — `^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$` by char codes (every
 * message checks several; bic.test.ts holds it to the regex).
 */
export function isBic(text: string): boolean {
  const n = text.length;
  if (n !== 8 && n !== 11) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const letter = c >= 65 && c <= 90;
    if (i === 4 || i === 5 ? !letter : !letter && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** The country of a BIC (characters 5–6). */
export function bicCountry(bic: string): string {
  return bic.slice(4, 6);
}

/** The 8-character institution-and-location part, which identifies the bank whatever the branch. */
export function bic8(bic: string): string {
  return bic.slice(0, 8);
}

/**
 * The BIC inside a 12-character SWIFT logical-terminal address (BIC8 + terminal code + branch):
 * `BBBBUS33BXXX` → `BBBBUS33XXX`.
 */
export function bicOfTerminal(address: string): string {
  return address.slice(0, 8) + address.slice(9, 12);
}

/** True when the text is an IBAN with valid ISO 13616 mod-97 check digits. */
export function isIban(text: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(text)) return false;
  const rearranged = text.slice(4) + text.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // letters count as two digits (A = 10 … Z = 35)
    if (code >= 65) remainder = (remainder * 100 + code - 55) % 97;
    else remainder = (remainder * 10 + code - 48) % 97;
  }
  return remainder === 1;
}

/** Builds an IBAN with correct check digits from a country and a basic bank account number. */
export function makeIban(country: string, bban: string): string {
  const digits = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (let i = 0; i < digits.length; i++) remainder = (remainder * 10 + digits.charCodeAt(i) - 48) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}
