import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { TALLY_VERSION } from '../shared/latest-tally.ts';
import type { NewVersion, ReadScope, Store, TlpLevel } from '../types.ts';
import { BACKENDS, eachBackend, freshLocation, type Location } from './backends.ts';
import { ALL, instant, member, newId, PUBLIC, version } from './fixtures.ts';

const TLPS: TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
const SCOPES: ReadScope[] = [
  ALL,
  PUBLIC,
  member('reader', ['c1'], 'u1'),
  member('other', ['c2']),
  member('author', ['c2']),
  member('x'),
];

/** Objects by two authors under every marking; a third of them get a newer, narrower version. */
function world(): NewVersion[] {
  const rows: NewVersion[] = [];
  for (let i = 0; i < 60; i++) {
    const id = newId(i % 3 === 0 ? 'malware' : 'indicator');
    const audience = { communities: i % 2 ? ['c1'] : ['c2'], orgs: i % 5 ? [] : ['reader'], users: ['u1'] };
    const author = i % 4 === 0 ? 'reader' : 'author';
    rows.push(version({ id, modified: instant(1), tlp: TLPS[i % 5], authorOrg: author, audience }));
    if (i % 3 === 1)
      rows.push(version({ id, modified: instant(2), tlp: 'red', authorOrg: author, audience }));
  }
  return rows;
}

/** tally equals grouping what a stream of the same query yields, for every reader. */
async function assertTallyMatchesStream(store: Store, when: string): Promise<void> {
  for (const scope of SCOPES) {
    for (const versions of [{ kind: 'latest' as const }, { kind: 'all' as const }]) {
      const expected = new Map<string, number>();
      for await (const v of store.stream({ scope, versions })) {
        const key = `${v.type}/${v.tlp}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const tally = await store.tally({ scope, versions });
      const got = new Map(tally.filter((r) => r.count > 0).map((r) => [`${r.type}/${r.tlp}`, r.count]));
      assert.deepEqual(got, expected, `${when}: ${JSON.stringify(scope)} ${versions.kind}`);
    }
  }
}

test(
  'tally counts per type and TLP exactly what a stream yields, for every reader, through writes and deletions',
  eachBackend(async (store) => {
    const rows = world();
    await store.putBatch(rows.slice(0, 40));
    await assertTallyMatchesStream(store, 'first batch');
    await store.putBatch(rows.slice(40));
    // An older version arriving after the newer one, and a newer one demoting a stored latest.
    const late = rows[1]!;
    await store.putBatch([
      version({ id: late.id, modified: instant(0), tlp: 'clear', authorOrg: late.authorOrg }),
      version({ id: rows[0]!.id, modified: instant(5), tlp: 'green', authorOrg: rows[0]!.authorOrg }),
    ]);
    await assertTallyMatchesStream(store, 'after versioning');
    await store.members.deleteVersions(rows[2]!.id, [instant(2)]);
    await store.members.deleteVersions(rows[5]!.id);
    await store.members.deleteVersions(newId(), undefined);
    await assertTallyMatchesStream(store, 'after deletions');
  }),
);

/** Undoes migration 6 on the store at `location`, as if a release before it had written the store. */
async function beforeTallies(location: Location): Promise<void> {
  const undo = ['drop table latest_tally', `delete from schema_migrations where version = ${TALLY_VERSION}`];
  if (location.options.data !== undefined) {
    const db = new Database(join(location.options.data, 'hub.sqlite'));
    for (const statement of undo) db.exec(statement);
    db.close();
    return;
  }
  const client = new pg.Client({
    connectionString: location.options.db,
    options: `-c search_path=${location.options.schema}`,
  });
  await client.connect();
  for (const statement of undo) await client.query(statement);
  await client.end();
}

test('the tally migration counts what a store written before it holds', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const first = await location.open();
      await first.putBatch(world());
      await first.close();
      await beforeTallies(location);
      const store = await location.open();
      t.after(() => store.close());
      await assertTallyMatchesStream(store, 'after the migration');
    });
  }
});
