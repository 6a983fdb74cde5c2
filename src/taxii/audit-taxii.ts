/**
 * What the TAXII resources write to the audit log: writes, deletes and every denied read, with who,
 * what, when and from where — never a key.
 */
import type { FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import { audit, type Caller } from '../hub/index.ts';
import type { AuditEntry } from '../store/index.ts';
import type { TaxiiContext } from './taxii-context.ts';

function actor(caller: Caller): { orgId: string | null; keyId: string | null } {
  return caller.kind === 'member'
    ? { orgId: caller.orgId, keyId: caller.userId }
    : { orgId: null, keyId: null };
}

export async function auditTaxii(
  ctx: TaxiiContext,
  caller: Caller,
  request: FastifyRequest,
  entry: Pick<AuditEntry, 'action' | 'target' | 'outcome'> & { detail?: Record<string, unknown> },
): Promise<void> {
  await audit(ctx.store, {
    ...actor(caller),
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    source: request.ip,
    detail: entry.detail ?? null,
  });
}

/**
 * Audits a read the caller may not make and answers it as absent: what one may not see does not
 * exist for them (404, never 403).
 */
export async function deniedRead(
  ctx: TaxiiContext,
  caller: Caller,
  request: FastifyRequest,
  what: 'collection' | 'object' | 'status',
  target: string,
): Promise<BulwarkError> {
  await auditTaxii(ctx, caller, request, { action: `taxii.${what}.read.denied`, target, outcome: 'denied' });
  return notFound(what, target);
}

export function notFound(what: 'collection' | 'object' | 'status', target: string): BulwarkError {
  return new BulwarkError('NOT_FOUND', `No ${what} ${target} here`, {
    ...(what === 'object' ? { objectId: target } : { path: what }),
    hint:
      what === 'collection'
        ? 'List the collections you may read at /taxii2/api/collections/'
        : 'Check the id, and that your organisation may read it',
  });
}
