import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachBackend } from './backends.ts';
import { ALL, instant, newId, version } from './fixtures.ts';

test(
  'only the author organisation adds versions of an object; another organisation is refused, nothing written',
  eachBackend(async (store) => {
    const id = newId();
    await store.putBatch([version({ id, modified: instant(1), authorOrg: 'author' })]);
    const outcomes = await store.putBatch([
      version({ id, modified: instant(2), authorOrg: 'intruder' }),
      version({ id, modified: instant(3), authorOrg: 'author' }),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['not-author', 'added'],
    );
    const stored = await store.query({ scope: ALL, ids: [id], versions: { kind: 'all' } });
    assert.deepEqual(
      stored.items.map((v) => [v.modified, v.authorOrg]),
      [
        [instant(1), 'author'],
        [instant(3), 'author'],
      ],
    );
  }),
);

test(
  'within one batch the first organisation to write a new id is its author',
  eachBackend(async (store) => {
    const id = newId();
    const outcomes = await store.putBatch([
      version({ id, modified: instant(1), authorOrg: 'first' }),
      version({ id, modified: instant(2), authorOrg: 'second' }),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['added', 'not-author'],
    );
    assert.equal(await store.count({ scope: ALL, ids: [id], versions: { kind: 'all' } }), 1);
  }),
);

test(
  'a version already stored is a duplicate whoever sends it again',
  eachBackend(async (store) => {
    const v = version({ authorOrg: 'author' });
    await store.putBatch([v]);
    const [outcome] = await store.putBatch([{ ...v, authorOrg: 'other' }]);
    assert.equal(outcome?.status, 'duplicate');
  }),
);
