/**
 * The limiter's counters in this process's memory (the embedded SQLite store: one process by design).
 * The same windows as @fastify/rate-limit's own LocalStore — a bucket's window starts at its first
 * request and lasts the limiter's time window; the least recently used of more than `capacity` buckets
 * is forgotten — but ours, so that the screening fast path (`api/screen-fast-path.ts`) draws on the
 * very counters the plugin charges for every other route: one budget per key whichever path answers.
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

/** A bucket's window: what the plugin reads from a store (`current`, `ttl` in ms). */
export interface RateWindow {
  current: number;
  ttl: number;
  startedAt: number;
}

/** The plugin's LocalStore default. */
const CAPACITY = 5000;

export class MemoryRateCounter {
  private readonly windows = new Map<string, RateWindow>();
  private readonly capacity: number;

  constructor(capacity = CAPACITY) {
    this.capacity = capacity;
  }

  /** Counts one request of `bucket`; the window as it stands after it. */
  hit(bucket: string, windowMs: number, now: number): RateWindow {
    let window = this.windows.get(bucket);
    if (window === undefined) {
      window = { current: 1, ttl: windowMs, startedAt: now };
      if (this.windows.size >= this.capacity) this.windows.delete(this.windows.keys().next().value!);
    } else {
      // most recently used last: the eviction above takes the least recent
      this.windows.delete(bucket);
      if (window.startedAt + windowMs <= now) {
        window.current = 1;
        window.ttl = windowMs;
        window.startedAt = now;
      } else {
        window.current++;
        window.ttl = windowMs - (now - window.startedAt);
      }
    }
    this.windows.set(bucket, window);
    return window;
  }

  /**
   * Counts one request only when it stays within `max`; undefined, and nothing counted, when it
   * would not — the caller then leaves the request to the plugin, which counts it and answers 429.
   */
  take(bucket: string, windowMs: number, max: number, now: number): RateWindow | undefined {
    const window = this.windows.get(bucket);
    if (window !== undefined && window.startedAt + windowMs > now && window.current >= max) return undefined;
    return this.hit(bucket, windowMs, now);
  }

  /** A store class for @fastify/rate-limit counting here (the plugin constructs it with `new`). */
  pluginStore(): FastifyRateLimitStoreCtor {
    const store = this.storeObject();
    return function sharedCounterStore() {
      return store;
    } as unknown as FastifyRateLimitStoreCtor;
  }

  private storeObject(): object {
    return {
      incr: (
        bucket: string,
        callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
        windowMs: number,
      ): void => {
        callback(null, this.hit(bucket, windowMs, Date.now()));
      },
      // A route with a limit of its own would get its own counters, as with the plugin's LocalStore.
      child: () => new MemoryRateCounter(this.capacity).storeObject(),
    };
  }
}
