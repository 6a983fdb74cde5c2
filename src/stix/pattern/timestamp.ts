/**
 * Pattern timestamps (`t'2016-01-01T00:00:00.123Z'`, already checked by the lexer) to numbers. A leap
 * second (`:60`) rolls into the next minute, as Date.UTC does.
 */
export function timestampMillis(text: string): number {
  // setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  date.setUTCHours(Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19)), 0);
  const whole = date.getTime();
  const dot = text.indexOf('.');
  return dot < 0 ? whole : whole + Math.floor(Number(`0${text.slice(dot, -1)}`) * 1000);
}

/** Orders two pattern timestamps exactly, sub-millisecond digits included. */
export function compareTimestamps(a: string, b: string): number {
  const d = Math.floor(timestampMillis(a) / 1000) - Math.floor(timestampMillis(b) / 1000);
  if (d !== 0) return d;
  const fa = fraction(a);
  const fb = fraction(b);
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function fraction(text: string): string {
  const dot = text.indexOf('.');
  return dot < 0 ? '' : text.slice(dot + 1, -1);
}
