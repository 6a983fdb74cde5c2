/**
 * A TAXII client's conversation over a real socket, as taxii2-client and similar tools hold it: HTTP
 * Basic with the key as password, discovery → API root → collections → objects page by page until
 * `more` is false; then POST an envelope and poll its status until it is complete.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import { basic, indicatorObject, openTaxiiHub, type TaxiiHub } from './taxii-hub.ts';

let hub: TaxiiHub;
let origin: string;

before(async () => {
  hub = await openTaxiiHub();
  const address = await hub.app.listen({ port: 0, host: '127.0.0.1' });
  origin = address;
});
after(async () => hub.close());

/** The fields of TAXII resources this conversation reads. */
interface Resource {
  default: string;
  versions: string[];
  collections: { id: string; title: string; can_write: boolean }[];
  objects: { id: string }[];
  more: boolean;
  next: string;
  id: string;
  status: string;
  success_count: number;
}

async function taxii(
  path: string,
  key: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: Resource }> {
  const response = await fetch(new URL(path, origin), {
    ...init,
    headers: { ...basic(key), ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await response.text();
  assert.equal(response.headers.get('content-type'), TAXII_MEDIA_TYPE, `${path}: ${text}`);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Resource };
}

test('a client walks discovery to objects with pagination, posts an envelope and polls its status', async () => {
  const key = hub.keys.bankWriter;
  const discovery = await taxii('/taxii2/', key);
  assert.equal(discovery.status, 200);
  const apiRoot = new URL(discovery.body.default, origin).pathname;
  const root = await taxii(apiRoot, key);
  assert.ok(root.body.versions.includes(TAXII_MEDIA_TYPE));
  const { collections } = (await taxii(`${apiRoot}collections/`, key)).body;
  const community = collections.find((c) => c.title.includes('Banks and Exchanges ISAC'));
  assert.ok(community?.can_write);

  const objects = Array.from({ length: 45 }, (_, n) => indicatorObject(2000 + n));
  const posted = await taxii(`${apiRoot}collections/${community.id}/objects/`, key, {
    method: 'POST',
    headers: { 'content-type': TAXII_MEDIA_TYPE },
    body: JSON.stringify({ objects }),
  });
  assert.equal(posted.status, 202);
  let status = posted.body;
  for (let polls = 0; status.status !== 'complete' && polls < 10; polls++) {
    status = (await taxii(`${apiRoot}status/${status.id}/`, key)).body;
  }
  assert.equal(status.status, 'complete');
  assert.equal(status.success_count, 45);
  const polled = await taxii(`${apiRoot}status/${posted.body.id}/`, key);
  assert.deepEqual(polled.body, posted.body);

  const reader = hub.keys.exchangeWriter;
  const seen = new Set<string>();
  let next: string | undefined;
  let pages = 0;
  do {
    const query = new URLSearchParams({ limit: '10', ...(next ? { next } : {}) });
    const page = await taxii(`${apiRoot}collections/${community.id}/objects/?${query}`, reader);
    assert.equal(page.status, 200);
    for (const object of page.body.objects) {
      assert.ok(!seen.has(object.id), `${object.id} served twice`);
      seen.add(object.id);
    }
    assert.ok(page.headers.get('x-taxii-date-added-first'));
    next = page.body.more ? page.body.next : undefined;
    pages++;
  } while (next !== undefined);
  assert.equal(pages, 5);
  assert.deepEqual(seen, new Set(objects.map((o) => o.id)));
});

test('over the socket, a request without credentials is 401 with a challenge', async () => {
  const response = await fetch(new URL('/taxii2/', origin), { headers: { accept: TAXII_MEDIA_TYPE } });
  assert.equal(response.status, 401);
  assert.match(response.headers.get('www-authenticate') ?? '', /^Basic /);
  assert.equal(((await response.json()) as { http_status: string }).http_status, '401');
});
