/**
 * Timestamps as the store compares them. STIX lets `modified` carry any number of fractional digits, so
 * raw strings do not sort by instant ("…00.5Z" < "…00Z" as text); keys pad the fraction to 9 digits.
 * `dateAdded` is kept as integer microseconds since the epoch (exact in a double until year 2255).
 */

const RFC3339_UTC = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?[Zz]$/;

/**
 * The sortable, comparable form of a `modified` value; '' for none (SCOs), which sorts first.
 * Values that are not RFC 3339 UTC are kept as they are: `stix/` rejects them before they get here.
 */
export function timestampKey(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const m = RFC3339_UTC.exec(value);
  if (m === null) return value;
  const fraction = (m[3] ?? '').slice(0, 9).padEnd(9, '0');
  return `${m[1]}T${m[2]}.${fraction}Z`;
}

/**
 * Microseconds since the epoch of an RFC 3339 UTC instant, truncated (so "strictly after X" is
 * "micros > parseMicros(X)" even when X has sub-microsecond digits). Undefined when not RFC 3339 UTC.
 */
export function parseMicros(value: string): number | undefined {
  const m = RFC3339_UTC.exec(value);
  if (m === null) return undefined;
  const millis = Date.parse(`${m[1]}T${m[2]}Z`);
  if (Number.isNaN(millis)) return undefined;
  const micros = Number((m[3] ?? '').slice(0, 6).padEnd(6, '0'));
  return millis * 1000 + micros;
}

/** RFC 3339 UTC with exactly six fractional digits, e.g. 2026-11-23T15:30:00.123456Z. */
export function formatMicros(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  // A batch's dateAdded values, and a page's, nearly all fall in one second: format it once.
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondText = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return `${lastSecondText}.${String(micros - second * 1_000_000).padStart(6, '0')}Z`;
}

let lastSecond = Number.NaN;
let lastSecondText = '';

/** The wall clock in microseconds (sub-millisecond digits from the monotonic clock). */
export function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}
