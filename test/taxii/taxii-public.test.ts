import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collectionId, TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import {
  bearer,
  get,
  indicatorObject,
  objectsUrl,
  openTaxiiHub,
  post,
  SMALL_BODY_LIMIT,
  type TaxiiHub,
} from './taxii-hub.ts';

let hub: TaxiiHub;
const PUBLIC = collectionId('public');
const anonymous = { accept: TAXII_MEDIA_TYPE };

before(async () => {
  hub = await openTaxiiHub({ publicCollection: true });
  await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, {
    objects: [
      indicatorObject(1, undefined, 'clear'),
      indicatorObject(2),
      indicatorObject(3, undefined, 'green'),
    ],
  });
});
after(async () => hub.close());

test('with the public collection enabled, an anonymous caller sees it alone, read-only', async () => {
  const response = await hub.app.inject({
    method: 'GET',
    url: '/taxii2/api/collections/',
    headers: anonymous,
  });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(
    response.json().collections.map((c: { id: string; can_write: boolean }) => [c.id, c.can_write]),
    [[PUBLIC, false]],
  );
});

test('the public collection serves TLP:CLEAR objects only', async () => {
  const response = await hub.app.inject({ method: 'GET', url: objectsUrl(PUBLIC), headers: anonymous });
  const ids = response.json().objects.map((o: { id: string }) => o.id);
  assert.ok(ids.includes(indicatorObject(1).id));
  assert.ok(!ids.includes(indicatorObject(2).id) && !ids.includes(indicatorObject(3).id));
  const all = await hub.store.query({ scope: { kind: 'all' }, ids, limit: 10_000 });
  assert.ok(all.items.every((v) => v.tlp === 'clear'));
});

test('an anonymous caller asking for a member collection is told to authenticate (401), not that it exists', async () => {
  const response = await hub.app.inject({
    method: 'GET',
    url: objectsUrl(hub.collections.banks),
    headers: anonymous,
  });
  assert.equal(response.statusCode, 401);
  assert.ok(response.headers['www-authenticate']);
  const write = await hub.app.inject({
    method: 'POST',
    url: objectsUrl(PUBLIC),
    headers: { ...anonymous, 'content-type': TAXII_MEDIA_TYPE },
    payload: JSON.stringify({ objects: [indicatorObject(9)] }),
  });
  assert.equal(write.statusCode, 401);
});

test('members see the public collection beside their own', async () => {
  const response = await get(hub, '/taxii2/api/collections/', hub.keys.policeWriter);
  const ids = response.json().collections.map((c: { id: string }) => c.id);
  assert.ok(ids.includes(PUBLIC) && ids.includes(hub.collections.police));
});

test('a body of a type fastify cannot parse is a 415 error resource; malformed JSON is a 400 one', async () => {
  const text = await hub.app.inject({
    method: 'POST',
    url: objectsUrl(hub.collections.banks),
    headers: { ...bearer(hub.keys.bankWriter), 'content-type': 'text/plain' },
    payload: 'hello',
  });
  assert.equal(text.statusCode, 415);
  assert.equal(text.json().http_status, '415');
  assert.equal(text.headers['content-type'], TAXII_MEDIA_TYPE);
  const broken = await hub.app.inject({
    method: 'POST',
    url: objectsUrl(hub.collections.banks),
    headers: { ...bearer(hub.keys.bankWriter), 'content-type': TAXII_MEDIA_TYPE },
    payload: '{"objects": [',
  });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().error_code, 'BULWARK_E_BAD_REQUEST');
});

test('an unknown TAXII URL is a 404 error resource', async () => {
  const response = await get(hub, '/taxii2/api/nowhere/', hub.keys.bankReader);
  assert.equal(response.statusCode, 404);
  assert.equal(response.json().http_status, '404');
});

test('a body over max_content_length is a 413 error resource, and the API root advertises the limit', async () => {
  const root = await get(hub, '/taxii2/api/', hub.keys.bankReader);
  assert.equal(root.json().max_content_length, SMALL_BODY_LIMIT);
  const objects = Array.from({ length: 200 }, (_, n) => indicatorObject(5000 + n));
  const response = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, { objects });
  assert.equal(response.statusCode, 413);
  assert.equal(response.json().http_status, '413');
  assert.equal(await hub.store.count({ scope: { kind: 'all' }, ids: [objects[0]!.id] }), 0);
});
