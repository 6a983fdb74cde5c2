/**
 * Calendar arithmetic without Date objects or regexes, for what screening computes per payment.
 * Each function returns undefined where it does not answer, and the caller keeps its Date-based reading.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil); linear in `day`. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** `YYYY-MM-DDTHH:MM:SS` by its length and separators (the digits are read by the caller). */
function isDateTimeShape(text: string): boolean {
  return (
    text.length === 19 &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58
  );
}

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS` read as UTC, as `Date.parse(text + 'Z')` gives
 * it; undefined for any other shape or for fields Date.parse treats specially (hour 24, day 0).
 */
export function naiveUtcMillis(text: string): number | undefined {
  if (!isDateTimeShape(text)) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute) * 60_000 + second * 1000;
}

/** Day of the week (0 = Sunday) of `YYYY-MM-DD` as Date.UTC gives it; undefined outside years 100–9999, months 1–12. */
export function weekdayOfIso(date: string): number | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  // Date.UTC reads years 0–99 as 1900–1999: leave those to it
  if (year < 100 || month < 1 || month > 12 || day < 0) return undefined;
  // 1970-01-01 was a Thursday (4)
  return (((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7;
}

/**
 * Minutes after midnight of `YYYY-MM-DDTHH:MM:SS` (the MT103 release time), read as the naive pattern
 * of `localTime` reads it (digits, no range check); undefined for any other shape.
 */
export function naiveMinutes(text: string): number | undefined {
  if (!isDateTimeShape(text)) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || digits(text, 17, 2) < 0) return undefined;
  return hour * 60 + minute;
}
