/** Only the author organisation versions its objects, over TAXII as clients post them. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
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

const versionsOf = async (collection: string, id: string) =>
  (await get(hub, `${objectsUrl(collection)}${id}/versions/`, hub.keys.bankReader)).json()
    .versions as string[];

test("a contributor's newer version of another organisation's object is a failure with a clear message", async () => {
  const original = indicatorObject(4100, '2026-01-02T03:04:05.678Z', 'green');
  const first = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, {
    objects: [original],
  });
  assert.equal(first.json().success_count, 1);

  const takeover = { ...original, modified: '2026-03-01T00:00:00.000Z', name: 'not Lazarus after all' };
  const response = await post(hub, objectsUrl(hub.collections.banks), hub.keys.exchangeWriter, {
    objects: [takeover],
  });
  assert.equal(response.statusCode, 202);
  const status = response.json();
  assert.deepEqual([status.success_count, status.failure_count], [0, 1]);
  assert.equal(status.failures[0].id, original.id);
  assert.match(status.failures[0].message, /only its author organisation may add versions/);
  assert.deepEqual(await versionsOf(hub.collections.banks, original.id), [original.modified]);

  const byAuthor = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, {
    objects: [takeover],
  });
  assert.equal(byAuthor.json().success_count, 1);
});

test('reference data is versioned by the reference organisation only', async () => {
  const reference = await get(
    hub,
    `${objectsUrl(hub.collections.reference)}${REFERENCE_ID}/`,
    hub.keys.bankReader,
  );
  const [object] = reference.json().objects;
  const newer = { ...object, modified: '2026-06-01T00:00:00.000Z', description: 'rewritten by a member' };
  const response = await post(hub, objectsUrl(hub.collections.banks), hub.keys.bankWriter, {
    objects: [newer],
  });
  assert.equal(response.json().failure_count, 1);
  assert.match(response.json().failures[0].message, /only its author organisation/);
});
