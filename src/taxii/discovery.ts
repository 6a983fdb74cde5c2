/** Discovery (§4.1), the API root (§4.2) and the collections resources (§5.1, §5.2). */
import type { FastifyInstance } from 'fastify';
import { callerOf } from './caller-of.ts';
import { collectionOf } from './collection-of.ts';
import { collectionResource, collectionsFor } from './collections.ts';
import { TAXII_MEDIA_TYPE } from './media-types.ts';
import { sendTaxii } from './respond.ts';
import { param, route } from './route.ts';
import { API_ROOT, TAXII_ROOT, type TaxiiContext } from './taxii-context.ts';

export function registerDiscovery(app: FastifyInstance, ctx: TaxiiContext): void {
  route(app, 'GET', TAXII_ROOT, async (request, reply) => {
    await callerOf(ctx, request);
    return sendTaxii(reply, 200, {
      title: ctx.title,
      description: ctx.description,
      default: API_ROOT,
      api_roots: [API_ROOT],
    });
  });
  route(app, 'GET', API_ROOT, async (request, reply) => {
    await callerOf(ctx, request);
    return sendTaxii(reply, 200, {
      title: ctx.title,
      description: 'The hub: one collection per community, one per organisation, and reference data',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: ctx.maxContentLength,
    });
  });
  route(app, 'GET', `${API_ROOT}collections/`, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const views = await collectionsFor(ctx, caller);
    return sendTaxii(reply, 200, views.length === 0 ? {} : { collections: views.map(collectionResource) });
  });
  route(app, 'GET', `${API_ROOT}collections/:collection/`, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    const view = await collectionOf(ctx, caller, request, param(request, 'collection'));
    return sendTaxii(reply, 200, collectionResource(view));
  });
}
