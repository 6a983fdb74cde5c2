import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexTermsOf } from './index-terms.ts';
import { normaliseValue } from './normalise.ts';

const values = (obj: Record<string, unknown>) => indexTermsOf(obj).map((t) => `${t.kind}:${t.value}`);

test('SCO values are indexed in their normalised form', () => {
  assert.deepEqual(values({ type: 'domain-name', value: 'Evil.Example.COM.' }), ['sco:evil.example.com']);
  assert.deepEqual(values({ type: 'email-addr', value: 'Kim@Example.org' }), ['sco:kim@example.org']);
  assert.deepEqual(values({ type: 'ipv6-addr', value: '2001:0DB8:0000:0000:0000:0000:0000:0001' }), [
    'sco:2001:db8::1',
  ]);
  assert.deepEqual(values({ type: 'mac-addr', value: 'D2-FB-49-24-37-18' }), ['sco:d2:fb:49:24:37:18']);
  assert.deepEqual(values({ type: 'autonomous-system', number: 15139 }), ['sco:AS15139']);
  assert.deepEqual(values({ type: 'file', hashes: { MD5: 'D41D8CD98F00B204E9800998ECF8427E' } }), [
    'sco:d41d8cd98f00b204e9800998ecf8427e',
  ]);
  assert.deepEqual(values({ type: 'user-account', user_id: '1001', account_login: 'Kim' }), [
    'sco:1001',
    'sco:Kim',
  ]);
  assert.deepEqual(values({ type: 'bank-account', iban: 'gb33 bukb 2020 1555 5555 55' }), [
    'sco:GB33BUKB20201555555555',
  ]);
  assert.deepEqual(
    values({ type: 'x509-certificate', serial_number: '3A:9F:00', hashes: { 'SHA-1': 'AB'.repeat(20) } }),
    ['sco:' + 'ab'.repeat(20), 'sco:3a9f00'],
  );
});

test('EVM and bech32 wallet addresses are lower-cased, base58 addresses keep their case', () => {
  assert.deepEqual(
    values({ type: 'cryptocurrency-wallet', value: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' }),
    ['sco:0x098b716b8aaf21512996dc57eb0615e2383e2f96'],
  );
  assert.deepEqual(
    values({ type: 'cryptocurrency-wallet', value: 'BC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH' }),
    ['sco:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'],
  );
  assert.deepEqual(values({ type: 'cryptocurrency-wallet', value: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL' }), [
    'sco:TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
  ]);
});

test('names and aliases of actors, malware, tools, campaigns and identities are indexed lower-cased', () => {
  assert.deepEqual(
    values({ type: 'intrusion-set', name: 'Lazarus  Group', aliases: ['APT38', 'Lazarus Group'] }),
    ['name:lazarus group', 'name:apt38'],
  );
  assert.deepEqual(values({ type: 'report', name: 'Not indexed' }), []);
});

test('STIX indicator patterns contribute their compared values; other pattern types contribute none', () => {
  const pattern =
    "[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'Bad.Example'] OR [file:hashes.'SHA-256' = 'AB12']";
  assert.deepEqual(values({ type: 'indicator', pattern_type: 'stix', pattern }), [
    'pattern:198.51.100.7',
    'pattern:bad.example',
    'pattern:ab12',
  ]);
  assert.deepEqual(
    values({ type: 'indicator', pattern_type: 'sigma', pattern: "title: x\nvalue: '1.2.3.4'" }),
    [],
  );
});

test('look-ups normalise the same way indexing does', () => {
  const [term] = indexTermsOf({ type: 'domain-name', value: 'Mixed.Example' });
  assert.equal(normaliseValue('domain-name', 'MIXED.example.'), term!.value);
  assert.equal(normaliseValue('autonomous-system', 'as 15139'), 'AS15139');
  assert.equal(normaliseValue('autonomous-system', '15139'), 'AS15139');
  assert.equal(normaliseValue('url', 'HTTPS://Example.COM/Path?Q=1'), 'https://example.com/Path?Q=1');
  assert.equal(normaliseValue('ipv6-addr', '2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  assert.equal(normaliseValue('ipv6-addr', '::'), '::');
  assert.equal(normaliseValue('ipv6-addr', 'fe80::1/64'), 'fe80::1/64');
});

test('extra names on notes and ATT&CK software aliases are indexed, so every known name finds its object', () => {
  const note = {
    type: 'note',
    id: 'note--1d9c5f3e-6a0f-4c7e-9d55-3f1d2c4b5a69',
    content: 'MISP names for G0032',
    object_refs: ['intrusion-set--c93fccb1-e8e8-42cf-ae33-2ad1d183913a'],
    x_bulwark_aliases: ['Hastati Group', 'Famous Chollima'],
  };
  assert.deepEqual(
    indexTermsOf(note).map((t) => t.value),
    ['hastati group', 'famous chollima'],
  );
  const malware = {
    type: 'malware',
    id: 'malware--1',
    name: 'AppleJeus',
    x_mitre_aliases: ['AppleJeus', 'Jeus'],
  };
  assert.ok(indexTermsOf(malware).some((t) => t.value === 'jeus' && t.kind === 'name'));
});
