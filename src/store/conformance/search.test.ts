import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachBackend } from './backends.ts';
import { ALL, instant, member, version } from './fixtures.ts';

test(
  'findByValue returns the latest version of objects named by the value and of objects referencing them',
  eachBackend(async (store) => {
    const ip = version({
      type: 'ipv4-addr',
      modified: null,
      terms: [{ value: '198.51.100.7', kind: 'sco' }],
    });
    const indicator = version({ modified: instant(1), terms: [{ value: '198.51.100.7', kind: 'pattern' }] });
    const newer = { ...version({ id: indicator.id, modified: instant(2) }), terms: [] };
    const sighting = version({ type: 'sighting', refs: [indicator.id] });
    const unrelated = version({ terms: [{ value: '198.51.100.8', kind: 'pattern' }], refs: ['x--1'] });
    await store.putBatch([ip, indicator, newer, sighting, unrelated]);
    const hits = await store.findByValue('198.51.100.7', ALL);
    assert.deepEqual(
      hits.map((v) => `${v.id}@${v.modified}`),
      [`${ip.id}@null`, `${indicator.id}@${instant(2)}`, `${sighting.id}@${instant(0)}`],
    );
    assert.equal((await store.findByValue('198.51.100.7', ALL, 2)).length, 2);
    assert.deepEqual(await store.findByValue('203.0.113.1', ALL), []);
  }),
);

test(
  'findReferencing returns the latest visible version of each object that references the id',
  eachBackend(async (store) => {
    const target = version();
    const relOld = version({ type: 'relationship', modified: instant(1), refs: [target.id, 'malware--1'] });
    const relNew = version({
      id: relOld.id,
      type: 'relationship',
      modified: instant(2),
      tlp: 'red',
      refs: [target.id],
    });
    const report = version({ type: 'report', refs: [target.id] });
    const other = version({ type: 'report', refs: ['indicator--other'] });
    await store.putBatch([target, relOld, relNew, report, other]);
    const label = (vs: { id: string; modified: string | null }[]) => vs.map((v) => `${v.id}@${v.modified}`);
    assert.deepEqual(label(await store.findReferencing(target.id, ALL)), [
      `${relNew.id}@${instant(2)}`,
      `${report.id}@${instant(0)}`,
    ]);
    assert.deepEqual(label(await store.findReferencing(target.id, member('reader'))), [
      `${relOld.id}@${instant(1)}`,
      `${report.id}@${instant(0)}`,
    ]);
  }),
);
