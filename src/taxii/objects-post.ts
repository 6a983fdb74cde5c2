/**
 * POST objects (§5.4.2): the envelope goes through the hub's one import path (validation, TLP default,
 * audience), synchronously; the answer is a 202 with a complete status resource listing each object
 * as a success or a failure with the reason.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import { type ImportElement, importElements, type Rejection } from '../hub/index.ts';
import type { TaxiiStatus } from '../store/index.ts';
import { auditTaxii } from './audit-taxii.ts';
import { callerOf, type MemberCaller, unauthenticated } from './caller-of.ts';
import { collectionOf } from './collection-of.ts';
import type { CollectionView } from './collections.ts';
import { requireTaxiiContentType } from './media-types.ts';
import { sendTaxii } from './respond.ts';
import { param, route } from './route.ts';
import { statusResource } from './status-resource.ts';
import { API_ROOT, type TaxiiContext } from './taxii-context.ts';

type Detail = TaxiiStatus['successes'][number];

function envelopeObjects(body: unknown): unknown[] {
  const objects = (body as { objects?: unknown } | null)?.objects;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray(objects))
    return objects;
  throw new BulwarkError(
    'BAD_REQUEST',
    'The body is not a TAXII envelope: an object with an "objects" array',
    {
      path: 'objects',
      hint: 'Send {"objects": [ …STIX objects… ]}',
    },
  );
}

function detailOf(value: unknown, index: number): Detail {
  const object = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const id = typeof object.id === 'string' ? object.id : `(object ${index} of the envelope has no id)`;
  const version = typeof object.modified === 'string' ? object.modified : object.created;
  return typeof version === 'string' ? { id, version } : { id };
}

function failureMessage(rejection: Rejection): string {
  return rejection.errors.map((e) => `${e.message}${e.path ? ` (at ${e.path})` : ''}`).join('; ');
}

/** Imports the envelope's objects into the collection as the caller's organisation. */
async function importEnvelope(
  ctx: TaxiiContext,
  caller: MemberCaller,
  view: CollectionView,
  objects: unknown[],
): Promise<TaxiiStatus> {
  const requestTimestamp = new Date().toISOString();
  const failed = new Map<number, string>();
  const elements: ImportElement[] = objects.map((value, index) => ({ value, place: { index, line: 1 } }));
  await importElements(
    (async function* () {
      yield elements;
    })(),
    {
      store: ctx.store,
      source: `TAXII POST to collection ${view.id}`,
      authorOrg: caller.orgId,
      createdByRef: caller.orgId,
      defaultTlp: 'amber',
      audience: view.writeAudience,
      onRejected: (rejection) => failed.set(rejection.index, failureMessage(rejection)),
    },
  );
  const successes: Detail[] = [];
  const failures: Detail[] = [];
  objects.forEach((value, index) => {
    const message = failed.get(index);
    if (message === undefined) successes.push(detailOf(value, index));
    else failures.push({ ...detailOf(value, index), message });
  });
  return {
    id: randomUUID(),
    orgId: caller.orgId,
    status: 'complete',
    requestTimestamp,
    totalCount: objects.length,
    successCount: successes.length,
    failureCount: failures.length,
    pendingCount: 0,
    successes,
    failures,
    pendings: [],
  };
}

async function writableCollection(ctx: TaxiiContext, request: FastifyRequest) {
  const caller = await callerOf(ctx, request);
  if (caller.kind !== 'member') throw unauthenticated();
  const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
  if (!view.canWrite) {
    await auditTaxii(ctx, caller, request, {
      action: 'taxii.object.write',
      target: view.id,
      outcome: 'denied',
    });
    throw new BulwarkError('FORBIDDEN', `${view.title} is read-only for this key`, {
      path: 'collection',
      hint: view.kind === 'reference' ? 'Reference data is read-only' : 'Use a key with the contributor role',
    });
  }
  return { caller, view };
}

export function registerObjectsPost(app: FastifyInstance, ctx: TaxiiContext): void {
  const url = `${API_ROOT}collections/:collection/objects/`;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    requireTaxiiContentType(request.headers['content-type']);
    const { caller, view } = await writableCollection(ctx, request);
    const status = await importEnvelope(ctx, caller, view, envelopeObjects(request.body));
    await ctx.store.members.putStatus(status);
    await auditTaxii(ctx, caller, request, {
      action: 'taxii.object.write',
      target: view.id,
      outcome: 'ok',
      detail: { status: status.id, successes: status.successCount, failures: status.failureCount },
    });
    return sendTaxii(reply, 202, statusResource(status));
  };
  route(app, 'POST', url, handler, ctx.maxContentLength);
}
