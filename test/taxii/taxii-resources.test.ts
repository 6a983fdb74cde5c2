import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tlpMarkingRef } from '../../src/stix/index.ts';
import { TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import {
  basic,
  bearer,
  get,
  indicatorObject,
  objectsUrl,
  openTaxiiHub,
  post,
  REFERENCE_ID,
  type TaxiiHub,
} from './taxii-hub.ts';

let hub: TaxiiHub;
before(async () => {
  hub = await openTaxiiHub();
});
after(async () => hub.close());

test('discovery names the one API root, which speaks TAXII 2.1 only', async () => {
  const discovery = await get(hub, '/taxii2/', hub.keys.bankReader);
  assert.equal(discovery.statusCode, 200);
  assert.equal(discovery.headers['content-type'], TAXII_MEDIA_TYPE);
  assert.deepEqual(discovery.json().api_roots, ['/taxii2/api/']);
  assert.equal(discovery.json().default, '/taxii2/api/');
  const root = await get(hub, '/taxii2/api/', hub.keys.bankReader);
  assert.deepEqual(root.json().versions, [TAXII_MEDIA_TYPE]);
  assert.equal(typeof root.json().max_content_length, 'number');
});

test('no key is 401 with a Basic and Bearer challenge; a wrong key is 401; both in the error resource', async () => {
  for (const headers of [
    { accept: TAXII_MEDIA_TYPE },
    bearer('bwk_000000000000000000000000_nope-nope-nope-nope-nope'),
  ]) {
    const response = await hub.app.inject({ method: 'GET', url: '/taxii2/api/collections/', headers });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['www-authenticate']), /Basic realm=.*Bearer/);
    const error = response.json();
    assert.equal(error.http_status, '401');
    assert.equal(error.error_code, 'BULWARK_E_UNAUTHENTICATED');
    assert.equal(typeof error.title, 'string');
    assert.equal(typeof error.error_id, 'string');
  }
});

test('HTTP Basic with the key as password authenticates like Bearer', async () => {
  const response = await hub.app.inject({
    method: 'GET',
    url: '/taxii2/api/collections/',
    headers: basic(hub.keys.bankReader),
  });
  assert.equal(response.statusCode, 200);
});

test('an Accept the server cannot answer is 406; unversioned TAXII and */* are answered', async () => {
  const ask = (accept: string) =>
    hub.app.inject({ method: 'GET', url: '/taxii2/', headers: { ...bearer(hub.keys.bankReader), accept } });
  assert.equal((await ask('application/json')).statusCode, 406);
  assert.equal((await ask('application/taxii+json;version=2.0')).statusCode, 406);
  assert.equal((await ask('application/json')).json().error_code, 'BULWARK_E_NOT_ACCEPTABLE');
  assert.equal((await ask('application/taxii+json')).statusCode, 200);
  assert.equal((await ask('*/*')).statusCode, 200);
});

test('collections: the caller’s communities, its private collection and reference data, with can_write by role', async () => {
  const titles = async (key: string) =>
    (await get(hub, '/taxii2/api/collections/', key)).json().collections as {
      id: string;
      title: string;
      can_read: boolean;
      can_write: boolean;
    }[];
  const writer = await titles(hub.keys.bankWriter);
  assert.deepEqual(
    writer.map((c) => [c.id, c.title, c.can_read, c.can_write]),
    [
      [hub.collections.banks, 'Community: Banks and Exchanges ISAC', true, true],
      [hub.collections.bankPrivate, 'Private: First Bank', true, true],
      [hub.collections.reference, 'Reference data (sanctions, MITRE ATT&CK)', true, false],
    ],
  );
  const reader = await titles(hub.keys.bankReader);
  assert.deepEqual(
    reader.map((c) => c.can_write),
    [false, false, false],
  );
  const police = await titles(hub.keys.policeWriter);
  assert.ok(!police.some((c) => c.id === hub.collections.banks || c.id === hub.collections.bankPrivate));
  const one = await get(hub, `/taxii2/api/collections/${hub.collections.banks}/`, hub.keys.exchangeWriter);
  assert.equal(one.json().title, 'Community: Banks and Exchanges ISAC');
});

test('another community’s collection is 404 (never 403) and the denied read is audited', async () => {
  const before = await hub.store.members.queryAudit({ action: 'taxii.collection.read.denied' });
  for (const url of [
    `/taxii2/api/collections/${hub.collections.banks}/`,
    objectsUrl(hub.collections.banks),
    `/taxii2/api/collections/${hub.collections.banks}/manifest/`,
    objectsUrl(hub.collections.bankPrivate),
  ]) {
    const response = await get(hub, url, hub.keys.policeWriter);
    assert.equal(response.statusCode, 404, url);
    assert.equal(response.json().http_status, '404');
  }
  const denied = await hub.store.members.queryAudit({ action: 'taxii.collection.read.denied' });
  assert.equal(denied.length - before.length, 4);
  assert.equal(denied.at(-1)?.orgId, hub.orgs.police);
  assert.equal(denied.at(-1)?.outcome, 'denied');
});

test('POST: 202 with a complete status listing successes and failures with a message; only the poster reads the status', async () => {
  const good = indicatorObject(1);
  const invalid = { ...indicatorObject(2), pattern: "[ipv4-addr:value = '10.0.0.1'" };
  const response = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, {
    objects: [good, invalid],
  });
  assert.equal(response.statusCode, 202);
  assert.equal(response.headers['content-type'], TAXII_MEDIA_TYPE);
  const status = response.json();
  assert.equal(status.status, 'complete');
  assert.deepEqual(
    [status.total_count, status.success_count, status.failure_count, status.pending_count],
    [2, 1, 1, 0],
  );
  assert.deepEqual(status.successes, [{ id: good.id, version: good.modified }]);
  assert.equal(status.failures[0].id, invalid.id);
  assert.ok(status.failures[0].message.length > 0);
  assert.deepEqual(status.pendings, []);

  const url = `/taxii2/api/status/${status.id}/`;
  assert.deepEqual((await get(hub, url, hub.keys.bankReader)).json(), status);
  assert.equal((await get(hub, url, hub.keys.exchangeWriter)).statusCode, 404);
  const denied = await hub.store.members.queryAudit({ action: 'taxii.status.read.denied' });
  assert.equal(denied.at(-1)?.target, status.id);
  assert.equal(
    (await get(hub, '/taxii2/api/status/00000000-0000-4000-8000-000000000000/', hub.keys.bankWriter))
      .statusCode,
    404,
  );
});

test('a posted object without TLP gets AMBER to the collection’s community and the poster as creator', async () => {
  const object = indicatorObject(3);
  await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, { objects: [object] });
  const seen = await get(hub, `${objectsUrl(hub.collections.banks)}${object.id}/`, hub.keys.exchangeWriter);
  assert.equal(seen.statusCode, 200);
  const stored = seen.json().objects[0];
  assert.ok(stored.object_marking_refs.includes(tlpMarkingRef('amber')));
  assert.equal(stored.created_by_ref, hub.orgs.bank);
  const [version] = (await hub.store.query({ scope: { kind: 'all' }, ids: [object.id] })).items;
  assert.equal(version?.tlp, 'amber');
  assert.deepEqual(version?.audience.communities.length, 1);
});

test('POST needs taxii+json (415), a writer key (403 for readers) and a writable collection (403 for reference)', async () => {
  const json = await hub.app.inject({
    method: 'POST',
    url: objectsUrl(hub.collections.banks),
    headers: { ...bearer(hub.keys.bankWriter), 'content-type': 'application/json' },
    payload: JSON.stringify({ objects: [indicatorObject(4)] }),
  });
  assert.equal(json.statusCode, 415);
  assert.equal(json.json().error_code, 'BULWARK_E_UNSUPPORTED_MEDIA_TYPE');
  const reader = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankReader, {
    objects: [indicatorObject(4)],
  });
  assert.equal(reader.statusCode, 403);
  const reference = await post(hub, objectsUrl(hub.collections.reference), hub.keys.bankWriter, {
    objects: [indicatorObject(4)],
  });
  assert.equal(reference.statusCode, 403);
  const notEnvelope = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, [
    indicatorObject(4),
  ]);
  assert.equal(notEnvelope.statusCode, 400);
  const other = await post(hub, objectsUrl(hub.collections.police), hub.keys.bankWriter, {
    objects: [indicatorObject(4)],
  });
  assert.equal(other.statusCode, 404);
  const nothing = await hub.store.count({ scope: { kind: 'all' }, ids: [indicatorObject(4).id] });
  assert.equal(nothing, 0);
});

test('private collection: what an organisation writes there only it reads', async () => {
  const secret = indicatorObject(5);
  await post(hub, objectsUrl(hub.collections.bankPrivate), hub.keys.bankWriter, { objects: [secret] });
  const mine = await get(hub, objectsUrl(hub.collections.bankPrivate), hub.keys.bankReader);
  assert.ok(mine.json().objects.some((o: { id: string }) => o.id === secret.id));
  const shared = await get(hub, `${objectsUrl(hub.collections.banks)}?limit=10000`, hub.keys.bankReader);
  assert.ok(!(shared.json().objects ?? []).some((o: { id: string }) => o.id === secret.id));
  const exchange = await get(
    hub,
    `${objectsUrl(hub.collections.banks)}${secret.id}/`,
    hub.keys.exchangeWriter,
  );
  assert.equal(exchange.statusCode, 404);
  const denied = await hub.store.members.queryAudit({ action: 'taxii.object.read.denied' });
  assert.equal(denied.at(-1)?.target, secret.id);
  assert.equal(denied.at(-1)?.orgId, hub.orgs.exchange);
});

test('reference collection serves the reference organisation’s objects to every member, read-only', async () => {
  for (const key of [hub.keys.bankReader, hub.keys.policeWriter]) {
    const page = await get(hub, objectsUrl(hub.collections.reference), key);
    const ids = page.json().objects.map((o: { id: string }) => o.id);
    assert.ok(ids.includes(REFERENCE_ID));
    assert.ok(
      ids.every((id: string) => id === REFERENCE_ID || id.startsWith('identity--')),
      ids.join(),
    );
  }
});

test('inside a shared collection TLP still rules: a RED object naming no recipient reaches only its author', async () => {
  const red = indicatorObject(6, undefined, 'red');
  const green = indicatorObject(7, undefined, 'green');
  await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, { objects: [red, green] });
  const listed = async (key: string, resource: 'objects' | 'manifest') =>
    (await get(hub, `/taxii2/api/collections/${hub.collections.banks}/${resource}/?limit=10000`, key))
      .json()
      .objects.map((o: { id: string }) => o.id) as string[];
  for (const resource of ['objects', 'manifest'] as const) {
    assert.ok((await listed(hub.keys.bankReader, resource)).includes(red.id));
    const exchange = await listed(hub.keys.exchangeWriter, resource);
    assert.ok(exchange.includes(green.id) && !exchange.includes(red.id), resource);
  }
  for (const suffix of ['', 'versions/']) {
    const url = `${objectsUrl(hub.collections.banks)}${red.id}/${suffix}`;
    assert.equal((await get(hub, url, hub.keys.exchangeWriter)).statusCode, 404, url);
  }
});
