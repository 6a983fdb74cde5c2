import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveScoId } from '../ids.ts';
import { CUSTOM_SCO_DEFINITIONS } from '../registry/index.ts';
import { type ValidationResult, validateObject } from './validate-object.ts';

const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  indicator_types: ['malicious-activity'],
  name: 'Poison Ivy Malware',
  pattern: "[ file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' ]",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
};

function errorsOf(
  result: ValidationResult,
): { path: string | undefined; rule: string | undefined; code: string }[] {
  assert.equal(result.ok, false, 'expected the object to be rejected');
  return result.ok ? [] : result.errors.map((e) => ({ path: e.place.path, rule: e.rule, code: e.code }));
}

function assertError(input: unknown, path: string | undefined, rule: string): void {
  const errors = errorsOf(validateObject(input));
  assert.ok(
    errors.some((e) => e.path === path && e.rule === rule),
    `no ${rule} at ${path}: ${JSON.stringify(errors)}`,
  );
}

function warningsOf(input: unknown): string[] {
  const result = validateObject(input);
  assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.errors.map((e) => e.toJSON())));
  return result.ok ? result.warnings : [];
}

test('a spec example indicator validates without warnings and is returned as is', () => {
  const result = validateObject(INDICATOR);
  assert.ok(result.ok);
  assert.equal(result.object, INDICATOR);
  assert.deepEqual(result.warnings, []);
});

test('errors name the object, the nested property path and the rule', () => {
  const result = validateObject({
    ...INDICATOR,
    kill_chain_phases: [
      { kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' },
      { kill_chain_name: 'x' },
    ],
    external_references: [{ source_name: 'a', url: 'https://example.org' }, { url: 'https://example.org' }],
  });
  assert.ok(!result.ok);
  const paths = result.errors.map((e) => e.place.path);
  assert.ok(paths.includes('kill_chain_phases[1].phase_name'));
  assert.ok(paths.includes('external_references[1].source_name'));
  for (const error of result.errors) {
    assert.equal(error.code, 'BULWARK_E_STIX_INVALID');
    assert.equal(error.place.objectId, INDICATOR.id);
  }
});

test('an external reference needs a description, url or external_id', () => {
  assertError(
    { ...INDICATOR, external_references: [{ source_name: 'cve' }] },
    'external_references[0]',
    'external-reference',
  );
});

test('ids must be type--RFC 4122 uuid with the object type as prefix', () => {
  assertError({ ...INDICATOR, id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }, 'id', 'identifier');
  assertError({ ...INDICATOR, id: 'indicator--001' }, 'id', 'identifier');
  assertError({ ...INDICATOR, id: 'indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f' }, 'id', 'uuid');
  assert.ok(
    validateObject({ ...INDICATOR, id: 'indicator--8e2e2d2b-17d4-5cbf-938f-98ee46b3cd3f' }).ok,
    'v5 is accepted',
  );
});

test('timestamps must be RFC 3339 UTC and modified must not precede created', () => {
  assertError({ ...INDICATOR, created: '2016-04-06 20:03:48' }, 'created', 'timestamp');
  assertError({ ...INDICATOR, modified: '2016-04-06T20:03:47.999Z' }, 'modified', 'modified-before-created');
  assert.ok(
    validateObject({ ...INDICATOR, modified: '2016-04-06T20:03:48Z' }).ok,
    'same instant, other precision',
  );
});

test('spec_version 2.1 is required on SDOs and optional on SCOs', () => {
  const { spec_version: _, ...withoutVersion } = INDICATOR;
  assertError(withoutVersion, 'spec_version', 'spec_version');
  assertError({ ...INDICATOR, spec_version: '2.0' }, 'spec_version', 'spec_version');
  const ip = { type: 'ipv4-addr', value: '198.51.100.3' };
  assert.ok(validateObject({ ...ip, id: deriveScoId(ip) }).ok);
});

test('indicator rules: valid_until after valid_from, pattern and pattern_type required', () => {
  assertError({ ...INDICATOR, valid_until: INDICATOR.valid_from }, 'valid_until', 'order');
  const { pattern: _, ...noPattern } = INDICATOR;
  assertError(noPattern, 'pattern', 'required');
  assert.ok(
    validateObject({ ...INDICATOR, pattern_type: 'my-own-language' }).ok,
    'pattern_type is an open vocabulary',
  );
  assertError({ ...INDICATOR, pattern_type: 7 }, 'pattern_type', 'vocab');
});

test('confidence is 0..100 and labels a list of strings', () => {
  assertError({ ...INDICATOR, confidence: 101 }, 'confidence', 'range');
  assertError({ ...INDICATOR, confidence: 5.5 }, 'confidence', 'type');
  assertError({ ...INDICATOR, labels: ['a', 3] }, 'labels[1]', 'type');
});

test('custom properties need lowercase names of 3 to 250 characters', () => {
  assert.ok(validateObject({ ...INDICATOR, x_acme_score: 3, acme_score: 4 }).ok);
  assertError({ ...INDICATOR, 'x-acme-score': 3 }, 'x-acme-score', 'custom-property-name');
  assertError({ ...INDICATOR, xY: 3 }, 'xY', 'custom-property-name');
  assertError({ ...INDICATOR, ab: 3 }, 'ab', 'custom-property-name');
});

test('markings: object_marking_refs name marking-definitions, granular markings need marking_ref or lang', () => {
  assertError(
    { ...INDICATOR, object_marking_refs: ['identity--f431f809-377b-45e0-aa1c-6a4751cae5ff'] },
    'object_marking_refs[0]',
    'identifier',
  );
  assertError(
    { ...INDICATOR, granular_markings: [{ selectors: ['name'] }] },
    'granular_markings[0]',
    'granular-marking',
  );
  assert.ok(
    validateObject({
      ...INDICATOR,
      granular_markings: [
        { selectors: ['name'], marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da' },
      ],
    }).ok,
  );
});

test('extension keys are extension-definition ids or predefined extensions of the type', () => {
  assertError({ ...INDICATOR, extensions: { 'my-thing': {} } }, 'extensions.my-thing', 'extensions');
  assertError(
    {
      ...INDICATOR,
      extensions: { 'extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233': { extension_type: 'odd' } },
    },
    'extensions.extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233.extension_type',
    'enum',
  );
  const file = { type: 'file', name: 'a.zip', extensions: { 'archive-ext': { contains_refs: [] } } };
  assert.ok(validateObject({ ...file, id: deriveScoId(file) }).ok);
});

const SIGHTING = {
  type: 'sighting',
  spec_version: '2.1',
  id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
  created: '2016-04-06T20:08:31.000Z',
  modified: '2016-04-06T20:08:31.000Z',
  sighting_of_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
};

test('sightings: an SDO sighted, count in range, first_seen not after last_seen', () => {
  assert.ok(validateObject(SIGHTING).ok);
  assertError(
    { ...SIGHTING, sighting_of_ref: 'relationship--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
    'sighting_of_ref',
    'identifier',
  );
  assertError({ ...SIGHTING, count: 1_000_000_000 }, 'count', 'range');
  assertError(
    { ...SIGHTING, first_seen: '2020-01-02T00:00:00Z', last_seen: '2020-01-01T00:00:00Z' },
    'last_seen',
    'order',
  );
});

test('relationships need source_ref and target_ref', () => {
  const relationship = {
    type: 'relationship',
    spec_version: '2.1',
    id: 'relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e',
    created: '2016-04-06T20:06:37.000Z',
    modified: '2016-04-06T20:06:37.000Z',
    relationship_type: 'indicates',
    source_ref: INDICATOR.id,
  };
  assertError(relationship, 'target_ref', 'required');
  assert.ok(
    validateObject({ ...relationship, target_ref: 'x-acme-thing--31b940d4-6f7f-459a-80ea-9c1f17b5891b' }).ok,
  );
});

test('a wrongly derived SCO id is a warning, not an error', () => {
  const warnings = warningsOf({
    type: 'ipv4-addr',
    spec_version: '2.1',
    id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
    value: '198.51.100.3',
  });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^id: .*\[id-contributing\]$/);
});

test('custom SCOs validate with or without their extension entry, and their definitions load', () => {
  const wallet = {
    type: 'cryptocurrency-wallet',
    value: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    x_opencti_score: 80,
  };
  assert.deepEqual(warningsOf({ ...wallet, id: deriveScoId(wallet) }), []);
  const withExtension = {
    ...wallet,
    extensions: {
      'extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233': { extension_type: 'new-sco' },
    },
  };
  assert.deepEqual(warningsOf({ ...withExtension, id: deriveScoId(wallet) }), []);
  const tx = { type: 'cryptocurrency-transaction', value: '0xabc', amount: '1.5e3' };
  assertError({ ...tx, id: deriveScoId(tx) }, 'amount', 'decimal');
  const account = { type: 'bank-account', holder_name: 'Someone' };
  assertError({ ...account, id: deriveScoId(account) }, 'iban', 'required');
  for (const object of CUSTOM_SCO_DEFINITIONS) assert.deepEqual(warningsOf(object), []);
});

test('unknown types: x- or extension-declared ones pass with a warning, others are STIX_UNKNOWN_TYPE', () => {
  const id = '31b940d4-6f7f-459a-80ea-9c1f17b5891b';
  assert.equal(warningsOf({ type: 'x-acme-widget', id: `x-acme-widget--${id}`, colour: 'red' }).length, 1);
  const declared = {
    type: 'acme-widget',
    id: `acme-widget--${id}`,
    extensions: {
      'extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233': { extension_type: 'new-sdo' },
    },
  };
  assert.equal(warningsOf(declared).length, 1);
  const errors = errorsOf(validateObject({ type: 'acme-widget', id: `acme-widget--${id}` }));
  assert.deepEqual(errors, [{ path: 'type', rule: 'unknown-type', code: 'BULWARK_E_STIX_UNKNOWN_TYPE' }]);
});

test('empty lists pass with a warning', () => {
  const warnings = warningsOf({ ...INDICATOR, labels: [] });
  assert.deepEqual(warnings, ['labels: an empty list should be omitted [empty-list]']);
});

test('marking definitions: a TLP 1.0 definition must name a TLP 1.0 level', () => {
  assertError(
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      definition: { tlp: 'clear' },
    },
    'definition.tlp',
    'enum',
  );
});

test('non-objects and objects without a type are rejected, not thrown', () => {
  assertError([INDICATOR], undefined, 'type');
  assertError({ id: INDICATOR.id }, 'type', 'required');
  assertError({ type: 'Indicator', id: INDICATOR.id }, 'type', 'type');
});

test('a STIX-language pattern must parse; the error says where', () => {
  const errors = errorsOf(validateObject({ ...INDICATOR, pattern: "[ipv4-addr:value = '1.2.3.4'" }));
  assert.deepEqual(errors, [{ path: 'pattern', rule: 'pattern', code: 'BULWARK_E_STIX_INVALID' }]);
  const result = validateObject({ ...INDICATOR, pattern: '[ipv4-addr:value = ' });
  assert.ok(!result.ok && /offset \d+/.test(result.errors[0]!.message));
  assert.ok(validateObject({ ...INDICATOR, pattern_type: 'yara', pattern: 'rule x { condition: true }' }).ok);
});

test('malware without is_family (as MITRE ATT&CK writes it) passes with a warning', () => {
  const malware = {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    created: '2016-04-06T20:07:09.000Z',
    modified: '2016-04-06T20:07:09.000Z',
    name: 'Poison Ivy',
  };
  assert.deepEqual(warningsOf(malware), ['is_family: is_family is required by STIX 2.1 [required]']);
  assertError({ ...malware, is_family: true, name: undefined }, 'name', 'required');
});

test('absurdly deep extension bodies do not make validation throw', () => {
  let deep: Record<string, unknown> = { x_leaf: 1 };
  for (let i = 0; i < 100_000; i++) deep = { x_next: deep };
  const file = {
    type: 'file',
    id: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68',
    name: 'a',
    extensions: { 'extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233': deep },
  };
  assert.equal(typeof validateObject(file).ok, 'boolean');
});
