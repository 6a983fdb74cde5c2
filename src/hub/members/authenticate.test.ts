import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore, type Store } from '../../store/index.ts';
import { addOrganisation } from '../organisations/organisations.ts';
import { authenticate, cachedCaller } from './authenticate.ts';
import { createCommunity, setCommunityMembers } from './communities.ts';
import { CALLER_TTL_MS, cachedKey, rememberKey, TOUCH_INTERVAL_MS } from './key-cache.ts';
import { createKey, revokeKey } from './keys.ts';
import { testStore, testStoreIn } from './test-store.ts';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function memberWithKey(store: Store) {
  const a = await addOrganisation(store, 'Bank A');
  await addOrganisation(store, 'Exchange B');
  const c = await createCommunity(store, 'FS-ISAC', ['Bank A', 'Exchange B']);
  const { key, record } = await createKey(store, { org: 'Bank A', role: 'contributor' });
  return { a, c, key, record };
}

async function refused(store: Store, header: string): Promise<string> {
  try {
    await authenticate(store, header, '192.0.2.7');
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'BULWARK_E_UNAUTHENTICATED');
    return (error as Error).message;
  }
  assert.fail(`accepted ${header}`);
}

test('a Bearer key and a Basic password of any user name resolve to the same member, with its communities', async (t) => {
  const store = await testStore(t);
  const { a, c, key, record } = await memberWithKey(store);
  const expected = {
    kind: 'member',
    orgId: a.id,
    orgName: 'Bank A',
    userId: record.id,
    role: 'contributor',
    communityIds: [c.id],
  };
  assert.deepEqual(await authenticate(store, `Bearer ${key}`), expected);
  assert.deepEqual(await authenticate(store, `bearer   ${key}  `), expected);
  assert.deepEqual(await authenticate(store, basic('anyone', key)), expected);
  assert.deepEqual(await authenticate(store, basic('', key)), expected);
  assert.notEqual((await store.members.getKey(record.id))?.lastUsedAt, null, 'last use is recorded');
});

test('no Authorization header is the anonymous caller', async (t) => {
  const store = await testStore(t);
  assert.deepEqual(await authenticate(store, undefined), { kind: 'anonymous' });
  assert.deepEqual(await authenticate(store, '  '), { kind: 'anonymous' });
});

test('wrong, unknown, malformed and revoked keys get one and the same refusal', async (t) => {
  const store = await testStore(t);
  const { key, record } = await memberWithKey(store);
  const wrongSecret = `${key.slice(0, -3)}${key.endsWith('AAA') ? 'BBB' : 'AAA'}`;
  const unknownId = `bwk_${'0'.repeat(24)}_${key.slice(-43)}`;
  const messages = new Set<string>();
  for (const header of [
    `Bearer ${wrongSecret}`,
    `Bearer ${unknownId}`,
    'Bearer not-a-key',
    basic('x', 'guess'),
    'Basic !!!',
    `Token ${key}`,
    `Bearer ${key} extra`,
  ]) {
    messages.add(await refused(store, header));
  }
  await authenticate(store, `Bearer ${key}`);
  await revokeKey(store, record.id);
  messages.add(await refused(store, `Bearer ${key}`));
  assert.equal(messages.size, 1, 'no hint of which part was wrong');
});

test('a cached key still needs its own secret', async (t) => {
  const store = await testStore(t);
  const { key } = await memberWithKey(store);
  await authenticate(store, `Bearer ${key}`);
  await refused(store, `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`);
  assert.equal((await authenticate(store, `Bearer ${key}`)).kind, 'member');
});

test('the synchronous look at cached keys verifies the secret, sees a revocation at once and decides no refusal', async (t) => {
  const store = await testStore(t);
  const { key, record } = await memberWithKey(store);
  const now = Date.now();
  assert.equal(
    cachedCaller(store, `Bearer ${key}`, now),
    undefined,
    'not verified lately: authenticate decides',
  );
  const caller = await authenticate(store, `Bearer ${key}`);
  assert.equal(cachedCaller(store, `Bearer ${key}`, Date.now()), caller, 'the cached, shared caller');
  assert.ok(Object.isFrozen(caller));
  assert.equal(cachedCaller(store, basic('taxii', key), Date.now()), caller);
  const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
  assert.equal(cachedCaller(store, `Bearer ${forged}`, Date.now()), undefined, 'its own secret still');
  assert.equal(cachedCaller(store, `Bearer ${key}x`, Date.now()), undefined);
  // the entry kept past its lifetime, so that only last use decides
  const entry = cachedKey(store, record.id, Date.now());
  assert.ok(entry);
  rememberKey(store, { ...entry, expires: Number.POSITIVE_INFINITY });
  assert.equal(cachedCaller(store, `Bearer ${key}`, Date.now() + 30_000), entry.caller);
  assert.equal(
    cachedCaller(store, `Bearer ${key}`, Date.now() + TOUCH_INTERVAL_MS + 1_000),
    undefined,
    'last use is due: authenticate writes it',
  );
  rememberKey(store, entry);
  assert.equal(
    cachedCaller(store, `Bearer ${key}`, Date.now() + CALLER_TTL_MS + 1_000),
    undefined,
    'expired',
  );
  await authenticate(store, `Bearer ${key}`);
  await revokeKey(store, record.id);
  assert.equal(cachedCaller(store, `Bearer ${key}`, Date.now()), undefined, 'revoked');
  await refused(store, `Bearer ${key}`);
});

test('another process revoking a key is seen within the cache lifetime', async (t) => {
  const { store, data } = await testStoreIn(t);
  const { key, record } = await memberWithKey(store);
  const other = await openStore({ data });
  t.after(() => other.close());
  await authenticate(store, `Bearer ${key}`);
  await other.members.revokeKey(record.id, new Date().toISOString());
  await new Promise((r) => setTimeout(r, CALLER_TTL_MS + 50));
  await refused(store, `Bearer ${key}`);
});

test('a revocation in this process takes effect at once, despite the cache', async (t) => {
  const store = await testStore(t);
  const { key, record } = await memberWithKey(store);
  await authenticate(store, `Bearer ${key}`);
  await revokeKey(store, record.id);
  await refused(store, basic('taxii', key));
});

test('membership changes reach an already authenticated key at once', async (t) => {
  const store = await testStore(t);
  const { c, key } = await memberWithKey(store);
  await authenticate(store, `Bearer ${key}`);
  const later = await createCommunity(store, 'Crypto-ISAC', ['Bank A']);
  const caller = await authenticate(store, `Bearer ${key}`);
  assert.deepEqual(caller.kind === 'member' && [...caller.communityIds].sort(), [c.id, later.id].sort());
  await setCommunityMembers(store, 'FS-ISAC', ['Exchange B']);
  const after = await authenticate(store, `Bearer ${key}`);
  assert.deepEqual(after.kind === 'member' && after.communityIds, [later.id]);
});

test('refused attempts are audited with the key id and source, never the key or its secret', async (t) => {
  const store = await testStore(t);
  const { key, record } = await memberWithKey(store);
  const secret = key.slice(-43);
  await authenticate(store, `Bearer ${key}`);
  await refused(store, `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`);
  await revokeKey(store, record.id);
  await refused(store, basic('u', key));
  const entries = await store.members.queryAudit({ action: 'auth.refused' });
  assert.equal(entries.length, 2);
  for (const e of entries) {
    assert.equal(e.target, record.id);
    assert.equal(e.source, '192.0.2.7');
    assert.equal(e.outcome, 'denied');
  }
  const everything = JSON.stringify(await store.members.queryAudit({}));
  assert.ok(!everything.includes(secret), 'the secret is not in the audit log');
  assert.ok(!everything.includes(secret.slice(0, 20)), 'nor a part of it');
});
