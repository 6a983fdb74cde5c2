/**
 * Per-key rate limits: each API key has its own budget per minute, anonymous callers one per client
 * address. The budget is keyed on a hash of the key id — never the secret, which must not sit in a
 * limiter's table — so an over-eager member slows only itself. A 429 carries Retry-After.
 *
 * The counters live in this process's memory, also with a PostgreSQL store: several `bulwark serve`
 * processes behind a balancer each allow the full budget (see the report of issue 3).
 */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import { keyFromHeader } from '../hub/index.ts';
import { parseKey } from '../hub/members/key-format.ts';

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
export function registerRateLimit(app: FastifyInstance, perMinute: number): void {
  if (perMinute <= 0) return;
  app.register(rateLimit, {
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
