const SPACE_DATE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/;

/**
 * An event time in ms: epoch seconds (Zeek) or ms, RFC 3339, or Sysmon's `2020-10-19 07:30:46.251`
 * (UtcTime, UTC without a zone). NaN when unreadable.
 */
export function parseTime(value: string | number): number {
  if (typeof value === 'number') return value > 1e11 ? value : Math.round(value * 1000);
  if (SPACE_DATE.test(value)) return Date.parse(`${value.replace(' ', 'T')}Z`);
  if (/^\d+(\.\d+)?$/.test(value)) return parseTime(Number(value));
  return Date.parse(value);
}
