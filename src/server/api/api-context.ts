/**
 * What every REST handler shares: the store, who is calling (resolved by the hub's `authenticate`, the
 * one mapping from a key to what it may read), and the audit of what the caller did or was refused.
 */
import type { FastifyRequest } from 'fastify';
import { BulwarkError } from '../../errors/index.ts';
import { audit, authenticateOnce, type Caller, hasRole, type Role, scopeOf } from '../../hub/index.ts';
import type { AuditEntry, ReadScope, Store } from '../../store/index.ts';

export type MemberCaller = Extract<Caller, { kind: 'member' }>;

export interface ApiContext {
  store: Store;
  /** The data directory's graph store (DATA/chain), read-only, for tracing; none when not served. */
  graphDir?: string;
  /** Whether members may aim webhooks at private addresses (`bulwark serve --webhook-allow-private`). */
  webhookAllowPrivate?: boolean;
}

/** The caller of a REST request: a member with at least `role`; anonymous callers get 401. */
export async function memberCaller(
  ctx: ApiContext,
  request: FastifyRequest,
  role: Role,
): Promise<MemberCaller> {
  const caller = await authenticateOnce(ctx.store, request.raw, request.headers.authorization, request.ip);
  if (caller.kind !== 'member') {
    throw new BulwarkError('UNAUTHENTICATED', 'The REST API needs an API key', {
      path: 'Authorization',
      hint: 'Send "Authorization: Bearer <key>"; an admin creates keys with bulwark key create',
    });
  }
  if (!hasRole(caller, role)) {
    await auditApi(ctx, caller, request, {
      action: `api.${request.method.toLowerCase()}.denied`,
      target: request.routeOptions.url ?? request.url,
      outcome: 'denied',
      detail: { needs: role, has: caller.role },
    });
    throw new BulwarkError('FORBIDDEN', `This request needs the ${role} role; the key has ${caller.role}`, {
      path: 'Authorization',
      hint: `Use a key created with --role ${role}`,
    });
  }
  return caller;
}

export function scopeFor(caller: MemberCaller): ReadScope {
  return scopeOf(caller);
}

export async function auditApi(
  ctx: ApiContext,
  caller: MemberCaller,
  request: FastifyRequest,
  entry: Pick<AuditEntry, 'action' | 'target' | 'outcome'> & { detail?: Record<string, unknown> },
): Promise<void> {
  await audit(ctx.store, {
    orgId: caller.orgId,
    keyId: caller.userId,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    source: request.ip,
    detail: entry.detail ?? null,
  });
}

export function objectNotFound(id: string): BulwarkError {
  return new BulwarkError('NOT_FOUND', `No object ${id} here`, {
    objectId: id,
    hint: 'Check the id, and that your organisation may read it',
  });
}

/**
 * The 404 for an object id the caller may not see. When the object exists (invisible to the caller)
 * the refusal is audited; the answer is the same either way, so it says nothing about existence.
 */
export async function deniedObject(
  ctx: ApiContext,
  caller: MemberCaller,
  request: FastifyRequest,
  id: string,
): Promise<BulwarkError> {
  const exists = await ctx.store.count({ scope: { kind: 'all' }, ids: [id] });
  if (exists > 0) {
    await auditApi(ctx, caller, request, { action: 'api.object.read.denied', target: id, outcome: 'denied' });
  }
  return objectNotFound(id);
}
