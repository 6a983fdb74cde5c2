import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertAttackBundle } from './attack-bundle.ts';
import { assertAllValid, feedFormatError, ofType, shipped } from './test-support.ts';
import { newReport, type StixObject } from './types.ts';

const TEXT = shipped('attack-dprk', 'bundle.json');
const SOURCE = (JSON.parse(TEXT) as { objects: StixObject[] }).objects;

test('every object of the bundle passes through with its id and version, and validates', () => {
  const report = newReport();
  const objects = [...convertAttackBundle(TEXT, { report })];
  assert.equal(objects.length, SOURCE.length);
  assert.deepEqual(
    objects.map((o) => `${o.id}|${String(o.modified ?? o.created)}`),
    SOURCE.map((o) => `${o.id}|${String(o.modified ?? o.created)}`),
  );
  assertAllValid(objects);
  const expected: Record<string, number> = {};
  for (const o of SOURCE) expected[o.type] = (expected[o.type] ?? 0) + 1;
  assert.deepEqual(report.counts, expected);
});

test('the DPRK subset holds the nine intrusion sets, MITRE’s identity and its marking', () => {
  const objects = [...convertAttackBundle(TEXT)];
  const names = ofType(objects, 'intrusion-set').map((g) => g.name);
  assert.equal(names.length, 9);
  for (const name of ['Lazarus Group', 'APT38', 'Kimsuky', 'Andariel', 'APT37', 'AppleJeus'])
    assert.ok(names.includes(name));
  assert.equal(ofType(objects, 'identity')[0]!.name, 'The MITRE Corporation');
  assert.equal(ofType(objects, 'marking-definition').length, 1);
});

test('malware without is_family (STIX 2.0 heritage) gets is_family true and the report counts it', () => {
  const report = newReport();
  const malware = ofType([...convertAttackBundle(TEXT, { report })], 'malware');
  const lacking = SOURCE.filter((o) => o.type === 'malware' && o.is_family === undefined).length;
  assert.ok(malware.every((m) => m.is_family === true));
  assert.ok(report.warnings.some((w) => w.startsWith(`${lacking} malware`)));
  assert.equal(malware.length, SOURCE.filter((o) => o.type === 'malware').length);
});

test('an object that is not STIX 2.1 is FEED_FORMAT naming its index', () => {
  const bundle = {
    type: 'bundle',
    id: 'bundle--00000000-0000-4000-8000-000000000000',
    objects: [SOURCE[0], { ...SOURCE[1], spec_version: '2.0' }],
  };
  const error = feedFormatError(() => [...convertAttackBundle(JSON.stringify(bundle))]);
  assert.equal(error.place.path, 'objects[1]');
});

test('a truncated bundle is FEED_FORMAT with a line', () => {
  const cut = TEXT.slice(0, 5000);
  const error = feedFormatError(() => [...convertAttackBundle(cut, { source: 'bundle.json' })]);
  assert.ok(error.place.line! >= 1);
  assert.equal(error.place.source, 'bundle.json');
});
