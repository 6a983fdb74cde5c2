import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { indicator } from '../../../test/support/stix-fixtures.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { BulwarkError } from '../../errors/index.ts';
import { openStore } from '../../store/index.ts';
import { importBundle, type Rejection } from './import-bundle.ts';

const dir = tempDir('bulwark-import-');
after(() => dir.remove());
const provenance = {
  authorOrg: 'identity--5f0e4d2c-8a51-4a5b-9a8e-6f0f7d1c2b3a',
  defaultTlp: 'amber' as const,
  audience: { communities: [], orgs: [], users: [] },
};

function bundleText(objects: unknown[]): string {
  return JSON.stringify({ type: 'bundle', id: 'bundle--0b6e0b2e-3a43-4d2a-8c1e-6b7c1b1d2f10', objects });
}

/** The text in chunks of `size` bytes, as a file stream would deliver it. */
function chunks(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return Readable.from(parts);
}

for (const parallel of [false, true]) {
  const mode = parallel ? 'in a worker thread' : 'in-process';
  test(`an import ${mode} stores the valid objects, reports the invalid ones and counts duplicates`, async () => {
    const store = await openStore({ data: `${dir.path}/${mode}` });
    try {
      const objects = Array.from({ length: 2500 }, (_, n) => indicator(n));
      const broken = { ...indicator(9999), pattern_type: 42 };
      const rejected: Rejection[] = [];
      const text = bundleText([...objects.slice(0, 1200), broken, ...objects.slice(1200), objects[0]]);
      const summary = await importBundle(chunks(text, 4096), {
        store,
        ...provenance,
        parallel,
        batchSize: 500,
        onRejected: (r) => rejected.push(r),
      });
      assert.deepEqual(summary, { read: 2502, added: 2500, duplicates: 1, rejected: 1, batches: 6 });
      assert.equal(rejected[0]?.index, 1200);
      assert.equal(rejected[0]?.errors[0]?.path, 'pattern_type');
      assert.equal(await store.count({ scope: { kind: 'all' }, types: ['indicator'] }), 2500);
    } finally {
      await store.close();
    }
  });

  test(`a structural fault ${mode} keeps the committed batches and names the line`, async () => {
    const store = await openStore({ data: `${dir.path}/${mode}-fault` });
    try {
      const objects = Array.from({ length: 1000 }, (_, n) => indicator(n));
      const text = bundleText(objects).replace(/\]\}$/, ',]}');
      await assert.rejects(
        importBundle(chunks(text, 8192), { store, ...provenance, parallel, batchSize: 300 }),
        (e: unknown) =>
          e instanceof BulwarkError &&
          e.code === 'BULWARK_E_INVALID_JSON' &&
          /900 objects in 3 earlier batches are stored/.test(e.message) &&
          e.place.line === 1,
      );
      assert.equal(await store.count({ scope: { kind: 'all' }, types: ['indicator'] }), 900);
    } finally {
      await store.close();
    }
  });
}

test('a newer version of an object another organisation authored is rejected with its reason; the author may version it', async () => {
  const store = await openStore({ data: `${dir.path}/authors` });
  try {
    const original = indicator(7);
    await importBundle(Readable.from([bundleText([original])]), { store, ...provenance });
    const newer = { ...original, modified: '2026-02-02T00:00:00.000Z', name: 'taken over' };
    const rejected: Rejection[] = [];
    const intruder = { ...provenance, authorOrg: 'identity--0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5' };
    const summary = await importBundle(Readable.from([bundleText([newer])]), {
      store,
      ...intruder,
      onRejected: (r) => rejected.push(r),
    });
    assert.deepEqual(summary, { read: 1, added: 0, duplicates: 0, rejected: 1, batches: 1 });
    assert.equal(rejected[0]?.id, original.id);
    assert.equal(rejected[0]?.errors[0]?.code, 'BULWARK_E_STIX_NOT_AUTHOR');
    assert.match(rejected[0]?.errors[0]?.message ?? '', /only its author organisation may add versions/);
    const byAuthor = await importBundle(Readable.from([bundleText([newer])]), { store, ...provenance });
    assert.equal(byAuthor.added, 1);
  } finally {
    await store.close();
  }
});
