/** Opens the store the options name: PostgreSQL when `db` is given, else SQLite in `<data>/hub.sqlite`. */
import { BulwarkError } from '../errors/index.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './types.ts';

export const DEFAULT_DATA_DIR = './bulwark-data';

export interface OpenStoreOptions {
  /** Data directory of the embedded store (default `./bulwark-data`, created if missing). */
  data?: string;
  /** postgres://… URL; when set, the store is PostgreSQL. */
  db?: string;
  /** PostgreSQL schema (search_path), created if missing. */
  schema?: string;
  readonly?: boolean;
  /**
   * With `readonly`: a store written by an older Bulwark is first upgraded (opened for writing, migrated,
   * closed) instead of refused — what a command that only reads wants after an upgrade.
   */
  upgrade?: boolean;
}

/** Opens and migrates (or, read-only, checks the schema of) the store. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (!options.readonly || !options.upgrade) return openAndMigrate(options);
  try {
    return await openAndMigrate(options);
  } catch (error) {
    if (!(error instanceof BulwarkError) || error.rule !== 'schema-too-old') throw error;
    await (await openAndMigrate({ ...options, readonly: false })).close();
    return openAndMigrate(options);
  }
}

async function openAndMigrate(options: OpenStoreOptions): Promise<Store> {
  const store: Store =
    options.db !== undefined
      ? new PostgresStore({ url: options.db, schema: options.schema, readonly: options.readonly })
      : SqliteStore.open(options.data ?? DEFAULT_DATA_DIR, options.readonly ?? false);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
