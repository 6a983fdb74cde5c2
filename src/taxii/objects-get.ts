/** GET objects (§5.4) and the manifest (§5.3) of a collection, filtered and paged. */
import type { FastifyInstance } from 'fastify';
import { callerOf } from './caller-of.ts';
import { collectionOf } from './collection-of.ts';
import { STIX_MEDIA_TYPE } from './media-types.ts';
import { queryPage } from './query-page.ts';
import { pageFilter } from './query-params.ts';
import { sendPage, versionOf } from './respond.ts';
import { param, queryOf, route } from './route.ts';
import { API_ROOT, type TaxiiContext } from './taxii-context.ts';

const LIST_MATCHES = { id: true, type: true, version: { kind: 'latest' } } as const;

export function registerObjectsGet(app: FastifyInstance, ctx: TaxiiContext): void {
  const base = `${API_ROOT}collections/:collection/`;
  route(app, 'GET', `${base}objects/`, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
    const filter = pageFilter(queryOf(request), LIST_MATCHES);
    const page = await queryPage(ctx.store, { scope: view.scope, ...view.filter, ...filter });
    return sendPage(reply, page, 'objects', (v) => v.json);
  });
  route(app, 'GET', `${base}manifest/`, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
    const filter = pageFilter(queryOf(request), LIST_MATCHES);
    const page = await queryPage(ctx.store, { scope: view.scope, ...view.filter, ...filter });
    return sendPage(reply, page, 'objects', (v) =>
      JSON.stringify({
        id: v.id,
        date_added: v.dateAdded,
        version: versionOf(v),
        media_type: STIX_MEDIA_TYPE,
      }),
    );
  });
}
