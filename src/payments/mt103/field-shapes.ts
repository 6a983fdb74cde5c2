import type { MtField } from './block4.ts';
import { fieldError } from './field-formats.ts';
import { isXLine } from './x-charset.ts';

/**
 * Char-code checks for the fields every MT103 has, each the exact equivalent of the regex named in its
 * comment (the property tests in field-shapes.test.ts hold them to it): no match array or regex per field.
 */

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** :20: `^(?!\/)(?!.*\/\/)([A-Za-z0-9/\-?:().,'+ ]{1,16})(?<!\/)$`: 16x, no leading, trailing or double /. */
export function isReference(line: string): boolean {
  const n = line.length;
  if (n < 1 || n > 16 || line.charCodeAt(0) === 47 || line.charCodeAt(n - 1) === 47) return false;
  if (line.includes('//')) return false;
  return isXLine(line);
}

/** :32A: `^(\d{6})([A-Z]{3})(.+)$` (the first line holds no line terminator, so `.` is any character). */
export function isDateCurrencyAmount(line: string): boolean {
  if (line.length < 10) return false;
  for (let i = 0; i < 6; i++) if (!isDigit(line.charCodeAt(i))) return false;
  return isUpper(line.charCodeAt(6)) && isUpper(line.charCodeAt(7)) && isUpper(line.charCodeAt(8));
}

/** :23B: `^([A-Z]{4})$`. */
export function isFourLetters(line: string): boolean {
  if (line.length !== 4) return false;
  for (let i = 0; i < 4; i++) if (!isUpper(line.charCodeAt(i))) return false;
  return true;
}

/** :71A: `^(OUR|SHA|BEN)$`. */
export function isChargesCode(line: string): boolean {
  return line === 'OUR' || line === 'SHA' || line === 'BEN';
}

/**
 * Block 2 `^O(\d{3})(\d{4})(\d{6})([A-Z0-9]{12})\d{10}(\d{6})(\d{4})[SUN]?$`: O, 13 digits, a
 * 12-character address, 20 digits, optional S, U or N.
 */
export function isOutputHeader(h: string): boolean {
  const n = h.length;
  if ((n !== 46 && n !== 47) || h.charCodeAt(0) !== 79) return false;
  for (let i = 1; i < 46; i++) {
    const c = h.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (i >= 14 && i < 26 ? !digit && (c < 65 || c > 90) : !digit) return false;
  }
  return n === 46 || h[46] === 'S' || h[46] === 'U' || h[46] === 'N';
}

/** `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`: a lowercase UUID v4. */
export function isUetr(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (i === 14) {
      if (c !== 52) return false;
    } else if (i === 19) {
      if (c !== 56 && c !== 57 && c !== 97 && c !== 98) return false;
    } else if (!isDigit(c) && (c < 97 || c > 102)) return false;
  }
  return true;
}

/** The field's only line when `ok` accepts it; else the error `single` raises for the same shape. */
export function oneLine(
  field: MtField,
  ok: (line: string) => boolean,
  shape: string,
  source?: string,
): string {
  const line = field.lines.length === 1 ? (field.lines[0] as string) : undefined;
  if (line === undefined || !ok(line)) {
    throw fieldError(field, `${JSON.stringify(field.lines.join('\n'))} is not ${shape}`, undefined, source);
  }
  return line;
}
