/**
 * TAXII 2.1 at /taxii2/: content negotiation for every resource, the error message resource for every
 * error, then the resources themselves. Encapsulated, so the rest of the server keeps its own handlers.
 */
import type { FastifyInstance } from 'fastify';
import { CHALLENGE } from './caller-of.ts';
import { registerDiscovery } from './discovery.ts';
import { errorResourceOf } from './error-resource.ts';
import { requireAcceptable } from './media-types.ts';
import { registerObjectById } from './object-by-id.ts';
import { registerObjectsGet } from './objects-get.ts';
import { registerObjectsPost } from './objects-post.ts';
import { sendTaxii } from './respond.ts';
import { registerStatus } from './status.ts';
import { contextOf, TAXII_PREFIX, type TaxiiOptions } from './taxii-context.ts';

export function registerTaxii(app: FastifyInstance, options: TaxiiOptions): void {
  const ctx = contextOf(options);
  app.register(
    async (taxii) => {
      taxii.addContentTypeParser('application/taxii+json', { parseAs: 'string' }, (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          done(Object.assign(failure, { statusCode: 400 }), undefined);
        }
      });
      taxii.addHook('onRequest', async (request) => {
        requireAcceptable(request.headers.accept);
      });
      taxii.setErrorHandler((error, request, reply) => {
        const { status, resource, internal } = errorResourceOf(error);
        if (internal) request.log.error(error);
        if (status === 401) reply.header('WWW-Authenticate', CHALLENGE);
        return sendTaxii(reply, status, resource);
      });
      taxii.setNotFoundHandler(async (request, reply) => {
        const { resource } = errorResourceOf(undefined);
        return sendTaxii(reply, 404, {
          ...resource,
          title: 'Not found',
          description: `No TAXII resource at ${request.url}`,
          error_code: 'BULWARK_E_NOT_FOUND',
          http_status: '404',
        });
      });
      registerDiscovery(taxii, ctx);
      registerObjectsGet(taxii, ctx);
      registerObjectsPost(taxii, ctx);
      registerObjectById(taxii, ctx);
      registerStatus(taxii, ctx);
    },
    { prefix: TAXII_PREFIX },
  );
}
