import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../../test/support/temp-dir.ts';
import { BulwarkError } from '../errors/index.ts';
import { openStore } from './open-store.ts';
import { migrations, SCHEMA_VERSION } from './shared/schema.ts';

/** A store whose newest migration was never applied, as one written by the previous release. */
async function olderStore(data: string): Promise<void> {
  await (await openStore({ data })).close();
  const db = new Database(join(data, 'hub.sqlite'));
  db.prepare('delete from schema_migrations where version = ?').run(SCHEMA_VERSION);
  const newest = migrations('sqlite').find((m) => m.version === SCHEMA_VERSION)?.statements ?? [];
  const tables = newest.flatMap((s) => /^create table (\w+)/.exec(s)?.[1] ?? []).reverse();
  for (const table of tables) db.exec(`drop table if exists ${table}`);
  db.close();
}

test('a read-only open of an older store is refused, unless asked to upgrade it first', async () => {
  const dir = tempDir();
  try {
    await olderStore(dir.path);
    await assert.rejects(
      openStore({ data: dir.path, readonly: true }),
      (e: unknown) =>
        e instanceof BulwarkError && e.rule === 'schema-too-old' && /upgrade it/.test(e.hint ?? ''),
    );
    const store = await openStore({ data: dir.path, readonly: true, upgrade: true });
    assert.equal(await store.count({ scope: { kind: 'all' } }), 0);
    await store.close();
    const db = new Database(join(dir.path, 'hub.sqlite'), { readonly: true });
    const { version } = db.prepare('select max(version) as version from schema_migrations').get() as {
      version: number;
    };
    db.close();
    assert.equal(version, SCHEMA_VERSION);
  } finally {
    dir.remove();
  }
});
