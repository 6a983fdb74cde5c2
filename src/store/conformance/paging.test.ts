import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BulwarkError } from '../../errors/index.ts';
import type { StoredVersion } from '../types.ts';
import { BACKENDS, collect, eachBackend, freshLocation } from './backends.ts';
import { ALL, member, version } from './fixtures.ts';

test(
  'pages on afterSeq cover every matching row exactly once, in seq order, and more is false only at the end',
  eachBackend(async (store) => {
    const rows = Array.from({ length: 25 }, (_, i) =>
      version({ tlp: i % 3 === 0 ? 'red' : 'clear', authorOrg: 'author' }),
    );
    await store.putBatch(rows.slice(0, 10));
    await store.putBatch(rows.slice(10));
    const scope = member('reader');
    const seen: StoredVersion[] = [];
    let afterSeq: number | undefined;
    for (;;) {
      const page = await store.query({ scope, afterSeq, limit: 4 });
      seen.push(...page.items);
      if (!page.more) break;
      afterSeq = page.items.at(-1)!.seq;
    }
    const expected = rows.filter((_, i) => i % 3 !== 0).map((v) => v.id);
    assert.deepEqual(
      seen.map((v) => v.id),
      expected,
    );
    assert.equal(await store.count({ scope }), expected.length);
    const streamed = await collect(store.stream({ scope }, 3));
    assert.deepEqual(
      streamed,
      seen.map((v) => `${v.id}@${v.modified}`),
    );
  }),
);

test(
  'addedAfter returns exactly the versions added strictly after the instant',
  eachBackend(async (store) => {
    const rows = Array.from({ length: 12 }, () => version());
    const outcomes = [...(await store.putBatch(rows.slice(0, 5))), ...(await store.putBatch(rows.slice(5)))];
    const added = outcomes.map((o) => (o.status === 'added' ? o.dateAdded : ''));
    for (const k of [0, 4, 5, 11]) {
      const page = await store.query({ scope: ALL, addedAfter: added[k]! });
      assert.deepEqual(
        page.items.map((v) => v.id),
        rows.slice(k + 1).map((v) => v.id),
      );
      assert.equal(await store.count({ scope: ALL, addedAfter: added[k]! }), 11 - k);
    }
    assert.equal((await store.query({ scope: ALL, addedAfter: '1970-01-01T00:00:00Z' })).items.length, 12);
  }),
);

test('dateAdded and seq strictly increase across two store instances opened one after the other', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const first = await location.open();
      await first.putBatch([version(), version()]);
      await first.close();
      const second = await location.open();
      t.after(() => second.close());
      await second.putBatch([version(), version(), version()]);
      const items = (await second.query({ scope: ALL })).items;
      assert.equal(items.length, 5);
      for (let i = 1; i < items.length; i++) {
        assert.ok(items[i]!.seq > items[i - 1]!.seq);
        assert.ok(
          items[i]!.dateAdded > items[i - 1]!.dateAdded,
          `${items[i]!.dateAdded} after ${items[i - 1]!.dateAdded}`,
        );
      }
    });
  }
});

test(
  'an addedAfter that is not an RFC 3339 UTC timestamp is a BAD_REQUEST for query and count',
  eachBackend(async (store) => {
    const bad = { scope: ALL, addedAfter: 'yesterday' };
    const isBadRequest = (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_BAD_REQUEST';
    await assert.rejects(store.query(bad), isBadRequest);
    await assert.rejects(store.count(bad), isBadRequest);
  }),
);

test(
  'pages default to 1,000 rows and are capped at 10,000',
  eachBackend(async (store) => {
    for (let i = 0; i < 11; i++) await store.putBatch(Array.from({ length: 1000 }, () => version()));
    const byDefault = await store.query({ scope: ALL });
    assert.equal(byDefault.items.length, 1000);
    assert.equal(byDefault.more, true);
    const capped = await store.query({ scope: ALL, limit: 50_000 });
    assert.equal(capped.items.length, 10_000);
    assert.equal(capped.more, true);
    const rest = await store.query({ scope: ALL, limit: 50_000, afterSeq: capped.items.at(-1)!.seq });
    assert.equal(rest.items.length, 1000);
    assert.equal(rest.more, false);
  }),
);

test(
  'a seq is never handed out twice, even after the newest versions are deleted',
  eachBackend(async (store) => {
    const [a, b] = [version(), version()];
    const put = await store.putBatch([a, b]);
    assert.equal(await store.members.deleteVersions(b.id), 1);
    const [c] = await store.putBatch([version()]);
    assert.ok(put[1]?.status === 'added' && c?.status === 'added');
    assert.ok(c.seq > put[1].seq, `new seq ${c.seq} after deleted ${put[1].seq}`);
    assert.ok(c.dateAdded > put[1].dateAdded);
  }),
);
