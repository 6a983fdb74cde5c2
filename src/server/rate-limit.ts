/**
 * Per-key rate limits: each verified API key has its own budget per minute; anonymous callers and
 * refused keys one per client address. The budget is keyed on a hash of the key id — never the secret, which must not sit in a
 * limiter's table — so an over-eager member slows only itself. A 429 carries Retry-After.
 *
 * With a PostgreSQL store the counters live in its database, shared by every hub process; with the
 * embedded SQLite store (one process by design) they stay in this process's memory, which is faster.
 */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import { authenticateOnce, type Caller } from '../hub/index.ts';
import type { Store } from '../store/index.ts';
import { MemoryRateCounter } from './rate-limit-memory.ts';
import { databaseRateLimitStore, rateCounterOf } from './rate-limit-store.ts';

const WINDOW_MS = 60_000;

/**
 * The limiter's bucket for a request: `key:<hash of key id>` once the key is verified, else
 * `ip:<address>`. Keying on the id as sent, before verification, let anyone who knows a key's public
 * id spend that key's budget with wrong secrets; refused and anonymous requests now draw on their
 * address's budget. The verification is the handler's own (`authenticateOnce`), not a second one.
 */
export async function rateLimitBucket(store: Store, request: FastifyRequest): Promise<string> {
  let caller: Caller;
  try {
    caller = await authenticateOnce(store, request.raw, request.headers.authorization, request.ip);
  } catch {
    return `ip:${request.ip}`;
  }
  if (caller.kind !== 'member') return `ip:${request.ip}`;
  return keyBucket(caller.userId);
}

/** The bucket of a verified key id. */
export function keyBucket(keyId: string): string {
  let bucket = keyBuckets.get(keyId);
  if (bucket === undefined) {
    bucket = `key:${createHash('sha256').update(keyId).digest('base64url').slice(0, 22)}`;
    if (keyBuckets.size >= 10_000) keyBuckets.clear();
    keyBuckets.set(keyId, bucket);
  }
  return bucket;
}

/** Bucket names of key ids seen lately: a hash per request was a visible part of a screening request. */
const keyBuckets = new Map<string, string>();

/**
 * How the limiter counts, for a path that answers without the plugin: not at all, in this process's
 * `counter` (which the plugin charges too), or in a database only the plugin talks to.
 */
export type RateLimitCounting =
  | { kind: 'off' }
  | { kind: 'memory'; max: number; windowMs: number; counter: MemoryRateCounter }
  | { kind: 'database' };

/** Registers the limiter for every route declared after it; `perMinute` 0 registers nothing. */
export function registerRateLimit(app: FastifyInstance, perMinute: number, store: Store): RateLimitCounting {
  if (perMinute <= 0) return { kind: 'off' };
  const database = store.backend === 'postgres' ? rateCounterOf(store) : undefined;
  const memory = database ? undefined : new MemoryRateCounter();
  const max = Math.trunc(perMinute); // as the plugin takes it
  app.register(rateLimit, {
    store: database ? databaseRateLimitStore(database) : memory!.pluginStore(),
    global: true,
    max,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => rateLimitBucket(store, request),
    errorResponseBuilder: (_request, context) =>
      new BulwarkError('RATE_LIMITED', `More than ${context.max} requests in a minute with this key`, {
        hint: `Retry after ${context.after}, or ask the hub operator for a higher --rate-limit`,
      }),
  });
  return memory ? { kind: 'memory', max, windowMs: WINDOW_MS, counter: memory } : { kind: 'database' };
}
