import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { BulwarkError } from '../../errors/index.ts';
import { openStore } from '../open-store.ts';
import { BACKENDS, freshLocation } from './backends.ts';
import { ALL, version } from './fixtures.ts';

test('two stores opening (and migrating) the same empty location at once both succeed', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const stores = await Promise.all([location.open(), location.open(), location.open()]);
      t.after(() => Promise.all(stores.map((s) => s.close())));
      await stores[0]!.putBatch([version()]);
      assert.equal(await stores[2]!.count({ scope: ALL }), 1);
    });
  }
});

test('two store instances writing at once give every version its own seq and a strictly later dateAdded', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const [a, b] = await Promise.all([location.open(), location.open()]);
      t.after(() => Promise.all([a.close(), b.close()]));
      const write = (store: typeof a) =>
        Promise.all(
          Array.from({ length: 5 }, () => store.putBatch(Array.from({ length: 20 }, () => version()))),
        );
      await Promise.all([write(a), write(b)]);
      const items = (await a.query({ scope: ALL, versions: { kind: 'all' } })).items;
      assert.equal(items.length, 200);
      for (let i = 1; i < items.length; i++) assert.ok(items[i]!.dateAdded > items[i - 1]!.dateAdded);
    });
  }
});

test('a read-only store reads but refuses writes, and a missing read-only store is STORE_UNAVAILABLE', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const writer = await location.open();
      await writer.putBatch([version()]);
      await writer.close();
      const reader = await openStore({ ...location.options, readonly: true });
      t.after(() => reader.close());
      assert.equal(await reader.count({ scope: ALL }), 1);
      await assert.rejects(
        reader.putBatch([version()]),
        (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_STORE_UNAVAILABLE',
      );
      assert.equal(await reader.count({ scope: ALL }), 1);
    });
  }
  await assert.rejects(
    openStore({ data: '/nonexistent/bulwark-store', readonly: true }),
    (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_STORE_UNAVAILABLE',
  );
});

test('PostgreSQL: stores opened at once on a schema that does not exist yet create it once', async (t) => {
  const location = await freshLocation(t, 'postgres');
  if (location === undefined) return;
  const schema = `${location.options.schema}_new`;
  const options = { ...location.options, schema };
  t.after(async () => {
    const client = new pg.Client({ connectionString: options.db });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });
  const stores = await Promise.all([openStore(options), openStore(options), openStore(options)]);
  await stores[1]!.putBatch([version()]);
  assert.equal(await stores[0]!.count({ scope: ALL }), 1);
  await Promise.all(stores.map((s) => s.close()));
});
