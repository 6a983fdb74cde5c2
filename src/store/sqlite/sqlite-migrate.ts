/** Applies the numbered migrations to a SQLite database, in one immediate transaction. */
import type Database from 'better-sqlite3';
import { MIGRATIONS_TABLE, migrations, SCHEMA_VERSION } from '../shared/schema.ts';
import { schemaTooNew, schemaTooOld } from '../shared/store-errors.ts';

function appliedVersion(db: Database.Database): number {
  const table = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'")
    .get();
  if (table === undefined) return 0;
  const row = db.prepare('select max(version) as v from schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrateSqlite(db: Database.Database, file: string, readonly: boolean): void {
  if (readonly) {
    const found = appliedVersion(db);
    if (found > SCHEMA_VERSION) throw schemaTooNew(found, file);
    if (found < SCHEMA_VERSION) throw schemaTooOld(found, file);
    return;
  }
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const found = appliedVersion(db);
    if (found > SCHEMA_VERSION) throw schemaTooNew(found, file);
    const record = db.prepare('insert into schema_migrations (version, applied_at) values (?, ?)');
    for (const migration of migrations('sqlite')) {
      if (migration.version <= found) continue;
      for (const statement of migration.statements) db.exec(statement);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
