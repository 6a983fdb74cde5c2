/** The TAXII filter, paging, versions, manifest and DELETE suite, run against each store backend. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, get, indicatorObject, objectsUrl, post, type TaxiiHub } from './taxii-hub.ts';

export function filtersSuite(backend: string, open: () => Promise<TaxiiHub>): void {
  describe(`TAXII filters and paging (${backend})`, () => {
    let hub: TaxiiHub;
    let url: string;
    const V1 = '2026-03-01T00:00:00.000Z';
    const V2 = '2026-03-02T00:00:00.000Z';
    const V3 = '2026-03-03T00:00:00.000Z';
    const versioned = (modified: string) => indicatorObject(900, modified);
    const malware = {
      type: 'malware',
      spec_version: '2.1',
      id: 'malware--6b1b8a5e-3f9c-4d2a-9e7b-1c2d3e4f5a6b',
      created: '2026-02-01T00:00:00.000Z',
      modified: '2026-02-01T00:00:00.000Z',
      name: 'AppleJeus',
      is_family: true,
    };
    const plain = Array.from({ length: 23 }, (_, n) => indicatorObject(100 + n));

    before(async () => {
      hub = await open();
      url = objectsUrl(hub.collections.banks);
      // Several POSTs, so date_added spreads over several requests.
      for (let i = 0; i < plain.length; i += 5) {
        await post(hub, url, hub.keys.bankWriter, { objects: plain.slice(i, i + 5) });
      }
      for (const modified of [V1, V2, V3])
        await post(hub, url, hub.keys.bankWriter, { objects: [versioned(modified)] });
      await post(hub, url, hub.keys.exchangeWriter, { objects: [malware] });
    });
    after(async () => hub.close());

    const ids = (response: LightMyRequestResponse): string[] =>
      (response.json().objects ?? []).map((o: { id: string }) => o.id);

    async function dateAddedOf(id: string, modified?: string): Promise<string> {
      const all = await hub.store.query({ scope: { kind: 'all' }, ids: [id], versions: { kind: 'all' } });
      const match = all.items.find((v) => modified === undefined || v.modified === modified);
      assert.ok(match, `${id} ${modified}`);
      return match.dateAdded;
    }

    test('paging with limit and next returns every object exactly once, with correct date-added headers', async () => {
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await get(hub, `${url}?limit=7${next ? `&next=${next}` : ''}`, hub.keys.exchangeWriter);
        assert.equal(page.statusCode, 200);
        const body = page.json();
        const pageIds = ids(page);
        assert.ok(pageIds.length <= 7);
        const first = body.objects[0];
        const last = body.objects.at(-1);
        assert.equal(page.headers['x-taxii-date-added-first'], await dateAddedOf(first.id, first.modified));
        assert.equal(page.headers['x-taxii-date-added-last'], await dateAddedOf(last.id, last.modified));
        seen.push(...pageIds);
        next = body.more ? body.next : undefined;
        assert.equal(body.more, next !== undefined);
        pages++;
      } while (next !== undefined);
      const expected = [...plain.map((o) => o.id), versioned(V3).id, malware.id];
      assert.equal(seen.length, expected.length);
      assert.deepEqual(new Set(seen), new Set(expected));
      assert.equal(pages, Math.ceil(expected.length / 7));
    });

    test('added_after returns exactly the objects added later', async () => {
      const manifest = (
        await get(hub, `/taxii2/api/collections/${hub.collections.banks}/manifest/`, hub.keys.bankReader)
      ).json();
      const cut = manifest.objects[9].date_added as string;
      const later = manifest.objects
        .filter((o: { date_added: string }) => o.date_added > cut)
        .map((o: { id: string }) => o.id);
      const page = await get(hub, `${url}?added_after=${cut}`, hub.keys.bankReader);
      assert.deepEqual(ids(page), later);
      assert.ok(later.length > 0 && later.length < manifest.objects.length);
    });

    test('match[id] and match[type] select objects; match[spec_version] selects the STIX version', async () => {
      const two = [plain[3]!.id, plain[7]!.id];
      assert.deepEqual(
        new Set(ids(await get(hub, `${url}?match[id]=${two.join(',')}`, hub.keys.bankReader))),
        new Set(two),
      );
      assert.deepEqual(ids(await get(hub, `${url}?match[type]=malware`, hub.keys.bankReader)), [malware.id]);
      assert.equal(
        ids(await get(hub, `${url}?match[type]=malware,indicator`, hub.keys.bankReader)).length,
        25,
      );
      assert.deepEqual(ids(await get(hub, `${url}?match[spec_version]=2.0`, hub.keys.bankReader)), []);
      assert.equal(ids(await get(hub, `${url}?match[spec_version]=2.1`, hub.keys.bankReader)).length, 25);
    });

    test('match[version]: last by default, first, all, or given timestamps', async () => {
      const id = versioned(V1).id;
      const modifieds = async (query: string) =>
        (await get(hub, `${url}?match[id]=${id}${query}`, hub.keys.bankReader))
          .json()
          .objects.map((o: { modified: string }) => o.modified);
      assert.deepEqual(await modifieds(''), [V3]);
      assert.deepEqual(await modifieds('&match[version]=last'), [V3]);
      assert.deepEqual(await modifieds('&match[version]=first'), [V1]);
      assert.deepEqual(await modifieds('&match[version]=all'), [V1, V2, V3]);
      assert.deepEqual(await modifieds(`&match[version]=${V1},${V2}`), [V1, V2]);
      const bad = await get(hub, `${url}?match[version]=newest`, hub.keys.bankReader);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().details.path, 'match[version]');
    });

    test('match[version]=first,last unites both, and paging through the union serves each version once', async () => {
      const id = versioned(V1).id;
      const both = await get(hub, `${url}${id}/?match[version]=first,last`, hub.keys.bankReader);
      assert.deepEqual(
        both.json().objects.map((o: { modified: string }) => o.modified),
        [V1, V3],
      );
      const seen: string[] = [];
      let next: string | undefined;
      do {
        const page = (
          await get(
            hub,
            `${url}?match[version]=first,last&limit=4${next ? `&next=${next}` : ''}`,
            hub.keys.bankReader,
          )
        ).json();
        assert.ok(page.objects.length <= 4);
        seen.push(...page.objects.map((o: { id: string; modified: string }) => `${o.id}@${o.modified}`));
        next = page.more ? page.next : undefined;
      } while (next !== undefined);
      const expected = [
        ...plain.map((o) => `${o.id}@${o.modified}`),
        `${id}@${V1}`,
        `${id}@${V3}`,
        `${malware.id}@${malware.modified}`,
      ];
      assert.equal(seen.length, expected.length);
      assert.deepEqual(new Set(seen), new Set(expected));
    });

    test('object by id serves its versions as an envelope; versions lists them, paged', async () => {
      const id = versioned(V1).id;
      const one = await get(hub, `${url}${id}/?match[version]=all`, hub.keys.exchangeWriter);
      assert.equal(one.json().objects.length, 3);
      const versions = await get(hub, `${url}${id}/versions/`, hub.keys.exchangeWriter);
      assert.deepEqual(versions.json(), { more: false, versions: [V1, V2, V3] });
      assert.equal(versions.headers['x-taxii-date-added-first'], await dateAddedOf(id, V1));
      assert.equal(versions.headers['x-taxii-date-added-last'], await dateAddedOf(id, V3));
      const first = (await get(hub, `${url}${id}/versions/?limit=2`, hub.keys.exchangeWriter)).json();
      assert.deepEqual(first.versions, [V1, V2]);
      assert.equal(first.more, true);
      const rest = (
        await get(hub, `${url}${id}/versions/?limit=2&next=${first.next}`, hub.keys.exchangeWriter)
      ).json();
      assert.deepEqual(rest, { more: false, versions: [V3] });
      const unknown = await get(
        hub,
        `${url}indicator--00000000-0000-4000-8000-000000000000/`,
        hub.keys.exchangeWriter,
      );
      assert.equal(unknown.statusCode, 404);
      const hidden = await get(
        hub,
        `${objectsUrl(hub.collections.police)}${id}/versions/`,
        hub.keys.policeWriter,
      );
      assert.equal(hidden.statusCode, 404);
    });

    test('manifest lists id, date_added, version and media type, with the objects filters', async () => {
      const response = await get(
        hub,
        `/taxii2/api/collections/${hub.collections.banks}/manifest/?match[id]=${versioned(V1).id}&match[version]=all`,
        hub.keys.bankReader,
      );
      const entries = response.json().objects;
      assert.deepEqual(
        entries.map((e: { version: string }) => e.version),
        [V1, V2, V3],
      );
      for (const entry of entries) {
        assert.equal(entry.id, versioned(V1).id);
        assert.equal(entry.media_type, 'application/stix+json;version=2.1');
        assert.equal(entry.date_added, await dateAddedOf(entry.id, entry.version));
      }
      assert.equal(response.headers['x-taxii-date-added-first'], entries[0].date_added);
    });

    test('DELETE needs authorship and write access; it removes the versions matched, then the object is gone', async () => {
      const id = versioned(V1).id;
      const del = (key: string, query = '') =>
        hub.app.inject({ method: 'DELETE', url: `${url}${id}/${query}`, headers: bearer(key) });
      assert.equal((await del(hub.keys.exchangeWriter)).statusCode, 403);
      assert.equal((await del(hub.keys.bankReader)).statusCode, 403);
      assert.equal((await del(hub.keys.policeWriter)).statusCode, 404);
      assert.equal((await del(hub.keys.bankWriter, '?match[version]=first')).statusCode, 200);
      assert.deepEqual((await get(hub, `${url}${id}/versions/`, hub.keys.bankReader)).json().versions, [
        V2,
        V3,
      ]);
      assert.equal((await del(hub.keys.bankWriter)).statusCode, 200);
      assert.equal((await get(hub, `${url}${id}/`, hub.keys.bankReader)).statusCode, 404);
      assert.equal(
        await hub.store.count({ scope: { kind: 'all' }, ids: [id], versions: { kind: 'all' } }),
        0,
      );
      const audit = await hub.store.members.queryAudit({ action: 'taxii.object.delete' });
      assert.deepEqual(
        audit.map((e) => e.outcome),
        ['denied', 'denied', 'ok', 'ok'],
      );
    });

    test('malformed limit, next and added_after are 400 error resources naming the field', async () => {
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['next=xyz', 'next'],
        ['added_after=yesterday', 'added_after'],
      ]) {
        const response = await get(hub, `${url}?${query}`, hub.keys.bankReader);
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.json().http_status, '400');
        assert.equal(response.json().details.path, field);
      }
    });
  });
}
