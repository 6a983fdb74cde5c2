import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { freshPostgresSchema, requirePostgres } from '../../../test/support/services.ts';
import { BulwarkError } from '../../errors/index.ts';
import { ALL, version } from '../conformance/fixtures.ts';
import { openStore } from '../open-store.ts';

const isUnavailable = (e: unknown) =>
  e instanceof BulwarkError &&
  e.code === 'BULWARK_E_STORE_UNAVAILABLE' &&
  e.hint === 'check --db / BULWARK_DB and that PostgreSQL is running';

test('a PostgreSQL server that refuses connections gives STORE_UNAVAILABLE with the hint', async () => {
  await assert.rejects(openStore({ db: 'postgres://postgres@127.0.0.1:1/test' }), isUnavailable);
});

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached in 5 s');
}

test('the server dropping the connection mid-batch gives STORE_UNAVAILABLE, keeps committed batches and the store usable', async (t) => {
  const url = await requirePostgres(t);
  if (url === undefined) return;
  const { schema, drop } = await freshPostgresSchema(url, 'bulwark_store');
  t.after(drop);
  const store = await openStore({ db: url, schema });
  t.after(() => store.close());
  const committed = Array.from({ length: 100 }, () => version({ terms: [{ value: 'first', kind: 'sco' }] }));
  await store.putBatch(committed);

  // Hold the refs table so the next batch stops at its write statement, inside its transaction (after the
  // lock and the state look-up).
  const [admin, watcher] = [
    new pg.Client({ connectionString: url }),
    new pg.Client({ connectionString: url }),
  ];
  await Promise.all([admin.connect(), watcher.connect()]);
  t.after(() => Promise.all([admin.end(), watcher.end()]));
  await admin.query('begin');
  await admin.query(`lock table "${schema}".refs in access exclusive mode`);
  const doomed = Array.from({ length: 100 }, () =>
    version({ terms: [{ value: 'second', kind: 'sco' }], refs: ['identity--x'] }),
  );
  // Settled at once into a value, so the rejection is never unhandled while the test waits.
  const failure = store.putBatch(doomed).then(
    () => new Error('the batch was committed'),
    (error: unknown) => error,
  );
  // Outside a transaction: inside one, pg_stat_activity is a snapshot taken at its first read.
  const pid = await waitFor(async () => {
    const r = await watcher.query(
      "select pid from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into refs%' and pid <> pg_backend_pid()",
    );
    return r.rows[0]?.pid as number | undefined;
  });
  const written = await watcher.query('select pg_terminate_backend($1) as done', [pid]);
  assert.equal(written.rows[0].done, true);
  await admin.query('rollback');
  const error = await failure;
  assert.ok(isUnavailable(error), String(error));

  assert.equal(await store.count({ scope: ALL }), committed.length);
  assert.equal((await store.findByValue('first', ALL)).length, committed.length);
  assert.deepEqual(await store.findByValue('second', ALL), []);
  const again = await store.putBatch(doomed);
  assert.ok(again.every((o) => o.status === 'added'));
  assert.equal(await store.count({ scope: ALL }), committed.length + doomed.length);
});
