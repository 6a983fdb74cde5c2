import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBulwarkError } from '../../errors/index.ts';
import { authenticate, keyFromHeader } from './authenticate.ts';
import { formatKey, newKeyParts, parseKey, secretMatches } from './key-format.ts';
import { testStore } from './test-store.ts';

test('a formatted key parses back to its id and secret; fresh keys differ', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const { id, secret } = newKeyParts();
    assert.deepEqual(parseKey(formatKey(id, secret)), { id, secret });
    seen.add(formatKey(id, secret));
  }
  assert.equal(seen.size, 200);
});

test('Basic credentials give back the password for any user name without a colon (RFC 7617)', () => {
  fc.assert(
    fc.property(
      fc.string().filter((u) => !u.includes(':')),
      fc.string({ minLength: 1 }),
      (user, password) => {
        const header = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
        const expected = Buffer.from(password, 'utf8').toString('utf8');
        assert.equal(keyFromHeader(header), expected);
      },
    ),
  );
});

test('any Authorization header is anonymous, a member, or UNAUTHENTICATED — never another failure', async (t) => {
  const store = await testStore(t);
  const { id, secret } = newKeyParts();
  const near = formatKey(id, secret);
  const header = fc.oneof(
    fc.string(),
    fc.string().map((s) => `Bearer ${s}`),
    fc.string().map((s) => `Basic ${s}`),
    fc.string().map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
    fc.nat(near.length).map((n) => `Bearer ${near.slice(0, n)}`),
  );
  await fc.assert(
    fc.asyncProperty(header, async (h) => {
      try {
        const caller = await authenticate(store, h);
        assert.equal(caller.kind, 'anonymous', `accepted ${JSON.stringify(h)}`);
      } catch (error) {
        assert.ok(isBulwarkError(error) && error.code === 'BULWARK_E_UNAUTHENTICATED', String(error));
      }
    }),
    { numRuns: 300 },
  );
});

test('a secret matches the hash stored for it (as keys.ts stores it) and no other secret or hash', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (secret, other) => {
      const stored = createHash('sha256').update(secret, 'utf8').digest('hex');
      assert.equal(secretMatches(secret, stored), true);
      assert.equal(secretMatches(other, stored), other === secret);
      assert.equal(secretMatches(secret, stored.slice(1)), false);
      assert.equal(secretMatches(secret, `${stored.slice(0, 63)}${stored[63] === '0' ? '1' : '0'}`), false);
    }),
  );
});
