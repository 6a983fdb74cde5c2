import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertAttackBundle } from './attack-bundle.ts';
import { csvRows } from './csv.ts';
import { APT38, LAZARUS_GROUP, TRADERTRAITOR } from './dprk-groups.ts';
import { convertHeistAddresses } from './heist-addresses.ts';
import { convertMispGalaxy } from './misp-galaxy.ts';
import { assertAllValid, feedFormatError, ofType, shipped } from './test-support.ts';
import type { StixObject } from './types.ts';

const AS_OF = '2025-02-26T00:00:00.000Z';
const CSV = shipped('dprk-heists', 'dprk_heist_addresses.csv');
const HEADER = ['chain', 'address', 'incident', 'incident_date', 'role', 'attribution_source', 'source_url'];
const ROWS = [...csvRows(CSV, 'csv', HEADER)].map((r) => r.row);
const VICTIMS = ROWS.filter((r) => r.role!.startsWith('VICTIM')).map((r) => r.address!.toLowerCase());
const OBJECTS = [...convertHeistAddresses(CSV, { asOf: AS_OF, source: 'heists.csv' })];

function indicatorFor(address: string): StixObject | undefined {
  return ofType(OBJECTS, 'indicator').find((i) => String(i.pattern).includes(`'${address}'`));
}

test('every attacker row yields one indicator and every row one wallet, all valid', () => {
  assert.equal(ofType(OBJECTS, 'cryptocurrency-wallet').length, ROWS.length);
  assert.equal(ofType(OBJECTS, 'indicator').length, ROWS.length - VICTIMS.length);
  assertAllValid(OBJECTS);
});

test('victim addresses are never indicators: each is a wallet with a note labelled victim', () => {
  assert.ok(VICTIMS.length >= 3);
  for (const victim of VICTIMS) {
    assert.equal(indicatorFor(victim), undefined, victim);
    const wallet = ofType(OBJECTS, 'cryptocurrency-wallet').find((w) => w.value === victim)!;
    const note = ofType(OBJECTS, 'note').find((n) => (n.object_refs as string[]).includes(wallet.id))!;
    assert.deepEqual(note.labels, ['victim']);
  }
});

test('a victim listed again as an attacker in another row still gets no indicator', () => {
  const victim = ROWS.find((r) => r.role!.startsWith('VICTIM'))!;
  const extra = `ETH,${victim.address},Bybit,2025-02-21,laundering,tayvano,`;
  const objects = [...convertHeistAddresses(`${CSV.trimEnd()}\n${extra}\n`, { asOf: AS_OF })];
  assert.ok(
    !ofType(objects, 'indicator').some((i) => String(i.pattern).includes(victim.address!.toLowerCase())),
  );
});

test('the two label conflicts keep an indicator at lower confidence with a note stating both labels', () => {
  const conflicts = [
    '0x5b5082214d62585d686850ab8d9e3f6b6a5c58ff',
    '0x036587e77eabe6a7e181886a5a6ed10dc25654f9',
  ];
  for (const address of conflicts) {
    const indicator = indicatorFor(address)!;
    assert.equal(indicator.confidence, 50);
    const note = ofType(OBJECTS, 'note').find((n) => (n.object_refs as string[]).includes(indicator.id))!;
    assert.deepEqual(note.labels, ['label-conflict']);
    assert.match(String(note.content), /Ronin Bridge Exploiter [37]/);
    assert.match(String(note.content), /deposit/);
  }
  const others = ofType(OBJECTS, 'indicator').filter(
    (i) => !conflicts.some((c) => String(i.pattern).includes(c)),
  );
  assert.ok(others.every((i) => i.confidence === 85 || i.confidence === 70));
});

test('each heist is one campaign attributed as the FBI said: Bybit to TraderTraitor, the others to Lazarus Group', () => {
  const campaigns = ofType(OBJECTS, 'campaign');
  assert.equal(campaigns.length, new Set(ROWS.map((r) => r.incident)).size);
  const attributed = (name: string) => {
    const campaign = campaigns.find((c) => c.name === `${name} heist`)!;
    return ofType(OBJECTS, 'relationship')
      .filter((r) => r.source_ref === campaign.id && r.relationship_type === 'attributed-to')
      .map((r) => r.target_ref);
  };
  assert.deepEqual(attributed('Bybit'), [TRADERTRAITOR]);
  assert.deepEqual(attributed('Ronin Bridge'), [LAZARUS_GROUP]);
  assert.deepEqual(attributed('Harmony Horizon Bridge'), [LAZARUS_GROUP, APT38]);
  assert.deepEqual(attributed('Stake.com'), [LAZARUS_GROUP]);
  const ronin = campaigns.find((c) => c.name === 'Ronin Bridge heist')!;
  assert.equal(ronin.first_seen, '2022-03-23T00:00:00.000Z');
});

test('the groups the heists are attributed to exist in the converted ATT&CK and MISP data', () => {
  const attack = [...convertAttackBundle(shipped('attack-dprk', 'bundle.json'))];
  const groups = ofType(attack, 'intrusion-set');
  const misp = [
    ...convertMispGalaxy(shipped('misp-galaxy-dprk', 'threat-actor-dprk.json'), {
      asOf: AS_OF,
      attackGroups: groups,
    }),
  ];
  const ids = new Set([...attack, ...misp].map((o) => o.id));
  for (const r of ofType(OBJECTS, 'relationship').filter((r) => r.relationship_type === 'attributed-to')) {
    assert.ok(ids.has(String(r.target_ref)), String(r.target_ref));
  }
});

test('an indicator is valid from its heist’s date and points at its campaign', () => {
  const bybit = ROWS.find((r) => r.incident === 'Bybit' && !r.role!.startsWith('VICTIM'))!;
  const indicator = indicatorFor(bybit.address!.toLowerCase())!;
  assert.equal(indicator.valid_from, '2025-02-21T00:00:00.000Z');
  const campaign = ofType(OBJECTS, 'campaign').find((c) => c.name === 'Bybit heist')!;
  assert.ok(
    OBJECTS.some(
      (o) =>
        o.source_ref === indicator.id && o.relationship_type === 'indicates' && o.target_ref === campaign.id,
    ),
  );
});

test('two runs yield identical objects', () => {
  assert.deepEqual([...convertHeistAddresses(CSV, { asOf: AS_OF, source: 'heists.csv' })], OBJECTS);
});

test('a malformed CSV line is FEED_FORMAT with its line number', () => {
  const lines = CSV.split('\n');
  lines.splice(4, 0, 'ETH,0xabc,"Bybit,2025-02-21,role');
  assert.equal(
    feedFormatError(() => [...convertHeistAddresses(lines.join('\n'), { asOf: AS_OF })]).place.line,
    5,
  );
  const badChain = `${lines[0]}\nDOGE,D8vFz4p1L37jdg47HXKtSHA5uYLYxbGgPD,X,2024-01-01,theft,tayvano,\n`;
  const error = feedFormatError(() => [...convertHeistAddresses(badChain, { asOf: AS_OF })]);
  assert.equal(error.place.line, 2);
  assert.match(error.hint ?? '', /ETH/);
});
