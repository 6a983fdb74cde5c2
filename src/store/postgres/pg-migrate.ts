/**
 * Applies the numbered migrations in one transaction under an advisory lock scoped to the schema, so
 * two processes starting at once migrate one after the other instead of colliding.
 */
import type pg from 'pg';
import { MIGRATIONS_TABLE, migrations, SCHEMA_VERSION } from '../shared/schema.ts';
import { schemaTooNew, schemaTooOld } from '../shared/store-errors.ts';

async function appliedVersion(client: pg.PoolClient): Promise<number> {
  const exists = await client.query("select to_regclass('schema_migrations') is not null as present");
  if (!exists.rows[0].present) return 0;
  const result = await client.query('select coalesce(max(version), 0) as v from schema_migrations');
  return Number(result.rows[0].v);
}

export async function migratePostgres(
  client: pg.PoolClient,
  where: string,
  readonly: boolean,
  schema: string | undefined,
): Promise<void> {
  if (readonly) {
    const found = await appliedVersion(client);
    if (found > SCHEMA_VERSION) throw schemaTooNew(found, where);
    if (found < SCHEMA_VERSION) throw schemaTooOld(found, where);
    return;
  }
  await client.query('begin');
  try {
    // Keyed by the schema's name, not current_schema(), which is null until the schema exists.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [
      `${schema ?? 'public'}.bulwark.migrate`,
    ]);
    if (schema !== undefined) await client.query(`create schema if not exists "${schema}"`);
    await client.query(MIGRATIONS_TABLE);
    const found = await appliedVersion(client);
    if (found > SCHEMA_VERSION) throw schemaTooNew(found, where);
    for (const migration of migrations('postgres')) {
      if (migration.version <= found) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('insert into schema_migrations (version, applied_at) values ($1, $2)', [
        migration.version,
        new Date().toISOString(),
      ]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}
