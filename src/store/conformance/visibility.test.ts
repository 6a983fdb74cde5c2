import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadScope, Store } from '../types.ts';
import { eachBackend } from './backends.ts';
import { ALL, instant, member, newId, PUBLIC, version } from './fixtures.ts';

/** One object per TLP level, authored by org "author", shared to community c1 / org o1 / user u1. */
async function onePerLevel(store: Store) {
  const audience = { communities: ['c1'], orgs: ['o1'], users: ['u1'] };
  const rows = {
    clear: version({ tlp: 'clear', authorOrg: 'author' }),
    green: version({ tlp: 'green', authorOrg: 'author', audience }),
    amber: version({ tlp: 'amber', authorOrg: 'author', audience }),
    strict: version({ tlp: 'amber+strict', authorOrg: 'author', audience }),
    red: version({ tlp: 'red', authorOrg: 'author', audience }),
  };
  await store.putBatch(Object.values(rows));
  return rows;
}

async function visibleNames(store: Store, scope: ReadScope, rows: Record<string, { id: string }>) {
  const page = await store.query({ scope });
  const count = await store.count({ scope });
  assert.equal(count, page.items.length, 'count agrees with the page');
  const ids = new Set(page.items.map((v) => v.id));
  return Object.entries(rows)
    .filter(([, v]) => ids.has(v.id))
    .map(([name]) => name);
}

test(
  'each TLP level is read by exactly the readers DESIGN.md names, in pages and counts',
  eachBackend(async (store) => {
    const rows = await onePerLevel(store);
    assert.deepEqual(await visibleNames(store, ALL, rows), ['clear', 'green', 'amber', 'strict', 'red']);
    assert.deepEqual(await visibleNames(store, PUBLIC, rows), ['clear']);
    assert.deepEqual(await visibleNames(store, member('author'), rows), [
      'clear',
      'green',
      'amber',
      'strict',
      'red',
    ]);
    assert.deepEqual(await visibleNames(store, member('x', ['c1']), rows), ['clear', 'green', 'amber']);
    assert.deepEqual(await visibleNames(store, member('x', ['c2']), rows), ['clear']);
    assert.deepEqual(await visibleNames(store, member('o1', ['c2']), rows), ['clear', 'strict']);
    assert.deepEqual(await visibleNames(store, member('x', [], 'u1'), rows), ['clear', 'red']);
    assert.deepEqual(await visibleNames(store, member('o1', ['c1'], 'u2'), rows), [
      'clear',
      'green',
      'amber',
      'strict',
    ]);
  }),
);

test(
  'latest and first for a reader are chosen among the versions that reader may see',
  eachBackend(async (store) => {
    const id = newId();
    const shared = { communities: ['c1'], orgs: [], users: [] };
    await store.putBatch([
      version({ id, modified: instant(1), tlp: 'red', authorOrg: 'author' }),
      version({ id, modified: instant(2), tlp: 'green', authorOrg: 'author', audience: shared }),
      version({ id, modified: instant(3), tlp: 'clear', authorOrg: 'author' }),
      version({ id, modified: instant(4), tlp: 'red', authorOrg: 'author' }),
    ]);
    const pick = async (scope: ReadScope, kind: 'latest' | 'first') => {
      const page = await store.query({ scope, ids: [id], versions: { kind } });
      assert.equal(await store.count({ scope, ids: [id], versions: { kind } }), page.items.length);
      return page.items.map((v) => v.modified);
    };
    assert.deepEqual(await pick(ALL, 'latest'), [instant(4)]);
    assert.deepEqual(await pick(ALL, 'first'), [instant(1)]);
    assert.deepEqual(await pick(member('author'), 'latest'), [instant(4)]);
    assert.deepEqual(await pick(member('x', ['c1']), 'latest'), [instant(3)]);
    assert.deepEqual(await pick(member('x', ['c1']), 'first'), [instant(2)]);
    assert.deepEqual(await pick(PUBLIC, 'latest'), [instant(3)]);
    assert.deepEqual(await pick(PUBLIC, 'first'), [instant(3)]);
    assert.deepEqual(await pick(member('x', []), 'first'), [instant(3)]);
    const all = await store.query({ scope: member('x', ['c1']), ids: [id], versions: { kind: 'all' } });
    assert.deepEqual(
      all.items.map((v) => v.modified),
      [instant(2), instant(3)],
    );
  }),
);

test(
  'an object none of whose versions a reader may see is absent from every answer to that reader',
  eachBackend(async (store) => {
    const secret = version({
      tlp: 'red',
      authorOrg: 'author',
      terms: [{ value: 'evil.example', kind: 'sco' }],
    });
    const rel = version({ type: 'relationship', tlp: 'red', authorOrg: 'author', refs: [secret.id] });
    await store.putBatch([secret, rel]);
    const reader = member('x', ['c1'], 'u1');
    assert.equal(await store.count({ scope: reader, versions: { kind: 'all' } }), 0);
    assert.deepEqual((await store.query({ scope: reader, ids: [secret.id] })).items, []);
    assert.deepEqual(await store.findByValue('evil.example', reader), []);
    assert.deepEqual(await store.findReferencing(secret.id, reader), []);
    assert.equal((await store.findByValue('evil.example', member('author'))).length, 2);
  }),
);
