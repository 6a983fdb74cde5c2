/**
 * With a PostgreSQL store, the rate limit is one budget per key across every hub process on the
 * database: two servers on two store connections draw on the same counters. The counters themselves
 * are checked on both adapters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { createServer } from '../../src/server/index.ts';
import { rateCounterOf } from '../../src/server/rate-limit-store.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshPostgresSchema, requirePostgres } from '../support/services.ts';
import { tempDir } from '../support/temp-dir.ts';

async function checkCounter(store: Store): Promise<void> {
  const counter = rateCounterOf(store);
  assert.ok(counter, `${store.backend} store has no rate counter`);
  assert.deepEqual(
    [await counter.hitRateLimit('key:a', 60_000), await counter.hitRateLimit('key:a', 60_000)],
    [1, 2],
  );
  assert.equal(await counter.hitRateLimit('key:b', 60_000), 1, 'another bucket counts apart');
  assert.equal(await counter.hitRateLimit('key:a', 120_000), 1, 'a new window starts at 1');
  await counter.pruneRateLimits(120_000);
  assert.equal(await counter.hitRateLimit('key:a', 60_000), 1, 'a pruned window is forgotten');
  assert.equal(await counter.hitRateLimit('key:a', 120_000), 2, 'a kept window is not');
}

test('the SQLite adapter counts rate-limit hits per bucket and window, and prunes old windows', async () => {
  const dir = tempDir('bulwark-rate-');
  const store = await openStore({ data: dir.path });
  try {
    await checkCounter(store);
  } finally {
    await store.close();
    dir.remove();
  }
});

test('on PostgreSQL two hub processes share one budget per key, and another key has its own', async (t) => {
  const url = await requirePostgres(t);
  if (url === undefined) return;
  const { schema, drop } = await freshPostgresSchema(url, 'bulwark_rate');
  const first = await openStore({ db: url, schema });
  const second = await openStore({ db: url, schema });
  try {
    await checkCounter(first);
    await addOrganisation(first, 'First Bank');
    const one = (await createKey(first, { org: 'First Bank', role: 'reader' })).key;
    const two = (await createKey(first, { org: 'First Bank', role: 'reader' })).key;
    // Fixed one-minute windows: start well inside one so the four requests cannot straddle two.
    const into = Date.now() % 60_000;
    if (into > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - into + 100));
    const apps = [
      createServer({ store: first, rateLimit: 3 }),
      createServer({ store: second, rateLimit: 3 }),
    ];
    const get = (i: number, key: string) =>
      apps[i]!.inject({ method: 'GET', url: '/api/v1/stats', headers: { authorization: `Bearer ${key}` } });
    const codes = [
      (await get(0, one)).statusCode,
      (await get(1, one)).statusCode,
      (await get(0, one)).statusCode,
    ];
    assert.deepEqual(codes, [200, 200, 200]);
    const limited = await get(1, one);
    assert.equal(limited.statusCode, 429, 'the second process knows the first spent the budget');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await get(1, two)).statusCode, 200);
    for (const app of apps) await app.close();
  } finally {
    await first.close();
    await second.close();
    await drop();
  }
});
