import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertOfacList } from './ofac-list.ts';
import { assertAllValid, ofType, shipped } from './test-support.ts';
import { newReport, type StixObject } from './types.ts';

const OLD = '2024-09-27T00:35:17.000Z';
const NEW = '2024-10-15T00:00:00.000Z';
const lines = shipped('ofac-0xB10C', 'sanctioned_addresses_TRX.txt')
  .split('\n')
  .filter((l) => l.trim() !== '');

function run(list: string[], asOf: string, previous?: StixObject[]): StixObject[] {
  const options = { asset: 'TRX', asOf, ...(previous ? { previous } : {}) };
  return [...convertOfacList(list.join('\n'), options)];
}

const key = (o: StixObject) => `${o.id}|${String(o.modified)}`;

test('re-importing the same list with a later date and the previous objects yields only duplicates', () => {
  const first = run(lines, OLD);
  const again = run(lines, NEW, first);
  assert.deepEqual(new Set(again.map(key)), new Set(first.map(key)));
});

test('a changed list yields new objects for added addresses and revoked versions for removed ones, nothing else new', () => {
  const first = run(lines.slice(0, 4), OLD);
  const added = 'TYsQ9xKgbmmT3ZJqjXwmLSW5sPkJkR8N6t';
  const second = run([...lines.slice(1, 4), added], NEW, first);
  const before = new Set(first.map(key));
  const fresh = second.filter((o) => !before.has(key(o)));
  const revoked = fresh.filter((o) => o.revoked === true);
  const removed = lines[0]!.trim();
  assert.equal(revoked.length, 2, 'the indicator of the removed address and its based-on relationship');
  assert.ok(revoked.some((o) => o.type === 'indicator' && String(o.pattern).includes(removed)));
  for (const o of revoked) {
    const prior = first.find((p) => p.id === o.id)!;
    assert.ok(Date.parse(String(o.modified)) > Date.parse(String(prior.modified)));
    assert.equal(o.created, prior.created);
  }
  const unrevoked = fresh.filter((o) => o.revoked !== true);
  assert.deepEqual(unrevoked.map((o) => o.type).sort(), [
    'cryptocurrency-wallet',
    'indicator',
    'relationship',
  ]);
  const wallet = ofType(unrevoked, 'cryptocurrency-wallet')[0]!;
  assert.equal(wallet.value, added);
  assert.equal(ofType(unrevoked, 'relationship')[0]!.target_ref, wallet.id);
  assert.equal(ofType(unrevoked, 'indicator')[0]!.created, NEW);
  assertAllValid(second);
});

test('an entry whose content changed gets a new version with the same created and valid_from', () => {
  const first = run(lines.slice(0, 2), OLD);
  const edited = first.map((o) => (o.type === 'indicator' ? { ...o, description: 'old wording' } : o));
  const second = run(lines.slice(0, 2), NEW, edited);
  const indicators = ofType(second, 'indicator');
  for (const indicator of indicators) {
    assert.equal(indicator.modified, NEW);
    assert.equal(indicator.created, OLD);
    assert.equal(indicator.valid_from, OLD);
  }
});

test('a revoked version is later than the previous one even when the new list is not newer', () => {
  const first = run(lines.slice(0, 2), NEW);
  const second = run(lines.slice(1, 2), OLD, first);
  const revoked = second.filter((o) => o.revoked === true);
  assert.equal(revoked.length, 2);
  for (const o of revoked) assert.equal(o.modified, '2024-10-15T00:00:00.001Z');
});

test('an address listed again after its revocation is reported, not given a version after revocation', () => {
  const first = run(lines.slice(0, 2), OLD);
  const dropped = run(lines.slice(1, 2), NEW, first);
  const report = newReport();
  const relisted = [
    ...convertOfacList(lines.slice(0, 2).join('\n'), {
      asset: 'TRX',
      asOf: '2024-11-01T00:00:00.000Z',
      previous: [...first, ...dropped],
      report,
    }),
  ];
  assert.equal(relisted.filter((o) => o.revoked === true).length, 0);
  assert.equal(report.skipped.length, 2);
  assert.match(report.skipped[0]!.reason, /revocation/);
});

test('previous objects of another list are never revoked', () => {
  const eth = [
    ...convertOfacList(shipped('ofac-0xB10C', 'sanctioned_addresses_ETC.txt'), { asset: 'ETC', asOf: OLD }),
  ];
  const trx = run(lines, NEW, eth);
  assert.equal(trx.filter((o) => o.revoked === true).length, 0);
});
