/**
 * A bounded loopback load of mixed reads and writes (15 s; the 2-minute run is bench/hub-load.bench.ts):
 * every answer is a success, and memory settles after the warm-up instead of climbing with the requests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, openLoadHub, runMixedLoad } from './load-hub.ts';

test('15 s of mixed TAXII and REST load: zero errors, and live memory stops growing after warm-up', async () => {
  const load = await openLoadHub();
  try {
    const result = await runMixedLoad(load, 15);
    assert.ok(result.requests > 100, `only ${result.requests} requests were answered`);
    assert.equal(result.errors, 0, 'connection errors');
    assert.equal(result.timeouts, 0, 'timeouts');
    assert.equal(result.non2xx, 0, 'answers that were not 2xx');
    // Live memory after a full collection, not RSS: on a busy machine V8 postpones collections and
    // RSS climbs without a leak. Tolerant on purpose: a quarter plus 16 MiB of noise.
    const third = Math.floor(result.liveAfterGc.length / 3);
    const middle = median(result.liveAfterGc.slice(third, 2 * third));
    const last = median(result.liveAfterGc.slice(2 * third));
    assert.ok(
      last <= middle * 1.25 + 16 * 1024 * 1024,
      `live memory kept growing: middle third ${(middle / 2 ** 20).toFixed(0)} MiB, last third ${(last / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await load.hub.close();
  }
});
