import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTlpMarkingId, parseTlpLevel, TLP_MARKINGS, tlpLevelOf, tlpMarkingRef } from './tlp.ts';
import { validateObject } from './validate/validate-object.ts';

// Ids as OASIS publishes them (cti-stix-common-objects, tlp-2.0) and as STIX 2.1 section 7.2.1.4 fixes them.
const PUBLISHED = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const;
const TLP1_WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
const TLP1_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const TLP1_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const TLP1_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

test('TLP 2.0 references are the ids OASIS publishes', () => {
  for (const [level, id] of Object.entries(PUBLISHED)) {
    assert.equal(tlpMarkingRef(level as keyof typeof PUBLISHED), id);
  }
});

test('the published TLP 2.0 AMBER object is reproduced exactly', () => {
  const amber = TLP_MARKINGS.find((m) => m.id === PUBLISHED.amber);
  assert.deepEqual(amber, {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:AMBER',
    extensions: {
      'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
        extension_type: 'property-extension',
        tlp_2_0: 'amber',
      },
    },
  });
});

test('the TLP 1.0 markings carry the spec ids, created date and definition', () => {
  const white = TLP_MARKINGS.find((m) => m.id === TLP1_WHITE);
  assert.deepEqual(white, {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_WHITE,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: 'TLP:WHITE',
    definition: { tlp: 'white' },
  });
  for (const id of [TLP1_GREEN, TLP1_AMBER, TLP1_RED]) assert.ok(TLP_MARKINGS.some((m) => m.id === id));
  assert.equal(TLP_MARKINGS.length, 9);
});

test('every TLP marking object validates', () => {
  for (const marking of TLP_MARKINGS) {
    const result = validateObject(marking);
    assert.ok(result.ok && result.warnings.length === 0, marking.id);
  }
});

test('the level of an object is its strictest TLP marking; TLP 1.0 WHITE reads as CLEAR', () => {
  assert.equal(tlpLevelOf({ object_marking_refs: [TLP1_WHITE] }), 'clear');
  assert.equal(tlpLevelOf({ object_marking_refs: [PUBLISHED.green, TLP1_AMBER] }), 'amber');
  assert.equal(tlpLevelOf({ object_marking_refs: [PUBLISHED['amber+strict'], TLP1_AMBER] }), 'amber+strict');
  assert.equal(tlpLevelOf({ object_marking_refs: [TLP1_RED, PUBLISHED.clear] }), 'red');
  assert.equal(
    tlpLevelOf({ object_marking_refs: ['marking-definition--00000000-0000-4000-8000-000000000000'] }),
    undefined,
  );
  assert.equal(tlpLevelOf({}), undefined);
});

test('isTlpMarkingId knows both TLP versions and nothing else', () => {
  assert.ok(isTlpMarkingId(TLP1_AMBER));
  assert.ok(isTlpMarkingId(PUBLISHED.red));
  assert.ok(!isTlpMarkingId('marking-definition--00000000-0000-4000-8000-000000000000'));
});

test('TLP level names parse in their usual spellings', () => {
  assert.equal(parseTlpLevel('TLP:AMBER+STRICT'), 'amber+strict');
  assert.equal(parseTlpLevel('white'), 'clear');
  assert.equal(parseTlpLevel(' Green '), 'green');
  assert.equal(parseTlpLevel('purple'), undefined);
});
