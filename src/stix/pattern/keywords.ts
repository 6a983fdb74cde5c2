/** Reserved words of STIX 2.1 patterning; case-sensitive. They cannot be object types or bare path keys. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'true',
  'false',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

/** Words allowed as object types: hyphens are fine (`x-usb-device`). */
export const OBJECT_TYPE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Path keys written without quotes; anything else is quoted. */
export const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
