/** One object of a collection (§5.5 GET, §5.6 DELETE) and its versions (§5.7). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulwarkError } from '../errors/index.ts';
import type { Caller } from '../hub/index.ts';
import type { StoredVersion } from '../store/index.ts';
import { auditTaxii, deniedRead, notFound } from './audit-taxii.ts';
import { callerOf } from './caller-of.ts';
import { collectionOf } from './collection-of.ts';
import type { CollectionView } from './collections.ts';
import { queryPage } from './query-page.ts';
import { MAX_PAGE, pageFilter, versionSelectors } from './query-params.ts';
import { sendPage, versionOf } from './respond.ts';
import { param, queryOf, route } from './route.ts';
import { API_ROOT, type TaxiiContext } from './taxii-context.ts';

/**
 * 404 for an object with no version the caller may read in this collection; audited as a denied read
 * when the object exists in the hub.
 */
async function absent(
  ctx: TaxiiContext,
  caller: Caller,
  request: FastifyRequest,
  id: string,
): Promise<BulwarkError> {
  const stored = await ctx.store.count({ scope: { kind: 'all' }, ids: [id], versions: { kind: 'all' } });
  return stored > 0 ? deniedRead(ctx, caller, request, 'object', id) : notFound('object', id);
}

export function registerObjectById(app: FastifyInstance, ctx: TaxiiContext): void {
  const base = `${API_ROOT}collections/:collection/objects/:id/`;
  route(app, 'GET', base, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
    const id = param(request, 'id');
    const filter = pageFilter(queryOf(request), { version: { kind: 'latest' } });
    const page = await queryPage(ctx.store, { scope: view.scope, ...view.filter, ...filter, ids: [id] });
    if (page.items.length === 0 && filter.afterSeq === undefined && (await isHidden(ctx, view, id))) {
      throw await absent(ctx, caller, request, id);
    }
    return sendPage(reply, page, 'objects', (v) => v.json);
  });
  route(app, 'GET', `${base}versions/`, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
    const id = param(request, 'id');
    const filter = pageFilter(queryOf(request), { version: false });
    const all = [{ kind: 'all' }] as const;
    const page = await queryPage(ctx.store, {
      scope: view.scope,
      ...view.filter,
      ...filter,
      ids: [id],
      versions: all,
    });
    if (page.items.length === 0 && filter.afterSeq === undefined && (await isHidden(ctx, view, id))) {
      throw await absent(ctx, caller, request, id);
    }
    return sendPage(reply, page, 'versions', (v) => JSON.stringify(versionOf(v)));
  });
  route(app, 'DELETE', base, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
    const id = param(request, 'id');
    const deleted = await deleteObject(ctx, caller, request, view, id);
    await auditTaxii(ctx, caller, request, {
      action: 'taxii.object.delete',
      target: id,
      outcome: 'ok',
      detail: { collection: view.id, versions: deleted },
    });
    return reply.status(200).send();
  });
}

/** True when the caller can read no version at all of `id` in the collection. */
async function isHidden(ctx: TaxiiContext, view: CollectionView, id: string): Promise<boolean> {
  return (
    (await ctx.store.count({ scope: view.scope, ...view.filter, ids: [id], versions: { kind: 'all' } })) === 0
  );
}

/**
 * Deletes the versions `match[version]` (default: all) and `match[spec_version]` select. Only the
 * author organisation may delete, and only where it may write; a version it cannot see is untouched.
 */
async function deleteObject(
  ctx: TaxiiContext,
  caller: Caller,
  request: FastifyRequest,
  view: CollectionView,
  id: string,
): Promise<number> {
  const params = queryOf(request);
  const filter = pageFilter(params, { version: false });
  const page = await queryPage(ctx.store, {
    scope: view.scope,
    ...view.filter,
    ids: [id],
    ...(filter.specVersions ? { specVersions: filter.specVersions } : {}),
    versions: versionSelectors(params, { kind: 'all' }),
    limit: MAX_PAGE,
  });
  if (page.items.length === 0) {
    throw (await isHidden(ctx, view, id)) ? await absent(ctx, caller, request, id) : notFound('object', id);
  }
  if (!view.canWrite || caller.kind !== 'member' || page.items.some((v) => v.authorOrg !== caller.orgId)) {
    await auditTaxii(ctx, caller, request, { action: 'taxii.object.delete', target: id, outcome: 'denied' });
    throw new BulwarkError(
      'FORBIDDEN',
      `Only the author organisation may delete ${id}, with write access here`,
      {
        objectId: id,
        hint: view.canWrite ? 'Ask the author organisation to delete or revoke it' : 'Use a contributor key',
      },
    );
  }
  return ctx.store.members.deleteVersions(id, await modifiedToDelete(ctx, id, page.items));
}

/** The `modified` list for deleteVersions, or undefined when every stored version goes. */
async function modifiedToDelete(
  ctx: TaxiiContext,
  id: string,
  chosen: readonly StoredVersion[],
): Promise<string[] | undefined> {
  const stored = await ctx.store.count({ scope: { kind: 'all' }, ids: [id], versions: { kind: 'all' } });
  if (stored === chosen.length) return undefined;
  return chosen.flatMap((v) => (v.modified === null ? [] : [v.modified]));
}
