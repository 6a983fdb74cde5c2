/** The SWIFT X character set, the only characters allowed in FIN text fields. */
const X_LINE = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

export function isXLine(text: string): boolean {
  return X_LINE.test(text);
}

/** Replaces what X cannot carry, so formatters never emit an invalid line. */
export function toXLine(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ');
}
