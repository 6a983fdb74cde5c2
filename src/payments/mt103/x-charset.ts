/** The SWIFT X character set, the only characters allowed in FIN text fields. */
const X_LINE = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/** 1 for each char code below 128 that X allows (the set of X_LINE), for a scan without a regex. */
const X_CODES = new Uint8Array(128);
for (let c = 0; c < 128; c++) X_CODES[c] = X_LINE.test(String.fromCharCode(c)) ? 1 : 0;

export function isXLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || X_CODES[c] === 0) return false;
  }
  return true;
}

/** Replaces what X cannot carry, so formatters never emit an invalid line. */
export function toXLine(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ');
}
