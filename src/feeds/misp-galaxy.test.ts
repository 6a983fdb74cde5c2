import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertAttackBundle } from './attack-bundle.ts';
import { TRADERTRAITOR } from './dprk-groups.ts';
import { groupAliasIndex, normaliseTerm } from './group-terms.ts';
import { parseMispGalaxy } from './misp-entries.ts';
import { convertMispGalaxy } from './misp-galaxy.ts';
import { assertAllValid, feedFormatError, ofType, shipped } from './test-support.ts';
import { newReport, type StixObject } from './types.ts';

const AS_OF = '2026-08-06T20:06:15.000Z';
const GALAXY = shipped('misp-galaxy-dprk', 'threat-actor-dprk.json');
const ENTRIES = parseMispGalaxy(GALAXY, 'galaxy');
const ATTACK = [...convertAttackBundle(shipped('attack-dprk', 'bundle.json'))];
const ATTACK_GROUPS = ofType(ATTACK, 'intrusion-set');

function convert(): StixObject[] {
  return [...convertMispGalaxy(GALAXY, { asOf: AS_OF, attackGroups: ATTACK_GROUPS })];
}

const MISP = convert();
const index = groupAliasIndex([...ATTACK_GROUPS, ...MISP]);
const attackNames = new Map<string, string>();
for (const g of ATTACK_GROUPS) {
  if (g.revoked === true) continue;
  for (const t of [g.name, ...(g.aliases as string[])]) attackNames.set(normaliseTerm(String(t)), g.id);
}

test('every MISP entry becomes exactly one note on an ATT&CK group or one intrusion-set of its own', () => {
  const notes = ofType(MISP, 'note');
  const own = ofType(MISP, 'intrusion-set');
  assert.equal(notes.length + own.length, ENTRIES.length);
  for (const note of notes) assert.ok(ATTACK_GROUPS.some((g) => g.id === (note.object_refs as string[])[0]));
  assertAllValid(MISP);
});

test('no duplicate group for one real-world actor: no own group bears an ATT&CK group’s name or alias', () => {
  for (const group of ofType(MISP, 'intrusion-set')) {
    for (const name of [group.name, ...(group.aliases as string[])]) {
      assert.equal(
        attackNames.get(normaliseTerm(String(name))),
        undefined,
        `${group.name} repeats ATT&CK's ${name}`,
      );
    }
  }
  for (const entry of ENTRIES) {
    if (attackNames.has(normaliseTerm(entry.value))) {
      assert.ok(!ofType(MISP, 'intrusion-set').some((g) => g.name === entry.value), entry.value);
    }
  }
  for (const [term, ids] of index) assert.equal(ids.size, 1, `${term} names ${[...ids].join(', ')}`);
});

test('every MISP value and synonym finds exactly one group', () => {
  for (const entry of ENTRIES) {
    for (const term of [entry.value, ...entry.synonyms]) {
      const ids = index.get(normaliseTerm(term));
      assert.equal(ids?.size, 1, `"${term}" of ${entry.value}`);
    }
  }
});

test('an analyst finds BlueNoroff in APT38, Jade Sleet in TraderTraitor, Famous Chollima in one group', () => {
  const apt38 = ATTACK_GROUPS.find((g) => g.name === 'APT38')!.id;
  assert.deepEqual([...index.get('bluenoroff')!], [apt38]);
  assert.deepEqual([...index.get(normaliseTerm('Sapphire Sleet'))!], [apt38]);
  assert.deepEqual([...index.get(normaliseTerm('Jade Sleet'))!], [TRADERTRAITOR]);
  assert.deepEqual([...index.get(normaliseTerm('UNC4899'))!], [TRADERTRAITOR]);
  assert.equal(index.get(normaliseTerm('Famous Chollima'))!.size, 1);
  const tradertraitor = MISP.find((o) => o.id === TRADERTRAITOR)!;
  assert.equal(tradertraitor.name, 'TraderTraitor');
});

test('MISP’s broad Lazarus entry does not pull Andariel or APT38 into Lazarus Group', () => {
  const lazarus = ATTACK_GROUPS.find((g) => g.name === 'Lazarus Group')!.id;
  assert.notDeepEqual([...index.get('andariel')!], [lazarus]);
  assert.notDeepEqual([...index.get('apt38')!], [lazarus]);
  assert.deepEqual([...index.get(normaliseTerm('Hastati Group'))!], [lazarus]);
});

test('MISP related links become one related-to per pair of groups, and the report names alias conflicts', () => {
  const report = newReport();
  const objects = [...convertMispGalaxy(GALAXY, { asOf: AS_OF, attackGroups: ATTACK_GROUPS, report })];
  const pairs = ofType(objects, 'relationship').map((r) => [r.source_ref, r.target_ref].sort().join('|'));
  assert.equal(new Set(pairs).size, pairs.length);
  assert.ok(ofType(objects, 'relationship').every((r) => r.relationship_type === 'related-to'));
  assert.ok(pairs.some((p) => p.includes(TRADERTRAITOR)));
  assert.ok(report.warnings.some((w) => w.includes('operationtroy')));
});

test('two runs yield identical objects', () => {
  assert.deepEqual(convert(), MISP);
});

test('an entry without uuid is FEED_FORMAT naming its path', () => {
  const error = feedFormatError(() => [
    ...convertMispGalaxy(JSON.stringify({ values: [{ value: 'X' }] }), { asOf: AS_OF, attackGroups: [] }),
  ]);
  assert.equal(error.place.path, 'values[0]');
});
