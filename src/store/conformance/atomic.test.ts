import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewVersion, TlpLevel } from '../types.ts';
import { eachBackend } from './backends.ts';
import { ALL, version } from './fixtures.ts';

/** A row the store's constraints reject (an unknown TLP level), as a caller bug would produce. */
function invalid(row: NewVersion, where: 'tlp' | 'term'): NewVersion {
  if (where === 'tlp') return { ...row, tlp: 'purple' as TlpLevel };
  return { ...row, terms: [{ value: 'x', kind: 'guess' as 'sco' }] };
}

for (const where of ['tlp', 'term'] as const) {
  test(
    `a batch with a row violating a constraint (${where}) fails whole and leaves the store unchanged`,
    eachBackend(async (store) => {
      const kept = version({ terms: [{ value: 'kept', kind: 'sco' }] });
      await store.putBatch([kept]);
      const before = (await store.query({ scope: ALL, versions: { kind: 'all' } })).items;
      const rows = Array.from({ length: 50 }, () => version({ terms: [{ value: 'lost', kind: 'sco' }] }));
      rows[30] = invalid(rows[30]!, where);
      const newer = { ...kept, modified: '2027-01-01T00:00:00Z' };
      await assert.rejects(store.putBatch([newer, ...rows]));
      assert.deepEqual((await store.query({ scope: ALL, versions: { kind: 'all' } })).items, before);
      assert.deepEqual(await store.findByValue('lost', ALL), []);
      assert.equal((await store.query({ scope: ALL })).items[0]?.modified, kept.modified);
      const [after] = await store.putBatch([rows[0]!]);
      assert.equal(after?.status === 'added' && after.seq > before[0]!.seq, true);
    }),
  );
}
