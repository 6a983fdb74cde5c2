import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertAttackBundle } from './attack-bundle.ts';
import { LAZARUS_GROUP } from './dprk-groups.ts';
import { convertOfacEntities } from './ofac-entities.ts';
import { assertAllValid, feedFormatError, ofType, shipped } from './test-support.ts';
import type { StixObject } from './types.ts';

const AS_OF = '2026-06-25T18:25:07.000Z';
const CSV = shipped('ofac-ultrasoundmoney', 'data.csv');
const ROWS = CSV.trim()
  .split('\n')
  .slice(1)
  .map((l) => ({ address: l.slice(0, 42).toLowerCase(), name: l.slice(44, -1) }));

function convert(text = CSV): StixObject[] {
  return [...convertOfacEntities(text, { asOf: AS_OF, source: 'data.csv' })];
}

test('each row yields a wallet and an indicator that indicates the designated entity, all valid', () => {
  const objects = convert();
  assert.equal(ofType(objects, 'indicator').length, ROWS.length);
  assert.equal(ofType(objects, 'cryptocurrency-wallet').length, ROWS.length);
  const indicates = ofType(objects, 'relationship').filter((r) => r.relationship_type === 'indicates');
  assert.equal(indicates.length, ROWS.length);
  assertAllValid(objects);
});

test('LAZARUS GROUP rows indicate ATT&CK’s Lazarus Group (G0032), not a second actor', () => {
  const objects = convert();
  const attack = [...convertAttackBundle(shipped('attack-dprk', 'bundle.json'))];
  assert.equal(attack.find((o) => o.id === LAZARUS_GROUP)?.name, 'Lazarus Group');
  const lazarusRows = ROWS.filter((r) => r.name === 'LAZARUS GROUP');
  const toLazarus = ofType(objects, 'relationship').filter((r) => r.target_ref === LAZARUS_GROUP);
  assert.equal(toLazarus.length, lazarusRows.length);
  assert.ok(!ofType(objects, 'threat-actor').some((t) => /lazarus/i.test(String(t.name))));
});

test('every other designated name is one threat-actor', () => {
  const names = new Set(ROWS.map((r) => r.name).filter((n) => n !== 'LAZARUS GROUP'));
  const actors = ofType(convert(), 'threat-actor');
  assert.deepEqual(new Set(actors.map((a) => a.name)), names);
  assert.equal(actors.length, names.size);
});

test('a row that is not an Ethereum address is FEED_FORMAT at its line', () => {
  const text = `address,name\n${CSV.split('\n')[1]}\n0xnothex,"X"\n`;
  assert.equal(feedFormatError(() => convert(text)).place.line, 3);
});
