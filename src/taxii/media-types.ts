/**
 * TAXII 2.1 media types and content negotiation (TAXII 2.1 §1.6.8). A client that names
 * `application/taxii+json` without a version, or any wildcard that covers it, gets 2.1: the only
 * version this server speaks. A `q=0` entry refuses the type it names.
 */
import { BulwarkError } from '../errors/index.ts';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  version: string | undefined;
  q: number;
}

function parseRange(text: string): MediaRange {
  const [head = '', ...params] = text.split(';');
  let version: string | undefined;
  let q = 1;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'version') version = value;
    else if (name === 'q') q = Number(value);
  }
  return { type: head.trim().toLowerCase(), version, q: Number.isFinite(q) ? q : 0 };
}

function coversTaxii21(range: MediaRange): boolean {
  if (range.q <= 0) return false;
  if (range.type === '*/*' || range.type === 'application/*') return true;
  return range.type === 'application/taxii+json' && (range.version === undefined || range.version === '2.1');
}

/** True when a response in TAXII 2.1 is acceptable to a client sending this Accept header. */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => coversTaxii21(parseRange(part)));
}

/** Throws NOT_ACCEPTABLE unless the Accept header allows TAXII 2.1. */
export function requireAcceptable(accept: string | undefined): void {
  if (acceptsTaxii(accept)) return;
  throw new BulwarkError('NOT_ACCEPTABLE', `This server answers only ${TAXII_MEDIA_TYPE}, not "${accept}"`, {
    path: 'Accept',
    hint: `Send "Accept: ${TAXII_MEDIA_TYPE}"`,
  });
}

/** Throws UNSUPPORTED_MEDIA_TYPE unless the request body is declared as a TAXII 2.1 envelope. */
export function requireTaxiiContentType(contentType: string | undefined): void {
  const range = parseRange(contentType ?? '');
  if (range.type === 'application/taxii+json' && (range.version === undefined || range.version === '2.1'))
    return;
  throw new BulwarkError(
    'UNSUPPORTED_MEDIA_TYPE',
    `A TAXII 2.1 envelope must be sent as ${TAXII_MEDIA_TYPE}, not "${contentType ?? '(none)'}"`,
    { path: 'Content-Type', hint: `Send "Content-Type: ${TAXII_MEDIA_TYPE}"` },
  );
}
