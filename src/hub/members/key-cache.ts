/**
 * The in-process cache of authenticated key ids, so a burst of TAXII requests does not read the key,
 * its organisation and communities from the store each time. Entries live `CALLER_TTL_MS`; a
 * revocation or membership change made in this process clears them at once, while other processes
 * (other `bulwark serve` instances on the same database) see it within the TTL.
 */
import type { ApiKeyRecord, Store } from '../../store/index.ts';
import type { Caller } from './caller.ts';

export const CALLER_TTL_MS = 5_000;
/** last-used is written at most this often per key. */
export const TOUCH_INTERVAL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export interface CachedKey {
  record: ApiKeyRecord;
  orgName: string;
  communityIds: readonly string[];
  expires: number;
  /**
   * The caller this key authenticates as, frozen and shared by every request the entry serves: no
   * object per request, and what is derived from a caller (a screener's scope key) can be kept on it.
   */
  caller: Caller;
}

interface StoreCache {
  keys: Map<string, CachedKey>;
  touched: Map<string, number>;
}

const caches = new WeakMap<Store, StoreCache>();

function cacheOf(store: Store): StoreCache {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = { keys: new Map(), touched: new Map() };
    caches.set(store, cache);
  }
  return cache;
}

export function cachedKey(store: Store, id: string, now: number): CachedKey | undefined {
  const cache = cacheOf(store);
  const entry = cache.keys.get(id);
  if (entry === undefined) return undefined;
  if (entry.expires > now) return entry;
  cache.keys.delete(id);
  return undefined;
}

export function rememberKey(store: Store, entry: CachedKey): void {
  const { keys } = cacheOf(store);
  if (keys.size >= MAX_ENTRIES) keys.clear();
  keys.set(entry.record.id, entry);
}

/** Forgets one key (revoked) or, without an id, every key (communities changed). */
export function forgetCallers(store: Store, keyId?: string): void {
  const { keys } = cacheOf(store);
  if (keyId === undefined) keys.clear();
  else keys.delete(keyId);
}

/** True when last-used of this key is due to be written; notes nothing (see `touchDue`). */
export function touchPending(store: Store, keyId: string, now: number): boolean {
  const last = cacheOf(store).touched.get(keyId);
  return last === undefined || now - last >= TOUCH_INTERVAL_MS;
}

/** True when last-used of this key is due to be written (and notes that it is being written now). */
export function touchDue(store: Store, keyId: string, now: number): boolean {
  const { touched } = cacheOf(store);
  const last = touched.get(keyId);
  if (last !== undefined && now - last < TOUCH_INTERVAL_MS) return false;
  if (touched.size >= MAX_ENTRIES) touched.clear();
  touched.set(keyId, now);
  return true;
}
