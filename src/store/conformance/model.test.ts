import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { timestampKey as timestampKeyOf } from '../shared/timestamps.ts';
import type { NewVersion, ObjectQuery, ReadScope, StoredVersion, TlpLevel } from '../types.ts';
import { BACKENDS, freshLocation, type Location } from './backends.ts';
import { type ModelRow, StoreModel } from './model.ts';

const IDS = ['indicator--1', 'indicator--2', 'indicator--3', 'indicator--4'];
const MODIFIED = [
  null,
  '2026-01-01T00:00:01Z',
  '2026-01-01T00:00:01.000Z',
  '2026-01-01T00:00:01.5Z',
  '2026-01-01T00:00:02Z',
];
const TLPS: TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
const ORGS = ['a', 'b', 'o'];

const subset = <T>(values: readonly T[]) => fc.subarray([...values]);

const newVersion: fc.Arbitrary<NewVersion> = fc
  .record({
    id: fc.constantFrom(...IDS),
    modified: fc.constantFrom(...MODIFIED),
    tlp: fc.constantFrom(...TLPS),
    authorOrg: fc.constantFrom('a', 'b'),
    communities: subset(['c1', 'c2']),
    orgs: subset(ORGS),
    users: subset(['u1', 'u2']),
    terms: subset(['v1', 'v2']),
    refs: subset(IDS),
  })
  .map((r) => ({
    id: r.id,
    type: 'indicator',
    specVersion: '2.1',
    created: r.modified,
    modified: r.modified,
    revoked: false,
    json: JSON.stringify({ id: r.id, modified: r.modified, tlp: r.tlp }),
    terms: r.terms.map((value) => ({ value, kind: 'pattern' as const })),
    refs: r.refs,
    authorOrg: r.authorOrg,
    tlp: r.tlp,
    audience: { communities: r.communities, orgs: r.orgs, users: r.users },
  }));

const scope: fc.Arbitrary<ReadScope> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.constant({ kind: 'public' as const }),
  fc.record({
    kind: fc.constant('member' as const),
    orgId: fc.constantFrom(...ORGS),
    communityIds: subset(['c1', 'c2']),
    userId: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
  }),
);

type Command =
  | { op: 'put'; batch: NewVersion[] }
  | { op: 'query'; query: ObjectQuery; cursor: number; added: number }
  | { op: 'find'; value: string; scope: ReadScope };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), batch: fc.array(newVersion, { minLength: 1, maxLength: 5 }) }),
  fc.record({
    op: fc.constant('query' as const),
    query: fc.record(
      {
        scope,
        ids: subset(IDS),
        authorOrg: fc.constantFrom('a', 'b'),
        limit: fc.integer({ min: 1, max: 6 }),
        versions: fc.oneof(
          fc.constant({ kind: 'latest' as const }),
          fc.constant({ kind: 'first' as const }),
          fc.constant({ kind: 'all' as const }),
          fc.record({
            kind: fc.constant('modified' as const),
            values: subset(MODIFIED.filter((m) => m !== null)),
          }),
        ),
      },
      { requiredKeys: ['scope'] },
    ),
    cursor: fc.nat(),
    added: fc.nat(),
  }),
  fc.record({ op: fc.constant('find' as const), value: fc.constantFrom('v1', 'v2'), scope }),
);

/** Empties the store between runs through a second connection, so each run starts from nothing. */
async function emptyStore(location: Location): Promise<void> {
  const tables = ['versions', 'audience', 'terms', 'refs', 'latest_tally'];
  if (location.options.data !== undefined) {
    const db = new Database(join(location.options.data, 'hub.sqlite'));
    for (const table of tables) db.exec(`delete from ${table}`);
    db.close();
    return;
  }
  const client = new pg.Client({
    connectionString: location.options.db,
    options: `-c search_path=${location.options.schema}`,
  });
  await client.connect();
  await client.query(`truncate ${tables.join(', ')}`);
  await client.end();
}

const label = (rows: readonly (ModelRow | StoredVersion)[]) =>
  rows.map((r) => ('v' in r ? `${r.v.id}@${r.v.modified}#${r.seq}` : `${r.id}@${r.modified}#${r.seq}`));

test('random interleavings of puts and queries agree with an in-memory model', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const store = await location.open();
      t.after(() => store.close());
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
          await emptyStore(location);
          const model = new StoreModel();
          for (const c of commands) {
            if (c.op === 'put') {
              const outcomes = await store.putBatch(c.batch);
              c.batch.forEach((v, i) => {
                const outcome = outcomes[i]!;
                assert.equal(outcome.status, model.outcomeOf(v));
                if (outcome.status !== 'added') return;
                const last = model.rows.at(-1);
                if (last) assert.ok(outcome.seq > last.seq && outcome.dateAdded > last.dateAdded);
                model.rows.push({
                  v,
                  key: timestampKeyOf(v.modified),
                  seq: outcome.seq,
                  dateAdded: outcome.dateAdded,
                });
              });
            } else if (c.op === 'query') {
              const rows = model.rows;
              const query: ObjectQuery = {
                ...c.query,
                ...(rows.length > 0 && c.cursor % 3 === 0
                  ? { afterSeq: rows[c.cursor % rows.length]!.seq }
                  : {}),
                ...(rows.length > 0 && c.added % 3 === 0
                  ? { addedAfter: rows[c.added % rows.length]!.dateAdded }
                  : {}),
              };
              const page = await store.query(query);
              const expected = model.query(query);
              assert.deepEqual(label(page.items), label(expected.items));
              assert.equal(page.more, expected.more);
              assert.equal(await store.count(query), model.count(query));
            } else {
              const found = await store.findByValue(c.value, c.scope);
              assert.deepEqual(label(found), label(model.findByValue(c.value, c.scope)));
            }
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});
