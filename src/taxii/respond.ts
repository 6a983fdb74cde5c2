/** Writing TAXII responses: the media type, the date-added headers and envelopes built from stored text. */
import type { FastifyReply } from 'fastify';
import type { ObjectPage, StoredVersion } from '../store/index.ts';
import { TAXII_MEDIA_TYPE } from './media-types.ts';

export function sendTaxii(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return (
    reply
      .status(status)
      .header('content-type', TAXII_MEDIA_TYPE)
      // A string would have fastify rewrite the media type (quoted version, added charset); TAXII
      // clients compare it as the specification writes it, so the body goes out as bytes.
      .send(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)))
  );
}

/** X-TAXII-Date-Added-First/Last (§3.3.1): the date_added of the first and last record of the page. */
export function setDateAddedHeaders(reply: FastifyReply, items: readonly StoredVersion[]): void {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return;
  reply.header('X-TAXII-Date-Added-First', first.dateAdded);
  reply.header('X-TAXII-Date-Added-Last', last.dateAdded);
}

/** `more` and, when more follow, `next`: the seq of the page's last record, opaque to clients. */
function pageHead(page: ObjectPage): string {
  const last = page.items[page.items.length - 1];
  if (!page.more || last === undefined) return '"more":false';
  return `"more":true,"next":${JSON.stringify(String(last.seq))}`;
}

/**
 * A page as a JSON text whose `key` array holds one entry per record. For envelopes the entries are
 * the stored object texts spliced in as they are: a 1,000-object page is never parsed or re-serialised.
 */
export function pageJson(page: ObjectPage, key: string, entry: (version: StoredVersion) => string): string {
  if (page.items.length === 0) return `{${pageHead(page)}}`;
  const parts = new Array<string>(page.items.length);
  for (let i = 0; i < page.items.length; i++) parts[i] = entry(page.items[i] as StoredVersion);
  return `{${pageHead(page)},${JSON.stringify(key)}:[${parts.join(',')}]}`;
}

/** The version of a record as TAXII names it: `modified`, else `created`, else when it was added. */
export function versionOf(version: StoredVersion): string {
  return version.modified ?? version.created ?? version.dateAdded;
}

export function sendPage(
  reply: FastifyReply,
  page: ObjectPage,
  key: string,
  entry: (version: StoredVersion) => string,
): FastifyReply {
  setDateAddedHeaders(reply, page.items);
  return sendTaxii(reply, 200, pageJson(page, key, entry));
}
