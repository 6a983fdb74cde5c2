/**
 * Public surface of the store: the contract (`types.ts`) and `openStore`, which picks the adapter.
 * Adapters live in `sqlite/` and `postgres/`; other folders import only from here.
 */
export type * from './types.ts';
