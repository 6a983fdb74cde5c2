import { join } from 'node:path';
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_DATA_DIR, openStore, type Store } from '../store/index.ts';

export interface StoreFlags {
  data?: string;
  db?: string;
}

/** Adds `--data DIR` and `--db URL`, the store options every store command takes. */
// biome-ignore lint/suspicious/noExplicitAny: commander's own bound for argument tuples
export function withStoreOptions<Args extends any[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .option(
      '--data <dir>',
      'data directory of the embedded SQLite store (env BULWARK_DATA; default ./bulwark-data)',
    )
    .option('--db <url>', 'PostgreSQL URL, e.g. postgres://user@host/db (env BULWARK_DB); overrides --data');
}

/** The data directory, from `--data`, then BULWARK_DATA, then the default. */
export function dataDir(flags: { data?: string }): string {
  return flags.data ?? process.env.BULWARK_DATA ?? DEFAULT_DATA_DIR;
}

/** Where the chain graph lives: beside the hub, in DATA/chain. */
export function graphDir(flags: { data?: string }): string {
  return join(dataDir(flags), 'chain');
}

/** Where the store is, from flags, then environment, then the default. */
export function storeLocation(flags: StoreFlags): { data: string; db?: string } {
  const db = flags.db ?? process.env.BULWARK_DB;
  const data = dataDir(flags);
  return db ? { data, db } : { data };
}

export function describeLocation(flags: StoreFlags): string {
  const where = storeLocation(flags);
  return where.db ? `PostgreSQL at ${maskUrl(where.db)}` : `SQLite in ${where.data}`;
}

export function openStoreFrom(flags: StoreFlags, readonly = false): Promise<Store> {
  return openStore({ ...storeLocation(flags), ...(readonly ? { readonly, upgrade: true } : {}) });
}

/** A URL safe to print: the password is never shown. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** Runs `body` with an open store and always closes it. */
export async function withStore<T>(
  flags: StoreFlags,
  body: (store: Store) => Promise<T>,
  options: { readonly?: boolean } = {},
): Promise<T> {
  const store = await openStoreFrom(flags, options.readonly);
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
