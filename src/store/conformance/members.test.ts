import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { ApiKeyRecord, AuditEntry, Community, TaxiiStatus } from '../members-types.ts';
import { MIGRATIONS_TABLE, migrations } from '../shared/schema.ts';
import type { Store } from '../types.ts';
import { eachBackend, freshLocation } from './backends.ts';
import { ALL, instant, member, newId, version } from './fixtures.ts';

async function orgs(store: Store, ...names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const id = `identity--${name}`;
    await store.addOrganisation({ id, name, createdAt: instant(0), identityJson: '{}' });
    ids.push(id);
  }
  return ids;
}

function community(id: string, orgIds: string[]): Community {
  return { id, name: `name of ${id}`, createdAt: instant(1), orgIds };
}

function key(id: string, orgId: string): ApiKeyRecord {
  return {
    id,
    orgId,
    role: 'reader',
    label: null,
    secretHash: 'ab'.repeat(32),
    createdAt: instant(2),
    lastUsedAt: null,
    revokedAt: null,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: { code?: string }) => e.code === `BULWARK_E_${code}`);
}

test(
  'communities are found by name or id, listed by name, and each organisation sees its own in joining order',
  eachBackend(async (store) => {
    const [a, b] = await orgs(store, 'a', 'b');
    await store.members.addCommunity(community('c-zulu', [a!, b!]));
    await new Promise((r) => setTimeout(r, 5));
    await store.members.addCommunity(community('c-alpha', [a!]));
    assert.deepEqual((await store.members.getCommunity('c-zulu'))?.orgIds.sort(), [a, b].sort());
    assert.equal((await store.members.getCommunity('name of c-alpha'))?.id, 'c-alpha');
    assert.equal(await store.members.getCommunity('nope'), undefined);
    assert.deepEqual(
      (await store.members.listCommunities()).map((c) => c.id),
      ['c-alpha', 'c-zulu'],
    );
    assert.deepEqual(
      (await store.members.communitiesOf(a!)).map((c) => c.id),
      ['c-zulu', 'c-alpha'],
      'joining order, not name order',
    );
    assert.deepEqual(
      (await store.members.communitiesOf(b!)).map((c) => c.id),
      ['c-zulu'],
    );
    await rejectsWith(store.members.addCommunity(community('c-alpha', [])), 'CONFLICT');
  }),
);

test(
  'setting members replaces the list, keeps the joining time of those who stay, and refuses unknown names whole',
  eachBackend(async (store) => {
    const [a, b, c] = await orgs(store, 'a', 'b', 'c');
    await store.members.addCommunity(community('first', [a!]));
    await new Promise((r) => setTimeout(r, 5));
    await store.members.addCommunity(community('second', [a!, b!]));
    await store.members.setCommunityMembers('first', [a!, c!]);
    assert.deepEqual((await store.members.getCommunity('first'))?.orgIds.sort(), [a, c].sort());
    assert.deepEqual(
      (await store.members.communitiesOf(a!)).map((x) => x.id),
      ['first', 'second'],
      'a stayed in "first", so it is still its first community',
    );
    await rejectsWith(store.members.setCommunityMembers('first', [b!, 'identity--ghost']), 'ORG_NOT_FOUND');
    assert.deepEqual((await store.members.getCommunity('first'))?.orgIds.sort(), [a, c].sort());
    await rejectsWith(store.members.setCommunityMembers('ghost', [a!]), 'COMMUNITY_NOT_FOUND');
    await rejectsWith(store.members.addCommunity(community('bad', ['identity--ghost'])), 'ORG_NOT_FOUND');
    assert.equal(await store.members.getCommunity('bad'), undefined, 'nothing of a refused community stays');
    await store.members.setCommunityMembers('first', []);
    assert.deepEqual((await store.members.getCommunity('first'))?.orgIds, []);
    assert.deepEqual(
      (await store.members.communitiesOf(c!)).map((x) => x.id),
      [],
    );
  }),
);

test(
  'keys are stored as given, listed per organisation, touched forward only, revoked once',
  eachBackend(async (store) => {
    const [a, b] = await orgs(store, 'a', 'b');
    await store.members.addKey({ ...key('k1', a!), label: 'SIEM', role: 'admin' });
    await store.members.addKey(key('k2', b!));
    assert.deepEqual(await store.members.getKey('k1'), { ...key('k1', a!), label: 'SIEM', role: 'admin' });
    assert.deepEqual(
      (await store.members.listKeys(b!)).map((k) => k.id),
      ['k2'],
    );
    assert.deepEqual(
      (await store.members.listKeys()).map((k) => k.id),
      ['k1', 'k2'],
    );
    await store.members.touchKey('k1', instant(10));
    await store.members.touchKey('k1', instant(5));
    assert.equal((await store.members.getKey('k1'))?.lastUsedAt, instant(10));
    assert.equal(await store.members.revokeKey('k1', instant(20)), true);
    assert.equal(await store.members.revokeKey('k1', instant(30)), false);
    assert.equal(await store.members.revokeKey('nope', instant(30)), false);
    assert.equal((await store.members.getKey('k1'))?.revokedAt, instant(20));
    await rejectsWith(store.members.addKey(key('k3', 'identity--ghost')), 'ORG_NOT_FOUND');
    await rejectsWith(store.members.addKey(key('k2', a!)), 'CONFLICT');
  }),
);

function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: instant(n),
    orgId: n % 2 ? 'identity--odd' : null,
    keyId: n % 2 ? `key-${n}` : null,
    action: n % 3 ? 'object.write' : 'object.read.denied',
    target: `indicator--${n}`,
    outcome: n % 3 ? 'ok' : 'denied',
    source: n % 2 ? '192.0.2.1' : null,
    detail: n % 4 ? null : { n, nested: { list: [1, 'two'] } },
    ...overrides,
  };
}

test(
  'audit entries are numbered in order and found by organisation, action, outcome and position',
  eachBackend(async (store) => {
    const all = Array.from({ length: 12 }, (_, i) => entry(i));
    await store.members.appendAudit(all.slice(0, 5));
    await store.members.appendAudit(all.slice(5));
    await store.members.appendAudit([]);
    const read = await store.members.queryAudit({});
    assert.deepEqual(
      read.map(({ seq: _, ...rest }) => rest),
      all,
    );
    const seqs = read.map((e) => e.seq as number);
    assert.ok(
      seqs.every((s, i) => i === 0 || s > seqs[i - 1]!),
      'seq increases',
    );
    assert.deepEqual(
      (await store.members.queryAudit({ orgId: 'identity--odd' })).map((e) => e.target),
      all.filter((e) => e.orgId === 'identity--odd').map((e) => e.target),
    );
    assert.deepEqual(
      (await store.members.queryAudit({ action: 'object.read.denied', outcome: 'denied' })).map(
        (e) => e.target,
      ),
      all.filter((e) => e.action === 'object.read.denied').map((e) => e.target),
    );
    const page = await store.members.queryAudit({ afterSeq: seqs[3]!, limit: 2 });
    assert.deepEqual(
      page.map((e) => e.seq),
      seqs.slice(4, 6),
    );
  }),
);

test(
  'TAXII status resources are stored whole and replaced as the request progresses',
  eachBackend(async (store) => {
    const status: TaxiiStatus = {
      id: 'status-1',
      orgId: 'identity--a',
      status: 'pending',
      requestTimestamp: instant(0),
      totalCount: 2,
      successCount: 1,
      failureCount: 0,
      pendingCount: 1,
      successes: [{ id: 'indicator--1', version: instant(1) }],
      failures: [],
      pendings: [{ id: 'indicator--2' }],
    };
    await store.members.putStatus(status);
    assert.deepEqual(await store.members.getStatus('status-1'), status);
    const done: TaxiiStatus = {
      ...status,
      status: 'complete',
      failureCount: 1,
      pendingCount: 0,
      failures: [{ id: 'indicator--2', message: 'invalid pattern' }],
      pendings: [],
    };
    await store.members.putStatus(done);
    assert.deepEqual(await store.members.getStatus('status-1'), done);
    assert.equal(await store.members.getStatus('status-2'), undefined);
  }),
);

/** Three versions of one object, each indexed by a value, referencing a target and shared to c1. */
async function threeVersions(store: Store) {
  const id = newId();
  const rows = [1, 2, 3].map((n) =>
    version({
      id,
      modified: instant(n),
      tlp: 'amber',
      authorOrg: 'author',
      audience: { communities: ['c1'] },
      terms: [{ value: `value-${n}`, kind: 'pattern' }],
      refs: ['malware--target'],
    }),
  );
  await store.putBatch(rows);
  return id;
}

async function latestModified(store: Store, id: string): Promise<(string | null)[]> {
  const all = (await store.query({ scope: ALL, ids: [id] })).items.map((v) => v.modified);
  const reader = (await store.query({ scope: member('x', ['c1']), ids: [id] })).items.map((v) => v.modified);
  assert.deepEqual(reader, all, 'the operator and a reader agree on the latest version');
  return all;
}

test(
  'deleting the latest version makes the one before it latest, and takes its terms, refs and audience with it',
  eachBackend(async (store) => {
    const id = await threeVersions(store);
    assert.deepEqual(await latestModified(store, id), [instant(3)]);
    assert.equal(await store.members.deleteVersions(id, [instant(3)]), 1);
    assert.deepEqual(await latestModified(store, id), [instant(2)]);
    assert.deepEqual(await store.findByValue('value-3', ALL), []);
    assert.equal((await store.findByValue('value-2', ALL)).length, 1);
    assert.equal(await store.count({ scope: ALL, ids: [id], versions: { kind: 'all' } }), 2);
    assert.equal(
      await store.members.deleteVersions(id, [instant(9)]),
      0,
      'an unknown version deletes nothing',
    );
    assert.equal(await store.members.deleteVersions(id, []), 0);
    assert.equal(await store.members.deleteVersions(id), 2);
    assert.equal(await store.count({ scope: ALL, ids: [id], versions: { kind: 'all' } }), 0);
    assert.deepEqual(await store.findReferencing('malware--target', ALL), []);
    assert.deepEqual(await store.findByValue('value-1', ALL), []);
  }),
);

test(
  'a deleted version can be stored again, and deleting an older one leaves the latest alone',
  eachBackend(async (store) => {
    const id = await threeVersions(store);
    assert.equal(await store.members.deleteVersions(id, [instant(1)]), 1);
    assert.deepEqual(await latestModified(store, id), [instant(3)]);
    const again = version({
      id,
      modified: instant(1),
      tlp: 'amber',
      authorOrg: 'author',
      audience: { communities: ['c1'] },
    });
    assert.equal((await store.putBatch([again]))[0]?.status, 'added');
    assert.deepEqual(await latestModified(store, id), [instant(3)]);
    assert.equal(await store.members.deleteVersions(id, [instant(3), instant(2)]), 2);
    assert.deepEqual(await latestModified(store, id), [instant(1)]);
    const newer = version({
      id,
      modified: instant(4),
      tlp: 'amber',
      authorOrg: 'author',
      audience: { communities: ['c1'] },
    });
    await store.putBatch([newer]);
    assert.deepEqual(await latestModified(store, id), [instant(4)], 'putBatch demotes the restored latest');
  }),
);

test('a SQLite store of schema 1 (before the members tables) is upgraded on open and keeps what it held', async (t) => {
  const location = await freshLocation(t, 'sqlite');
  const file = join(location!.options.data!, 'hub.sqlite');
  mkdirSync(location!.options.data!, { recursive: true });
  const db = new Database(file);
  db.exec(MIGRATIONS_TABLE);
  for (const statement of migrations('sqlite')[0]!.statements) db.exec(statement);
  db.prepare('insert into schema_migrations (version, applied_at) values (1, ?)').run(instant(0));
  db.prepare("insert into organisations values ('identity--old', 'old', ?, '{}')").run(instant(0));
  db.close();
  const store = await location!.open();
  t.after(() => store.close());
  await store.members.addCommunity(community('c', ['identity--old']));
  assert.deepEqual(
    (await store.members.communitiesOf('identity--old')).map((c) => c.id),
    ['c'],
  );
});
