import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BulwarkError } from '../errors/index.ts';
import { convertOfacList, parseOfacList } from './ofac-list.ts';
import { assertAllValid, feedFormatError, ofType, shipped } from './test-support.ts';
import type { StixObject } from './types.ts';

const AS_OF = '2024-09-27T00:35:17.000Z';
const ETH = shipped('ofac-0xB10C', 'sanctioned_addresses_ETH.txt');
const ethLines = ETH.split('\n').filter((l) => l.trim() !== '');

function convert(text: string, asset: string, asOf = AS_OF): StixObject[] {
  return [...convertOfacList(text, { asset, asOf, source: `sanctioned_addresses_${asset}.txt` })];
}

test('the ETH list yields one wallet, one indicator and one based-on per listed address, all valid', () => {
  const objects = convert(ETH, 'ETH');
  assert.equal(ofType(objects, 'cryptocurrency-wallet').length, ethLines.length);
  assert.equal(ofType(objects, 'indicator').length, ethLines.length);
  assert.equal(
    ofType(objects, 'relationship').filter((r) => r.relationship_type === 'based-on').length,
    ethLines.length,
  );
  assertAllValid(objects);
  const first = ethLines[0]!.trim().toLowerCase();
  const indicator = ofType(objects, 'indicator').find((i) => String(i.pattern).includes(first))!;
  assert.equal(indicator.pattern, `[cryptocurrency-wallet:value = '${first}']`);
  assert.equal(indicator.valid_from, AS_OF);
  assert.deepEqual(indicator.indicator_types, ['malicious-activity']);
  assert.match(String(indicator.name), /OFAC SDN ETH/);
});

test('every object is authored by the OFAC reference identity and marked TLP:CLEAR', () => {
  const objects = convert(ETH, 'ETH');
  const [author] = ofType(objects, 'identity');
  for (const object of objects) {
    assert.deepEqual(object.object_marking_refs, [
      'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
    ]);
    if (object.type !== 'cryptocurrency-wallet' && object.type !== 'identity') {
      assert.equal(object.created_by_ref, author!.id);
    }
  }
});

test('USDT addresses take the chain their format shows; EVM addresses name none (one account on every EVM chain)', () => {
  const text = `${shipped('ofac-0xB10C', 'sanctioned_addresses_USDT.txt')}`;
  const chains = new Map(
    ofType(convert(text, 'USDT'), 'cryptocurrency-wallet').map((w) => [w.value, w.chain]),
  );
  for (const [value, chain] of chains) {
    const expected = String(value).startsWith('0x')
      ? undefined
      : String(value).startsWith('T')
        ? 'tron'
        : 'bitcoin';
    assert.equal(chain, expected, String(value));
  }
  assert.equal(new Set(chains.values()).size, 3);
});

test('asset codes map to chains: XBT bitcoin, TRX tron, LTC litecoin; BSC and ETH wallets name no chain', () => {
  const chainOf = (asset: string) =>
    ofType(
      convert(shipped('ofac-0xB10C', `sanctioned_addresses_${asset}.txt`), asset),
      'cryptocurrency-wallet',
    )[0]!.chain;
  assert.equal(chainOf('XBT'), 'bitcoin');
  assert.equal(chainOf('TRX'), 'tron');
  assert.equal(chainOf('LTC'), 'litecoin');
  assert.equal(chainOf('BSC'), undefined);
  assert.equal(chainOf('ETH'), undefined);
});

test('the JSON form of a list yields the same objects as the text form', () => {
  const json = JSON.stringify(
    ethLines.map((l) => l.trim()),
    null,
    2,
  );
  assert.deepEqual(convert(json, 'ETH'), convert(ETH, 'ETH'));
});

test('two runs yield identical objects (deterministic ids and timestamps)', () => {
  assert.deepEqual(convert(ETH, 'ETH'), convert(ETH, 'ETH'));
});

test('a malformed line is FEED_FORMAT with its line number', () => {
  const text = `${ethLines[0]}\n${ethLines[1]}\nnot an address!\n`;
  const error = feedFormatError(() => convert(text, 'ETH'));
  assert.equal(error.place.line, 3);
  assert.equal(error.place.source, 'sanctioned_addresses_ETH.txt');
});

test('a truncated JSON list is FEED_FORMAT with a line inside the text', () => {
  const json = JSON.stringify(ethLines.slice(0, 5), null, 2);
  const cut = json.slice(0, json.length - 30);
  const error = feedFormatError(() => convert(cut, 'ETH'));
  assert.ok(error.place.line! >= 1 && error.place.line! <= cut.split('\n').length, String(error.place.line));
});

test('a list whose asset is neither given nor in the file name is FEED_FORMAT', () => {
  feedFormatError(() => [...convertOfacList(ETH, { asOf: AS_OF, source: 'list.txt' })]);
});

test('property: on arbitrary text the parser yields addresses or throws BulwarkError, nothing else', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.string({ unit: fc.constantFrom('0', 'x', 'a', '\n', '[', '"', ']', ',', ' ') }),
      ),
      (text) => {
        try {
          for (const { address, line } of parseOfacList(text, 'p')) {
            assert.match(address, /^[A-Za-z0-9]+$/);
            assert.ok(line >= 1);
          }
        } catch (error) {
          assert.ok(error instanceof BulwarkError, String(error));
        }
      },
    ),
  );
});

test('property: reordering or repeating the lines of a list changes no object', () => {
  const sample = ethLines.slice(0, 12);
  const byId = (objects: StixObject[]) => new Map(objects.map((o) => [o.id, JSON.stringify(o)]));
  const reference = byId(convert(sample.join('\n'), 'ETH'));
  fc.assert(
    fc.property(
      fc.shuffledSubarray(sample, { minLength: sample.length }),
      fc.nat(sample.length - 1),
      (order, k) => {
        const text = [...order, sample[k]!].join('\r\n');
        assert.deepEqual(byId(convert(text, 'ETH')), reference);
      },
    ),
    { numRuns: 30 },
  );
});
