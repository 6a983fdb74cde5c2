/**
 * The screener cache's synchronous side (`readyFor`, the screening fast path's) and its scope keys kept
 * per frozen caller: the same screener as `forCaller` once built, one per reader scope whatever the
 * community order, another for another scope, and a caller's key never kept when it could change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import type { Caller } from '../hub/index.ts';
import { openStore } from '../store/index.ts';
import { ScreenerCache } from './screener-cache.ts';

const member = (communityIds: string[]): Caller => ({
  kind: 'member',
  orgId: 'org-a',
  orgName: 'A',
  userId: 'key-a',
  role: 'reader',
  communityIds,
});

test('readyFor answers the built screener of the caller scope, without a promise', async (t) => {
  const dir = tempDir('bulwark-screener-cache-');
  const store = await openStore({ data: dir.path });
  t.after(async () => {
    await store.close();
    dir.remove();
  });
  const cache = new ScreenerCache(store, { checkEveryMs: 60_000 });
  const frozen = Object.freeze({ ...member(['c1', 'c2']), communityIds: Object.freeze(['c1', 'c2']) });
  assert.equal(cache.readyFor(frozen), undefined, 'nothing built yet');
  const screener = await cache.forCaller(frozen);
  assert.equal(cache.readyFor(frozen), screener);
  assert.equal(cache.readyFor(member(['c2', 'c1'])), screener, 'community order does not matter');
  assert.equal(cache.readyFor(member(['c1'])), undefined, 'another scope');
  const other = await cache.forCaller(member(['c1']));
  assert.notEqual(other, screener);
  assert.equal(cache.readyFor(Object.freeze(member(['c1']))), other);

  // a frozen caller whose community list is not frozen could change: its key is made again each time
  const communities = ['c1', 'c2'];
  const shallow = Object.freeze(member(communities));
  assert.equal(cache.readyFor(shallow), screener);
  communities.pop();
  assert.equal(cache.readyFor(shallow), other);
  assert.equal(await cache.forCaller(shallow), other);
  await cache.idle();
});
