/**
 * Public surface of the store: the contract (`types.ts`) and `openStore`, which picks the adapter.
 * Adapters live in `sqlite/` and `postgres/`; other folders import only from here.
 */

export type * from './alerts-types.ts';
export type * from './members-types.ts';
export { DEFAULT_DATA_DIR, type OpenStoreOptions, openStore } from './open-store.ts';
export { DEFAULT_LIMIT, MAX_LIMIT } from './shared/query-sql.ts';
export { SCHEMA_VERSION } from './shared/schema.ts';
export type * from './types.ts';
