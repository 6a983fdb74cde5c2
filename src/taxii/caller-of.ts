/**
 * Who is calling: resolved once per request by the hub's `authenticate` (Bearer, or HTTP Basic with
 * the key as password, as TAXII clients send it). The caller decides everything the request may read.
 */
import type { FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import { authenticateOnce, type Caller } from '../hub/index.ts';
import type { TaxiiContext } from './taxii-context.ts';

export type MemberCaller = Extract<Caller, { kind: 'member' }>;

/** The WWW-Authenticate challenge sent with every 401 (RFC 7235: one challenge per scheme). */
export const CHALLENGE = 'Basic realm="Bulwark TAXII", charset="UTF-8", Bearer realm="Bulwark TAXII"';

export function unauthenticated(): BulwarkError {
  return new BulwarkError('UNAUTHENTICATED', 'This TAXII resource needs an API key', {
    path: 'Authorization',
    hint: 'Send "Authorization: Bearer <key>", or HTTP Basic with any user name and the key as password',
  });
}

/** The caller; anonymous callers pass only where the operator enabled the public collection. */
export async function callerOf(ctx: TaxiiContext, request: FastifyRequest): Promise<Caller> {
  const caller = await authenticateOnce(ctx.store, request.raw, request.headers.authorization, request.ip);
  if (caller.kind === 'anonymous' && !ctx.publicCollection) throw unauthenticated();
  return caller;
}
