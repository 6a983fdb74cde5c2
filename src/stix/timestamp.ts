/**
 * STIX timestamps: RFC 3339 in UTC with a `Z`, optional fractional seconds (section 2.13). Checked and
 * compared character by character, because string order is wrong when fraction lengths differ
 * ("…:00Z" sorts after "…:00.000Z" though they are the same instant).
 */
const SHAPE =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?Z$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  const day = digits(value, 8, 2);
  if (day <= 28) return true;
  const month = digits(value, 5, 2);
  if (month === 2) return day <= (isLeap(digits(value, 0, 4)) ? 29 : 28);
  return day <= DAYS_IN_MONTH[month - 1]!;
}

/** Negative, zero or positive as `a` is before, at or after `b`; both must be valid timestamps. */
export function compareTimestamps(a: string, b: string): number {
  for (let i = 0; i < 19; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  // Fractions: position 19 is '.' or 'Z'; missing digits count as zeros.
  let i = 20;
  let j = 20;
  const aEnd = a.length - 1;
  const bEnd = b.length - 1;
  while (i < aEnd || j < bEnd) {
    const da = i < aEnd ? a.charCodeAt(i) - 48 : 0;
    const db = j < bEnd ? b.charCodeAt(j) - 48 : 0;
    if (da !== db) return da - db;
    i++;
    j++;
  }
  return 0;
}
