/** Public surface of chain/. */
export * as ethereum from './ethereum/index.ts';
