/**
 * The limiter's counters in the hub's database (DESIGN.md: nothing shared lives only in one process's
 * memory when a database is configured), so every `bulwark serve` process on one PostgreSQL draws on
 * one budget per key. Fixed windows: one upserted row per bucket and window, old windows pruned now
 * and then. A database failure fails the request rather than letting it through unlimited.
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Store } from '../store/index.ts';

/** What a store adapter offers the limiter; both adapters have it. */
export interface RateCounter {
  hitRateLimit(bucket: string, windowStart: number): Promise<number>;
  pruneRateLimits(windowStart: number): Promise<void>;
}

export function rateCounterOf(store: Store): RateCounter | undefined {
  const candidate = store as Store & Partial<RateCounter>;
  return typeof candidate.hitRateLimit === 'function' && typeof candidate.pruneRateLimits === 'function'
    ? (candidate as Store & RateCounter)
    : undefined;
}

const PRUNE_EVERY = 1000;

/** A store class for @fastify/rate-limit counting in `counter`. */
export function databaseRateLimitStore(counter: RateCounter): FastifyRateLimitStoreCtor {
  let sincePrune = 0;
  const store = {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = Date.now();
      const windowStart = now - (now % timeWindow);
      const prune = ++sincePrune >= PRUNE_EVERY;
      if (prune) sincePrune = 0;
      counter
        .hitRateLimit(key, windowStart)
        .then(async (current) => {
          if (prune) await counter.pruneRateLimits(windowStart - timeWindow);
          callback(null, { current, ttl: windowStart + timeWindow - now });
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
    child() {
      return store;
    },
  };
  // The plugin constructs its store with `new`; every construction shares the one counter.
  return function sharedCounterStore() {
    return store;
  } as unknown as FastifyRateLimitStoreCtor;
}
