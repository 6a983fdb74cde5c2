import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewVersion } from '../types.ts';
import { eachBackend } from './backends.ts';
import { ALL, instant, member, version } from './fixtures.ts';

/**
 * Batches far larger than one statement: the adapters split look-ups (500 ids) and inserts (100 version
 * rows, 500 term/ref/audience rows) into several statements, and the last one of each is short.
 */
const SIZE = 1234;

function batch(): NewVersion[] {
  return Array.from({ length: SIZE }, (_, i) =>
    version({
      modified: instant(10),
      authorOrg: i % 2 ? 'org-a' : 'org-b',
      tlp: i % 3 ? 'green' : 'clear',
      audience: { communities: i % 3 ? ['c1'] : [] },
      terms: [
        { value: `198.51.${i >> 8}.${i & 255}`, kind: 'pattern' },
        { value: `name ${i}`, kind: 'name' },
      ],
      refs: [`identity--00000000-0000-4000-8000-${String(i % 7).padStart(12, '0')}`],
    }),
  );
}

test(
  'a batch spanning several statements stores every row, term, ref and audience, and tallies them all',
  eachBackend(async (store) => {
    const rows = batch();
    const outcomes = await store.putBatch(rows);
    assert.equal(outcomes.filter((o) => o.status === 'added').length, SIZE);
    assert.equal(await store.count({ scope: ALL }), SIZE);
    for (const i of [0, 99, 100, 499, 500, 501, 999, 1000, SIZE - 1]) {
      const found = await store.findByValue(`198.51.${i >> 8}.${i & 255}`, ALL);
      assert.deepEqual(
        found.map((v) => v.id),
        [rows[i]!.id],
        `term of row ${i}`,
      );
    }
    const referencing = await store.findReferencing(
      'identity--00000000-0000-4000-8000-000000000003',
      ALL,
      SIZE,
    );
    assert.equal(referencing.length, rows.filter((_, i) => i % 7 === 3).length);
    // GREEN rows were shared to c1 only: an outsider sees the CLEAR ones.
    assert.equal(await store.count({ scope: member('org-c', ['c1']) }), SIZE);
    assert.equal(
      await store.count({ scope: member('org-c', []) }),
      rows.filter((_, i) => i % 3 === 0).length,
    );
    const tally = await store.tally({ scope: ALL });
    assert.deepEqual(Object.fromEntries(tally.map((r) => [r.tlp, r.count])), {
      clear: rows.filter((_, i) => i % 3 === 0).length,
      green: rows.filter((_, i) => i % 3 !== 0).length,
    });
  }),
);

test(
  'a repeated large batch is all duplicates, and newer versions by another organisation are refused in every part of it',
  eachBackend(async (store) => {
    const rows = batch();
    await store.putBatch(rows);
    const again = await store.putBatch(rows);
    assert.ok(again.every((o) => o.status === 'duplicate'));
    const newer = rows.map((r, i) =>
      version({ id: r.id, modified: instant(20), authorOrg: i % 5 === 0 ? 'org-z' : r.authorOrg }),
    );
    const outcomes = await store.putBatch(newer);
    outcomes.forEach((o, i) => {
      assert.equal(o.status, i % 5 === 0 ? 'not-author' : 'added', `row ${i}`);
    });
    const latest = await store.tally({ scope: ALL });
    assert.equal(
      latest.reduce((n, r) => n + r.count, 0),
      SIZE,
      'one latest version per object',
    );
  }),
);
