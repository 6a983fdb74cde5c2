import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { deriveScoId, isStixId, newId, typeOfId, uuidVersionOf } from './ids.ts';

// Vectors computed by the python stix2 library (stix2/test/v21/test_deterministic_ids.py) and the
// spec's domain-name example, which other implementations reproduce.
test('derives the ids the STIX spec and the python stix2 library give', () => {
  assert.equal(
    deriveScoId({ type: 'domain-name', value: 'example.com' }),
    'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
  );
  assert.equal(
    deriveScoId({
      type: 'windows-registry-key',
      values: [
        { name: 'Foo', data: 'qwerty' },
        { name: 'Bar', data: '42' },
      ],
    }),
    'windows-registry-key--36594eba-bcc7-5014-9835-0e154264e588',
  );
  assert.equal(
    deriveScoId({
      type: 'file',
      name: 'example.exe',
      size: 68000,
      magic_number_hex: '50000000',
      hashes: { 'SHA-256': '841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649' },
      extensions: {
        'windows-pebinary-ext': {
          pe_type: 'exe',
          machine_hex: '014c',
          sections: [
            {
              name: '.data',
              size: 4096,
              entropy: 7.980693,
              hashes: { 'SHA-256': '6e3b6f3978e5cd96ba7abee35c24e867b7e64072e2ecb22d0ee7a6e6af6894d0' },
            },
          ],
        },
      },
    }),
    'file--ced31cd4-bdcb-537d-aefa-92d291bfc11d',
  );
});

test('only the preferred hash contributes: MD5 before SHA-1 before SHA-256 before SHA-512', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const all = deriveScoId({ type: 'file', hashes: { 'SHA-256': sha256, 'SHA-1': sha1, MD5: md5 } });
  assert.equal(all, deriveScoId({ type: 'file', hashes: { MD5: md5 } }));
  assert.notEqual(all, deriveScoId({ type: 'file', hashes: { 'SHA-256': sha256 } }));
  assert.equal(
    deriveScoId({ type: 'file', hashes: { 'SHA-256': sha256, 'SHA-1': sha1 } }),
    deriveScoId({ type: 'file', hashes: { 'SHA-1': sha1 } }),
  );
});

test('an SCO without id-contributing properties, or of an unknown type, gets a random v4 id', () => {
  const a = deriveScoId({ type: 'process', pid: 4 });
  const b = deriveScoId({ type: 'process', pid: 4 });
  assert.notEqual(a, b);
  assert.equal(uuidVersionOf(a), 4);
  assert.equal(uuidVersionOf(deriveScoId({ type: 'x-unknown', value: 'v' })), 4);
  assert.equal(uuidVersionOf(deriveScoId({ type: 'domain-name', value: 'a.example' })), 5);
});

test('bank accounts are named by IBAN alone when present, else by account number and BIC', () => {
  const iban = 'GB33BUKB20201555555555';
  assert.equal(
    deriveScoId({ type: 'bank-account', iban, account_number: '1', bic: 'BUKBGB22', holder_name: 'A' }),
    deriveScoId({ type: 'bank-account', iban }),
  );
  const byNumber = deriveScoId({ type: 'bank-account', account_number: '55555555', bic: 'BUKBGB22' });
  assert.notEqual(
    byNumber,
    deriveScoId({ type: 'bank-account', account_number: '55555555', bic: 'OTHERGB22' }),
  );
  assert.equal(uuidVersionOf(byNumber), 5);
});

test('a wallet id depends on its value only, as OpenCTI derives it', () => {
  const value = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
  assert.equal(
    deriveScoId({ type: 'cryptocurrency-wallet', value, chain: 'bitcoin', x_opencti_score: 90 }),
    deriveScoId({ type: 'cryptocurrency-wallet', value }),
  );
});

const domainLike = fc.record(
  {
    value: fc.string({ minLength: 1 }),
    resolves_to_refs: fc.array(
      fc.uuid({ version: 4 }).map((u) => `ipv4-addr--${u}`),
      { maxLength: 2 },
    ),
  },
  { noNullPrototype: true },
);

test('deriveScoId is deterministic and independent of property order', () => {
  fc.assert(
    fc.property(domainLike, ({ value, resolves_to_refs }) => {
      const a = deriveScoId({ type: 'domain-name', value, resolves_to_refs });
      const b = deriveScoId({ resolves_to_refs, value, type: 'domain-name' });
      assert.equal(a, b);
      assert.equal(a, deriveScoId({ type: 'domain-name', value, resolves_to_refs }));
    }),
  );
});

test('deriveScoId changes with an id-contributing property and not with any other', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 1 }),
      fc.string({ minLength: 1 }),
      fc.integer({ min: 0, max: 65535 }),
      (name, other, size) => {
        fc.pre(name !== other);
        const base = deriveScoId({ type: 'file', name });
        assert.notEqual(base, deriveScoId({ type: 'file', name: other }));
        assert.equal(base, deriveScoId({ type: 'file', name, size, mime_type: other }));
      },
    ),
  );
});

test('isStixId accepts type--RFC 4122 uuid and checks the type when asked', () => {
  assert.ok(isStixId('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'));
  assert.ok(isStixId('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'indicator'));
  assert.ok(!isStixId('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'indicato'));
  assert.ok(!isStixId('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'malware'));
  assert.ok(!isStixId('indicator--001'));
  assert.ok(!isStixId('indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f'), 'version 0 is not RFC 4122');
  assert.ok(!isStixId('indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f'), 'variant 110x is not RFC 4122');
  assert.ok(!isStixId('Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'));
  assert.ok(!isStixId('x--a--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'));
  assert.ok(!isStixId(42));
});

test('newId makes a v4 id of the type, different each time', () => {
  const a = newId('report');
  assert.ok(isStixId(a, 'report'));
  assert.equal(uuidVersionOf(a), 4);
  assert.equal(typeOfId(a), 'report');
  assert.notEqual(a, newId('report'));
});
