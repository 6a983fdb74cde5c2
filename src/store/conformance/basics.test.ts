import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { BulwarkError } from '../../errors/index.ts';
import { openStore } from '../open-store.ts';
import { BACKENDS, eachBackend, freshLocation } from './backends.ts';
import { ALL, instant, newId, version } from './fixtures.ts';

test(
  'a stored version reads back byte-identical with its metadata',
  eachBackend(async (store) => {
    const v = version({ tlp: 'amber', audience: { communities: ['c1', 'c2'], orgs: ['o9'] }, revoked: true });
    const [outcome] = await store.putBatch([v]);
    assert.equal(outcome?.status, 'added');
    const page = await store.query({ scope: ALL, ids: [v.id] });
    assert.equal(page.items.length, 1);
    const got = page.items[0]!;
    assert.equal(got.json, v.json);
    assert.deepEqual(
      { ...got, seq: 0, dateAdded: '' },
      {
        seq: 0,
        dateAdded: '',
        id: v.id,
        type: v.type,
        specVersion: v.specVersion,
        created: v.created,
        modified: v.modified,
        revoked: true,
        json: v.json,
        authorOrg: v.authorOrg,
        tlp: 'amber',
        audience: { communities: ['c1', 'c2'], orgs: ['o9'], users: [] },
      },
    );
    assert.equal(outcome?.status === 'added' && outcome.seq, got.seq);
    assert.equal(outcome?.status === 'added' && outcome.dateAdded, got.dateAdded);
  }),
);

test(
  'putting the same id and modified again is a duplicate, in the store and within a batch',
  eachBackend(async (store) => {
    const v = version();
    const sco = version({ type: 'ipv4-addr', modified: null });
    const first = await store.putBatch([v, sco, v]);
    assert.deepEqual(
      first.map((o) => o.status),
      ['added', 'added', 'duplicate'],
    );
    const same = { ...v, modified: v.modified!.replace('.000Z', 'Z') };
    const again = await store.putBatch([same, sco]);
    assert.deepEqual(
      again.map((o) => o.status),
      ['duplicate', 'duplicate'],
    );
    assert.equal(await store.count({ scope: ALL, versions: { kind: 'all' } }), 2);
  }),
);

test(
  'every version is kept and latest, first, all and modified select among them',
  eachBackend(async (store) => {
    const id = newId();
    // Stored out of order, with fractional digits that do not sort as text.
    const mods = [instant(10), '2026-01-01T00:00:10.5Z', instant(5), '2026-01-01T00:00:10.25Z'];
    await store.putBatch(mods.slice(0, 2).map((modified) => version({ id, modified })));
    await store.putBatch(mods.slice(2).map((modified) => version({ id, modified })));
    const pick = async (versions: Parameters<typeof store.query>[0]['versions']) =>
      (await store.query({ scope: ALL, ids: [id], versions })).items.map((v) => v.modified);
    assert.deepEqual(await pick({ kind: 'all' }), mods);
    assert.deepEqual(await pick(undefined), ['2026-01-01T00:00:10.5Z']);
    assert.deepEqual(await pick({ kind: 'latest' }), ['2026-01-01T00:00:10.5Z']);
    assert.deepEqual(await pick({ kind: 'first' }), [instant(5)]);
    assert.deepEqual(
      await pick({ kind: 'modified', values: ['2026-01-01T00:00:05Z', '2026-01-01T00:00:10.250Z'] }),
      [instant(5), '2026-01-01T00:00:10.25Z'],
    );
    assert.equal(await store.count({ scope: ALL, ids: [id], versions: { kind: 'all' } }), 4);
    assert.equal(await store.count({ scope: ALL, ids: [id] }), 1);
  }),
);

test(
  'filters on type, spec version and author organisation select exactly the matching versions',
  eachBackend(async (store) => {
    const rows = [
      version({ type: 'indicator', authorOrg: 'a' }),
      version({ type: 'malware', authorOrg: 'b' }),
      version({ type: 'indicator', authorOrg: 'b', specVersion: '2.0' }),
    ];
    await store.putBatch(rows);
    const ids = async (q: Omit<Parameters<typeof store.query>[0], 'scope'>) =>
      (await store.query({ scope: ALL, ...q })).items.map((v) => v.id);
    assert.deepEqual(await ids({ types: ['indicator'] }), [rows[0]!.id, rows[2]!.id]);
    assert.deepEqual(await ids({ authorOrg: 'b' }), [rows[1]!.id, rows[2]!.id]);
    assert.deepEqual(await ids({ specVersions: ['2.0'] }), [rows[2]!.id]);
    assert.deepEqual(await ids({ types: [] }), []);
  }),
);

test(
  'organisations have unique names and are found by name or id; settings are replaced',
  eachBackend(async (store) => {
    const org = { id: 'identity--1', name: 'Bank A', createdAt: instant(0), identityJson: '{"x":1}' };
    await store.addOrganisation(org);
    await store.addOrganisation({ ...org, id: 'identity--2', name: 'Exchange B' });
    await assert.rejects(
      store.addOrganisation({ ...org, id: 'identity--3' }),
      (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_ORG_EXISTS',
    );
    assert.deepEqual(await store.getOrganisation('Bank A'), org);
    assert.deepEqual(await store.getOrganisation('identity--1'), org);
    assert.equal(await store.getOrganisation('Nobody'), undefined);
    assert.deepEqual(
      (await store.listOrganisations()).map((o) => o.name),
      ['Bank A', 'Exchange B'],
    );
    assert.equal(await store.getSetting('feeds.ofac'), undefined);
    await store.putSetting('feeds.ofac', '1');
    await store.putSetting('feeds.ofac', '2');
    assert.equal(await store.getSetting('feeds.ofac'), '2');
  }),
);

test('reopening a store keeps its versions, organisations and settings, and migrating again changes nothing', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const v = version();
      const org = { id: 'identity--9', name: 'ISAC', createdAt: instant(0), identityJson: '{}' };
      const first = await location.open();
      await first.putBatch([v]);
      await first.addOrganisation(org);
      await first.putSetting('k', 'v');
      await first.migrate();
      await first.close();
      const second = await location.open();
      t.after(() => second.close());
      await second.migrate();
      assert.deepEqual(
        (await second.query({ scope: ALL })).items.map((x) => x.json),
        [v.json],
      );
      assert.deepEqual(await second.getOrganisation('ISAC'), org);
      assert.equal(await second.getSetting('k'), 'v');
      const [again] = await second.putBatch([v]);
      assert.equal(again?.status, 'duplicate');
    });
  }
});

test('a store whose schema is newer than this program is refused with STORE_VERSION', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      await (await location.open()).close();
      const { data, db, schema } = location.options;
      const future = "insert into schema_migrations (version, applied_at) values (999, 'later')";
      if (data !== undefined) {
        const raw = new Database(join(data, 'hub.sqlite'));
        raw.exec(future);
        raw.close();
      } else {
        const client = new pg.Client({ connectionString: db, options: `-c search_path=${schema}` });
        await client.connect();
        await client.query(future);
        await client.end();
      }
      await assert.rejects(
        openStore(location.options),
        (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_STORE_VERSION',
      );
    });
  }
});
