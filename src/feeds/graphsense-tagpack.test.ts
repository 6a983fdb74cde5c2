import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { BulwarkError } from '../errors/index.ts';
import { normaliseAddress } from './chains.ts';
import { convertTagpack, parseTagpack } from './graphsense-tagpack.ts';
import { assertAllValid, feedFormatError, ofType, shipped } from './test-support.ts';
import type { StixObject } from './types.ts';

const AS_OF = '2026-05-12T14:10:10.000Z';

function convert(name: string): StixObject[] {
  return [...convertTagpack(shipped('graphsense-tagpacks', name), { asOf: AS_OF, source: name })];
}

function distinctAddresses(name: string): number {
  const pack = parse(shipped('graphsense-tagpacks', name)) as { tags: { address: string }[] };
  return new Set(pack.tags.map((t) => normaliseAddress(String(t.address)))).size;
}

test('a mixer pack yields one anonymization infrastructure consisting of each distinct address, no indicator', () => {
  const objects = convert('tornado_cash.yaml');
  const [mixer, ...others] = ofType(objects, 'infrastructure');
  assert.equal(others.length, 0);
  assert.deepEqual(mixer!.infrastructure_types, ['anonymization']);
  assert.deepEqual(mixer!.labels, ['mixing_service']);
  assert.equal(ofType(objects, 'cryptocurrency-wallet').length, distinctAddresses('tornado_cash.yaml'));
  const parts = ofType(objects, 'relationship');
  assert.ok(parts.every((r) => r.relationship_type === 'consists-of' && r.source_ref === mixer!.id));
  assert.equal(parts.length, distinctAddresses('tornado_cash.yaml'));
  assert.equal(ofType(objects, 'indicator').length, 0);
  assertAllValid(objects);
});

test('an exchange pack takes label, category and currency from its header, per-tag values overriding', () => {
  const objects = convert('exchange-wallets-bybit.yaml');
  const [exchange] = ofType(objects, 'infrastructure');
  assert.deepEqual(exchange!.labels, ['exchange']);
  assert.deepEqual(exchange!.infrastructure_types, ['unknown']);
  const wallets = ofType(objects, 'cryptocurrency-wallet');
  assert.equal(wallets.length, distinctAddresses('exchange-wallets-bybit.yaml'));
  assert.ok(wallets.filter((w) => String(w.value).startsWith('bc1')).every((w) => w.chain === 'bitcoin'));
  assert.ok(wallets.filter((w) => String(w.value).startsWith('0x')).every((w) => w.chain === undefined));
  assertAllValid(objects);
});

test('packs with a label per tag yield one infrastructure per service', () => {
  const objects = convert('mixing_fc2021.yaml');
  const pack = parse(shipped('graphsense-tagpacks', 'mixing_fc2021.yaml')) as { tags: { label: string }[] };
  assert.equal(ofType(objects, 'infrastructure').length, new Set(pack.tags.map((t) => t.label)).size);
});

test('a tag without an address is FEED_FORMAT at its line; broken YAML too', () => {
  const text =
    'title: T\ncategory: exchange\ncurrency: BTC\nlabel: L\ntags:\n- address: 1BoatSLRHtKNngkdXEeobR76b53LETtpyT\n- label: no address\n';
  const error = feedFormatError(() => parseTagpack(text, 't.yaml'));
  assert.equal(error.place.line, 7);
  assert.equal(error.place.path, 'tags[1]');
  assert.equal(
    feedFormatError(() => parseTagpack('title: T\ntags:\n\t- address: x\n', 't.yaml')).place.line,
    3,
  );
});

test('property: on arbitrary text the TagPack parser returns tags or throws BulwarkError, nothing else', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('t', 'a', 'g', 's', ':', '-', ' ', '\n', '[', 'x', '"') }),
      (text) => {
        try {
          parseTagpack(text, 'p');
        } catch (error) {
          assert.ok(error instanceof BulwarkError, String(error));
        }
      },
    ),
  );
});
