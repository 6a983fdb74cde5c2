import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { patternValues, tlpMarkingRef, validateObject } from '../../stix/index.ts';
import { incidentObjects, observableOf, patternOf, VALUE_TYPES } from './incident-objects.ts';

test('a pattern built from any value parses back to exactly that value (quotes and backslashes cannot inject)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...VALUE_TYPES),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      (type, value) => {
        const values = patternValues(patternOf(type, value));
        assert.equal(values.length, 1);
        assert.equal(values[0]!.value, value);
        assert.equal(values[0]!.objectType, type.startsWith('file:') ? 'file' : type);
      },
    ),
    { numRuns: 2000 },
  );
});

test('the same observable gets the same id, so a resubmission is a duplicate, not a new object', () => {
  const marking = tlpMarkingRef('green');
  const a = observableOf('ipv4-addr', '192.0.2.1', marking);
  const b = observableOf('ipv4-addr', '192.0.2.1', marking);
  assert.equal(a.id, b.id);
  assert.match(a.id as string, /^ipv4-addr--[0-9a-f-]{36}$/);
});

test('every object of a report is valid STIX, marked, and the report names them all once', () => {
  const objects = incidentObjects(
    {
      name: "O'Brien's \\ heist",
      tlp: 'amber+strict',
      indicators: [
        { type: 'file:md5', value: 'D41D8CD98F00B204E9800998ECF8427E' },
        { pattern: "[url:value = 'http://x.example/']" },
      ],
      observables: [
        { type: 'domain-name', value: 'x.example' },
        { type: 'domain-name', value: 'x.example' },
      ],
    },
    '2026-02-03T04:05:06.789Z',
  );
  const all = [
    objects.incident,
    ...objects.indicators,
    ...objects.observables,
    ...objects.relationships,
    objects.report,
  ];
  for (const object of all) assert.equal(validateObject(object).ok, true, JSON.stringify(object));
  assert.equal(objects.observables.length, 1);
  const refs = objects.report.object_refs as string[];
  assert.equal(new Set(refs).size, refs.length);
  assert.equal(refs.length, all.length - 1);
  assert.ok(objects.relationships.every((r) => r.relationship_type === 'related-to'));
});
