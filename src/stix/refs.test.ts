import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refsOf, versionKey } from './refs.ts';

const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const MARKING = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
const FILE = 'file--e277603e-1060-5ad4-9937-c26c97f1ca68';
const MALWARE = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';

test('collects refs at every depth, each once, and ignores the object id and non-ids', () => {
  const refs = refsOf({
    type: 'sighting',
    id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
    created_by_ref: IDENTITY,
    sighting_of_ref: MALWARE,
    where_sighted_refs: [IDENTITY],
    object_marking_refs: [MARKING],
    granular_markings: [{ marking_ref: MARKING, selectors: ['description'] }],
    extensions: {
      'extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233': { sample_ref: FILE, x_ref: 'n/a' },
    },
    body_multipart: [{ body_raw_ref: FILE }],
  });
  assert.deepEqual(refs, [IDENTITY, MALWARE, MARKING, FILE]);
});

test('version keys are created/modified, null where absent', () => {
  assert.deepEqual(versionKey({ type: 'ipv4-addr', value: '1.2.3.4' }), { created: null, modified: null });
  assert.deepEqual(versionKey({ type: 'marking-definition', created: '2017-01-20T00:00:00.000Z' }), {
    created: '2017-01-20T00:00:00.000Z',
    modified: null,
  });
  assert.deepEqual(versionKey({ created: '2020-01-01T00:00:00Z', modified: '2021-01-01T00:00:00Z' }), {
    created: '2020-01-01T00:00:00Z',
    modified: '2021-01-01T00:00:00Z',
  });
});

test('refs are found below any nesting depth without overflowing the stack', () => {
  let deep: Record<string, unknown> = { sample_ref: FILE };
  for (let i = 0; i < 100_000; i++) deep = { x_next: deep };
  assert.deepEqual(refsOf({ type: 'x-deep', created_by_ref: IDENTITY, x_body: deep }), [IDENTITY, FILE]);
});
