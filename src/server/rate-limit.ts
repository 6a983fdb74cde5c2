/**
 * Per-key rate limits: each API key has its own budget per minute, anonymous callers one per client
 * address. The budget is keyed on a hash of the key id — never the secret, which must not sit in a
 * limiter's table — so an over-eager member slows only itself. A 429 carries Retry-After.
 *
 * With a PostgreSQL store the counters live in its database, shared by every hub process; with the
 * embedded SQLite store (one process by design) they stay in this process's memory, which is faster.
 */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import { keyFromHeader } from '../hub/index.ts';
import { parseKey } from '../hub/members/key-format.ts';
import type { Store } from '../store/index.ts';
import { databaseRateLimitStore, rateCounterOf } from './rate-limit-store.ts';

const WINDOW_MS = 60_000;

/** The limiter's bucket for a request: `key:<hash of key id>` or `ip:<address>`. */
export function rateLimitBucket(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const text = typeof header === 'string' ? keyFromHeader(header) : undefined;
  const id = text === undefined ? undefined : parseKey(text)?.id;
  if (id === undefined) return `ip:${request.ip}`;
  return `key:${createHash('sha256').update(id).digest('base64url').slice(0, 22)}`;
}

/** Registers the limiter for every route declared after it; `perMinute` 0 registers nothing. */
export function registerRateLimit(app: FastifyInstance, perMinute: number, store: Store): void {
  if (perMinute <= 0) return;
  const counter = store.backend === 'postgres' ? rateCounterOf(store) : undefined;
  app.register(rateLimit, {
    ...(counter ? { store: databaseRateLimitStore(counter) } : {}),
    global: true,
    max: perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: rateLimitBucket,
    errorResponseBuilder: (_request, context) =>
      new BulwarkError('RATE_LIMITED', `More than ${context.max} requests in a minute with this key`, {
        hint: `Retry after ${context.after}, or ask the hub operator for a higher --rate-limit`,
      }),
  });
}
