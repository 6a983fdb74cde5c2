import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { addOrganisation } from '../organisations/organisations.ts';
import { createKey, listKeys, revokeKey } from './keys.ts';
import { testStore } from './test-store.ts';

const KEY = /^bwk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

test('a key is bwk_<id>_<secret> with a 256-bit secret, and only the SHA-256 of the secret is stored', async (t) => {
  const store = await testStore(t);
  await addOrganisation(store, 'Bank A');
  const { key, record } = await createKey(store, { org: 'Bank A', role: 'contributor', label: 'SIEM' });
  const m = KEY.exec(key);
  assert.ok(m, key);
  assert.equal(Buffer.from(m[2]!, 'base64url').length, 32);
  assert.equal(m[1], record.id);
  const stored = await store.members.getKey(record.id);
  assert.equal(stored?.secretHash, createHash('sha256').update(m[2]!).digest('hex'));
  assert.ok(!JSON.stringify(stored).includes(m[2]!), 'the secret itself is nowhere in the record');
  assert.deepEqual(
    { role: stored?.role, label: stored?.label, revokedAt: stored?.revokedAt },
    { role: 'contributor', label: 'SIEM', revokedAt: null },
  );
  const second = await createKey(store, { org: 'Bank A', role: 'reader' });
  assert.notEqual(second.key, key);
});

test('listing keys never shows a hash, filters by organisation, and shows revocation', async (t) => {
  const store = await testStore(t);
  await addOrganisation(store, 'Bank A');
  await addOrganisation(store, 'Exchange B');
  const a = await createKey(store, { org: 'Bank A', role: 'admin' });
  await createKey(store, { org: 'Exchange B', role: 'reader' });
  const revoked = await revokeKey(store, a.record.id);
  assert.ok(revoked.revokedAt);
  const onlyA = await listKeys(store, 'Bank A');
  assert.deepEqual(
    onlyA.map((k) => k.id),
    [a.record.id],
  );
  assert.ok(onlyA[0]?.revokedAt);
  const all = await listKeys(store);
  assert.equal(all.length, 2);
  for (const k of all) assert.equal('secretHash' in k, false);
});

test('bad roles, unknown organisations and unknown keys are refused with their own codes', async (t) => {
  const store = await testStore(t);
  await addOrganisation(store, 'Bank A');
  await assert.rejects(createKey(store, { org: 'Bank A', role: 'root' }), { code: 'BULWARK_E_USAGE' });
  await assert.rejects(createKey(store, { org: 'Nobody', role: 'reader' }), {
    code: 'BULWARK_E_ORG_NOT_FOUND',
  });
  await assert.rejects(revokeKey(store, 'ffffffffffffffffffffffff'), { code: 'BULWARK_E_KEY_NOT_FOUND' });
  assert.deepEqual(await listKeys(store), []);
});
