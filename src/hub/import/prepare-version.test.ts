import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type StixObject, tlpMarkingRef } from '../../stix/index.ts';
import { prepareVersion } from './prepare-version.ts';

const ORG = 'identity--b1b1b1b1-0000-4000-8000-000000000001';
const MITRE = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';
const provenance = {
  authorOrg: ORG,
  defaultTlp: 'amber' as const,
  audience: { communities: ['c1'], orgs: [], users: [] },
  createdByRef: ORG,
};

function sdo(extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--0d5a1d2a-0000-4000-8000-000000000001',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00.000Z',
    ...extra,
  } as StixObject;
}

test('an SDO without created_by_ref gets the author organisation, and the default marking', () => {
  const row = prepareVersion(sdo(), provenance);
  const stored = JSON.parse(row.json);
  assert.equal(stored.created_by_ref, ORG);
  assert.deepEqual(stored.object_marking_refs, [tlpMarkingRef('amber')]);
  assert.equal(row.tlp, 'amber');
  assert.ok(row.refs.includes(ORG), 'the stamped reference is indexed like any other');
});

test("an object that names another creator keeps it (MITRE's stays MITRE's)", () => {
  const row = prepareVersion(sdo({ created_by_ref: MITRE }), provenance);
  assert.equal(JSON.parse(row.json).created_by_ref, MITRE);
});

test('SROs are stamped; SCOs and marking definitions are not; no createdByRef stamps nothing', () => {
  const relationship = {
    type: 'relationship',
    spec_version: '2.1',
    id: 'relationship--0d5a1d2a-0000-4000-8000-000000000002',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    relationship_type: 'indicates',
    source_ref: 'indicator--0d5a1d2a-0000-4000-8000-000000000001',
    target_ref: 'malware--0d5a1d2a-0000-4000-8000-000000000003',
  } as StixObject;
  assert.equal(JSON.parse(prepareVersion(relationship, provenance).json).created_by_ref, ORG);
  const sco = {
    type: 'ipv4-addr',
    spec_version: '2.1',
    id: 'ipv4-addr--0d5a1d2a-0000-4000-8000-000000000004',
    value: '198.51.100.7',
  } as StixObject;
  assert.equal(JSON.parse(prepareVersion(sco, provenance).json).created_by_ref, undefined);
  const { createdByRef: _, ...unstamped } = provenance;
  assert.equal(JSON.parse(prepareVersion(sdo(), unstamped).json).created_by_ref, undefined);
});

test('references to marking definitions are not indexed; every other reference is', () => {
  const row = prepareVersion(
    sdo({ object_marking_refs: [tlpMarkingRef('green')], created_by_ref: MITRE }),
    provenance,
  );
  assert.deepEqual(row.refs, [MITRE]);
  assert.ok(row.json.includes(tlpMarkingRef('green')), 'the object itself keeps its marking');
});
